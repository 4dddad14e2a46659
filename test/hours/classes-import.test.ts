import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/app.js';
import { createUser, enrol, upsertProfile } from '../../src/institutions/store.js';
import { parseAttendanceExport, type ExportRecord } from '../../src/hours/attendance/remote-import.js';
import { addSession, count, entries, MIN, presence, T0, total } from './helpers.js';
import { MB, rss, xlsxBomb } from '../platform/zip.js';

// Importing a video platform's attendance export (Tencent Meeting style) into a remote session.

const TZ = 'Asia/Shanghai';
const rows = (lines: string[][]): ExportRecord[] => lines.map((cells, i) => ({ line: i + 1, cells }));
const people = [
  { id: 1, name: '张伟', employeeNo: 'E1001' },
  { id: 2, name: '张伟', employeeNo: 'E1002' },
  { id: 3, name: '李娜', employeeNo: null },
];

describe('reading an attendance export', () => {
  it('merges several join/leave rows of one person and reads times as Beijing time', () => {
    const parsed = parseAttendanceExport(
      rows([
        ['参会者', '工号', '入会时间', '离会时间'],
        ['李娜', '', '2026-03-02 09:01:33', '2026-03-02 09:30:00'],
        ['李娜', '', '2026/3/2 9:25', '2026/3/2 10:00'],
        ['李娜', '', '2026/3/2 10:10', '2026/3/2 10:20'],
      ]),
      people,
      { timeZone: TZ },
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.intervals.get(3)).toEqual([
      { start: T0 + MIN + 33_000, end: T0 + 60 * MIN },
      { start: T0 + 70 * MIN, end: T0 + 80 * MIN },
    ]);
    expect(parsed.matchedRows).toBe(3);
  });

  it('matches by employee number first, then by exact name; a shared name without a number is an error', () => {
    const ok = parseAttendanceExport(
      rows([
        ['姓名', '工号', '加入时间', '退出时间'],
        ['张伟', 'e1002', '2026-03-02 09:00', '2026-03-02 09:30'],
      ]),
      people,
      { timeZone: TZ },
    );
    expect(ok.ok && [...ok.intervals.keys()]).toEqual([2]);
    const ambiguous = parseAttendanceExport(
      rows([
        ['姓名', '入会时间', '离会时间'],
        ['张伟', '2026-03-02 09:00', '2026-03-02 09:30'],
      ]),
      people,
      { timeZone: TZ },
    );
    expect(ambiguous).toEqual({ ok: false, problems: [{ line: 2, code: 'ambiguousName', name: '张伟' }] });
  });

  it('reports unknown people by line and imports the rest', () => {
    const parsed = parseAttendanceExport(
      rows([
        ['name', 'join', 'leave'],
        ['李娜', '2026-03-02 09:00', '2026-03-02 10:00'],
        ['王讲师', '2026-03-02 08:55', '2026-03-02 10:30'],
      ]),
      people,
      { timeZone: TZ },
    );
    expect(parsed).toMatchObject({ ok: true, unknown: [{ line: 3, who: '王讲师' }] });
  });

  it('reports every malformed line, and a missing column, without importing anything', () => {
    const bad = parseAttendanceExport(
      rows([
        ['姓名', '入会时间', '离会时间'],
        ['李娜', '2026-03-02 09:00', '2026-03-02 10:00'],
        ['李娜', '昨天上午', '2026-03-02 10:00'],
        ['李娜', '2026-03-02 10:00', '2026-03-02 09:00'],
        ['', '2026-03-02 09:00', '2026-03-02 10:00'],
        ['李娜', '2026-02-30 09:00', '2026-03-02 25:00'],
      ]),
      people,
      { timeZone: TZ },
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => [p.line, p.code])).toEqual([
      [3, 'badTime'],
      [4, 'leaveBeforeJoin'],
      [5, 'noPerson'],
      [6, 'badTime'],
      [6, 'badTime'],
    ]);
    const noLeave = parseAttendanceExport(
      rows([
        ['姓名', '入会时间'],
        ['李娜', '2026-03-02 09:00'],
      ]),
      people,
      { timeZone: TZ },
    );
    expect(noLeave).toEqual({ ok: false, problems: [{ line: 1, code: 'missingColumn', column: '离会时间' }] });
  });
});

async function world() {
  const t = await makeTestApp();
  const { a } = await t.twoInstitutions();
  const second = createUser(t.db, { email: 'wang@a.example', name: '王芳', role: 'trainee', institutionId: a.inst.id });
  upsertProfile(t.db, { userId: second.id, employeeNo: 'E2001', education: 'bachelor', yearsInFinance: 1 });
  enrol(t.db, a.cohort.id, second.id);
  const session = addSession(t, a.cohort, { mode: 'remote', minutes: 100 });
  const cookie = await t.login(a.instructor.email);
  const upload = (name: string, body: BlobPart) => {
    const form = new FormData();
    form.append('file', new File([body], name));
    return t.request(`/sessions/${session.id}/import`, { method: 'POST', cookie, body: form });
  };
  return { t, a, second, session, cookie, upload };
}

describe('importing an export into a remote session', () => {
  it('merges each person’s rows, credits them, and reports unknown people by line', async () => {
    const { t, a, second, session, upload } = await world();
    const csv = [
      '参会者,工号,入会时间,离会时间',
      'trainee 用户,,2026-03-02 09:00:00,2026-03-02 09:40:00',
      'trainee 用户,,2026-03-02 09:35:00,2026-03-02 10:30:00', // overlaps the first row: 90 min in all
      '某某,E2001,2026-03-02 09:00,2026-03-02 09:30', // employee number wins over the display name
      '访客 1,,2026-03-02 09:00,2026-03-02 10:40',
    ].join('\r\n');
    const res = await upload('会议参会明细.csv', csv);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('已导入 3 行参会记录，涉及 2 名学员。');
    expect(html).toContain('第 5 行：未找到学员“访客 1”。');
    expect(presence(t, session.id, a.trainee.id)).toEqual([{ startAt: T0, endAt: T0 + 90 * MIN, source: 'import' }]);
    expect(total(entries(t, session.id, a.trainee.id))).toBe(100); // 90 % ≥ 80 %: the whole session
    expect(total(entries(t, session.id, second.id))).toBe(30);
    expect(entries(t, session.id, second.id)[0]).toMatchObject({ source: 'import', mode: 'remote', recorded_by: a.instructor.id });
    // The same file again changes nothing.
    await upload('会议参会明细.csv', csv);
    expect(total(entries(t, session.id, a.trainee.id))).toBe(100);
    expect(entries(t, session.id, a.trainee.id)).toHaveLength(1);
  });

  it('imports nothing from a malformed file and names every bad line', async () => {
    const { t, upload } = await world();
    const csv = [
      '姓名,入会时间,离会时间',
      'trainee 用户,2026-03-02 09:00,2026-03-02 10:00',
      '王芳,9点,2026-03-02 10:00',
      '王芳,2026-03-02 10:00,2026-03-02 09:00',
    ].join('\n');
    const res = await upload('export.csv', csv);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('文件有 2 处问题，未导入任何记录');
    expect(html).toContain('第 3 行：“入会时间”的值“9点”不是有效时间');
    expect(html).toContain('第 4 行：离会时间早于入会时间。');
    expect(count(t, 'remote_presence')).toBe(0);
    expect(count(t, 'hour_entries')).toBe(0);
    const missing = await upload('export.csv', '姓名,入会时间\ntrainee 用户,2026-03-02 09:00');
    expect(await missing.text()).toContain('第 1 行：缺少“离会时间”列。');
  });

  it('reads an XLSX export with real date cells, and a GBK CSV', async () => {
    const { t, a, second, session, upload } = await world();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('参会明细');
    sheet.addRow(['用户名', '入会时间', '离会时间']);
    // Excel date cells hold wall-clock time; exceljs hands them over as UTC fields.
    sheet.addRow(['trainee 用户', new Date(Date.UTC(2026, 2, 2, 9, 0)), new Date(Date.UTC(2026, 2, 2, 10, 0))]);
    const xlsx = await upload('export.xlsx', new Uint8Array(await book.xlsx.writeBuffer()));
    expect(xlsx.status).toBe(200);
    expect(presence(t, session.id, a.trainee.id)).toEqual([{ startAt: T0, endAt: T0 + 60 * MIN, source: 'import' }]);
    const gbk = Buffer.from('d0d5c3fb2cc8ebbbe1cab1bce42cc0ebbbe1cab1bce40a', 'hex'); // 姓名,入会时间,离会时间\n in GBK
    const res = await upload('export.csv', Buffer.concat([gbk, Buffer.from('\xcd\xf5\xb7\xbc,2026-03-02 09:00,2026-03-02 09:20\n', 'latin1')]));
    expect(res.status).toBe(200);
    expect(total(entries(t, session.id, second.id))).toBe(20);
  });

  it('refuses a file whose times miss the session, and a face-to-face session’s import', async () => {
    const { t, a, upload } = await world();
    const res = await upload('export.csv', '姓名,入会时间,离会时间\ntrainee 用户,2026-03-09 09:00,2026-03-09 10:00');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('与本次课程时间没有重叠');
    expect(count(t, 'remote_presence')).toBe(0);
    const classroom = addSession(t, a.cohort);
    const form = new FormData();
    form.append('file', new File(['x'], 'x.csv'));
    expect((await t.request(`/sessions/${classroom.id}/import`, { method: 'POST', cookie: await t.login(a.admin.email), body: form })).status).toBe(404);
  });
});

describe('attendance file bounds (issue 11 item 3)', () => {
  it('refuses a 1,000,000-row CSV fast, with one clear message and bounded memory', async () => {
    const { t, upload } = await world();
    const csv = `参会者,入会时间,离会时间\n${'a\n'.repeat(1_000_000)}`;
    const start = rss();
    const res = await upload('big.csv', csv);
    const html = await res.text();
    expect(rss() - start).toBeLessThan(100 * MB);
    expect(res.status).toBe(400);
    expect(html).toContain('一个参会记录文件最多 20000 行，此文件超出了。');
    expect(count(t, 'remote_presence')).toBe(0);
  });

  it('refuses an XLSX that unpacks to hundreds of megabytes, with bounded memory', async () => {
    const { upload } = await world();
    const bomb = await xlsxBomb(480);
    const start = rss();
    const res = await upload('bomb.xlsx', new Uint8Array(bomb));
    const html = await res.text();
    expect(rss() - start).toBeLessThan(100 * MB);
    expect(res.status).toBe(400);
    expect(html).toContain('XLSX 文件解压后过大（最多 40 MB、250000 个单元格）。');
  });

  it('lists the first 100 bad lines and says how many more there are', async () => {
    const { upload } = await world();
    const bad = Array.from({ length: 180 }, () => 'trainee 用户,not a time,2026-03-02 10:00');
    const html = await (await upload('bad.csv', `参会者,入会时间,离会时间\n${bad.join('\n')}\n`)).text();
    expect(html).toContain('文件有 180 处问题');
    expect(html.match(/不是有效时间/g)).toHaveLength(100);
    expect(html).toContain('……另有 80 条未列出。');
  });
});
