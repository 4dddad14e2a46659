import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import * as people from '../../src/institutions/store.js';
import { paperSlots, type Paper } from '../../src/exams/types.js';
import type { TestApp } from '../helpers/app.js';
import { attemptRow, blueprintDir, correctPicks, examApp, page, save, slotsIn, start, TINY_BLUEPRINT } from '../helpers/exams.js';

// The instructors' side of exams: results per cohort, the distribution, item statistics with
// original option letters, the CSV/XLSX exports, and who may see any of it.

type Setup = Awaited<ReturnType<typeof examApp>>;

async function submit(t: TestApp, cookie: string, id: number) {
  expect((await t.request(`/exams/attempts/${id}/submit`, { method: 'POST', cookie, body: t.form({ pending: '' }) })).status).toBe(303);
}

/** Sits tiny-mock answering every slot right, or leaving everything blank. */
async function sit(t: TestApp, cookie: string, how: 'right' | 'blank'): Promise<number> {
  const id = await start(t, cookie, 'tiny-mock');
  if (how === 'right') {
    let seq = 1;
    for (const [q, a] of await correctPicks(t, id)) expect((await save(t, cookie, id, { q, a, seq: seq++ })).status).toBe(200);
  }
  await submit(t, cookie, id);
  return id;
}

async function extraTrainee(s: Setup, name: string, email = `${name}@a.example`) {
  const trainee = await s.t.user('trainee', s.a.inst.id, email);
  s.t.db.$client.prepare('update users set name = ? where id = ?').run(name, trainee.id);
  people.enrol(s.t.db, s.a.cohort.id, trainee.id);
  return { ...trainee, cookie: await s.t.login(trainee.email) };
}

const base = (s: Setup) => `/cohorts/${s.a.cohort.id}/exams`;

describe('exam analytics', () => {
  it('lists each trainee’s attempts, best and latest score, result, time and extra time, with a distribution', async () => {
    const s = await examApp({ COURSES_DIR: blueprintDir(TINY_BLUEPRINT) });
    const { t, a } = s;
    const wang = await extraTrainee(s, '王一');
    const li = await extraTrainee(s, '李二');
    await sit(t, s.cookie, 'blank'); // the demo trainee: 0%, then full marks
    const best = await sit(t, s.cookie, 'right');
    await sit(t, wang.cookie, 'right');
    await start(t, li.cookie, 'tiny-mock'); // still running
    const instructor = await t.login(a.instructor.email);
    const grant = await t.request('/exams/grants', {
      method: 'POST',
      cookie: instructor,
      body: t.form({ traineeId: String(li.id), examKey: 'tiny-mock', minutes: '15', reason: '' }),
    });
    expect(grant.status).toBe(303);

    const index = await t.request(base(s), { cookie: instructor });
    expect(index.status).toBe(200);
    const indexHtml = await index.text();
    expect(indexHtml).toContain('小测验');
    expect(indexHtml).toMatch(/3 \/ 3<\/td>/); // sat / roster

    const res = await t.request(`${base(s)}/tiny-mock`, { cookie: instructor });
    expect(res.status).toBe(200);
    const html = await res.text();
    const row = (id: number) => new RegExp(`<tr data-trainee="${id}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
    const max = attemptRow(t, best).max_score;
    expect(row(a.trainee.id)).toContain(`>2</td>`);
    expect(row(a.trainee.id)).toContain(`href="/exams/attempts/${best}">${max}/${max}（100%）`);
    expect(row(a.trainee.id)).toContain('合格');
    expect(row(li.id)).toContain('进行中');
    expect(row(li.id)).toContain('15 分钟');
    expect(html).toContain('data-testid="histogram"');
    expect(html).toContain('/exams/grants');
    // Best attempt per trainee by default: two at 100%; all attempts add the blank one at 0%.
    expect(html).toContain('共 2 份答卷');
    const all = await (await t.request(`${base(s)}/tiny-mock?basis=all`, { cookie: instructor })).text();
    expect(all).toContain('共 3 份答卷');
    expect(/<th scope="row">0%–10%<\/th><td class="num">1<\/td>/.test(all)).toBe(true);
  });

  it('counts option picks by the question’s original letters, whatever order the trainee saw', async () => {
    const s = await examApp({ COURSES_DIR: blueprintDir(TINY_BLUEPRINT) });
    const { t, a } = s;
    const id = await start(t, s.cookie, 'tiny-mock');
    const slots = slotsIn(await page(t, s.cookie, id));
    const paper = JSON.parse(attemptRow(t, id).paper) as { items: { key: string; type: string; order?: number[] }[] };
    // A single-choice question whose shuffle moved some option: pick the one shown in that place.
    const item = paper.items.find((i) => i.type === 'single' && i.order!.some((o, p) => o !== p))!;
    const shown = item.order!.findIndex((o, p) => o !== p);
    const original = 'ABCDEF'[item.order![shown]!]!;
    const displayed = 'ABCDEF'[shown]!;
    expect(slots.some((x) => x.key === item.key)).toBe(true);
    expect((await save(t, s.cookie, id, { q: item.key, a: [String(shown)], seq: 1 })).status).toBe(200);
    await submit(t, s.cookie, id);

    const html = await (await t.request(`${base(s)}/tiny-mock/items`, { cookie: await t.login(a.admin.email) })).text();
    const row = new RegExp(`<tr data-key="${item.key}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
    const count = (letter: string) => Number(new RegExp(`data-option="${letter}">[\\s\\S]*?<span class="opt-count">(\\d+)</span>`).exec(row)?.[1]);
    expect(count(original)).toBe(1);
    expect(count(displayed)).toBe(0);
    expect(row).toContain('n 太小'); // one attempt
    expect(row).toContain('class="is-key"');
  });

  it('reports facility per question over the first attempts', async () => {
    const s = await examApp({ COURSES_DIR: blueprintDir(TINY_BLUEPRINT) });
    const { t, a } = s;
    const wang = await extraTrainee(s, '王一');
    const right = await sit(t, s.cookie, 'right');
    const retake = await sit(t, s.cookie, 'blank'); // not a first attempt
    const blank = await sit(t, wang.cookie, 'blank');
    // Papers are drawn at random, so each question was seen by some of these attempts only.
    const keys = (id: number) => paperSlots(JSON.parse(attemptRow(t, id).paper) as Paper).map((x) => x.key);
    const expected = (ids: number[]) => {
      const out = new Map<string, string>();
      for (const key of new Set(ids.flatMap(keys))) {
        const seen = ids.filter((id) => keys(id).includes(key));
        out.set(key, `${seen.length}:${(seen.filter((id) => id === right).length / seen.length).toFixed(2)}`);
      }
      return out;
    };
    const cookie = await t.login(a.instructor.email);
    const shown = async (query: string) => {
      const html = await (await t.request(`${base(s)}/tiny-mock/items${query}`, { cookie })).text();
      return new Map(
        [...html.matchAll(/<tr data-key="([^"]+)">[\s\S]*?<td class="num">(\d+)<\/td><td class="num">([\d.]+)<\/td>/g)].map((m) => [m[1]!, `${m[2]}:${m[3]}`]),
      );
    };
    expect(await shown('')).toEqual(expected([right, blank]));
    expect(await shown('?basis=all')).toEqual(expected([right, retake, blank]));
  });

  it('exports the results as CSV with a BOM and as XLSX with typed columns and a frozen header', async () => {
    const s = await examApp({ COURSES_DIR: blueprintDir(TINY_BLUEPRINT) });
    const { t, a } = s;
    const tricky = await extraTrainee(s, '=HYPERLINK("x")', 'tricky@a.example');
    const best = await sit(t, s.cookie, 'right');
    const cookie = await t.login(a.admin.email);
    const max = attemptRow(t, best).max_score;

    const csv = await t.request(`${base(s)}/tiny-mock/results.csv`, { cookie });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="exam-results-${a.cohort.id}-tiny-mock.csv"`);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(Buffer.from(bytes), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    const me = rows.find((r) => r['姓名'] === 'trainee 用户')!;
    expect(me).toMatchObject({ 交卷次数: '1', 最高分: String(max), '最高得分率（%）': '100', 结果: '合格', '延长时间（分钟）': '0' });
    expect(me['最近交卷时间']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(rows.find((r) => r['邮箱'] === tricky.email)).toMatchObject({ 姓名: `'=HYPERLINK("x")`, 交卷次数: '0', 结果: '未参加', 最高分: '' });

    const xlsx = await t.request(`${base(s)}/tiny-mock/results.xlsx`, { cookie });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header[0]).toBe('姓名');
    const col = (name: string) => header.indexOf(name) + 1;
    const mine = [2, 3].map((r) => sheet.getRow(r)).find((r) => r.getCell(1).value === 'trainee 用户')!;
    expect(mine.getCell(col('交卷次数')).value).toBe(1);
    expect(mine.getCell(col('最高分')).value).toBe(max);
    expect(mine.getCell(col('最高得分率（%）')).value).toBe(100);
    expect(typeof mine.getCell(col('用时（分钟）')).value).toBe('number');
    expect(mine.getCell(col('最近交卷时间')).value).toBeInstanceOf(Date);
    expect(mine.getCell(col('最近交卷时间')).numFmt).toBe('yyyy-mm-dd hh:mm');
    const theirs = [2, 3].map((r) => sheet.getRow(r)).find((r) => r.getCell(1).value !== 'trainee 用户')!;
    expect(theirs.getCell(1).value).toBe('=HYPERLINK("x")'); // a string cell, not a formula
  });

  it('is for the institution’s admin and the cohort’s instructors only', async () => {
    const s = await examApp({ COURSES_DIR: blueprintDir(TINY_BLUEPRINT) });
    const { t, a, b } = s;
    const paths = ['', '/tiny-mock', '/tiny-mock/items', '/tiny-mock/results.csv', '/tiny-mock/results.xlsx'].map((p) => `${base(s)}${p}`);
    const statuses = async (cookie: string) => Promise.all(paths.map(async (p) => (await t.request(p, { cookie })).status));
    expect(await statuses(await t.login(a.admin.email))).toEqual([200, 200, 200, 200, 200]);
    expect(await statuses(await t.login(a.instructor.email))).toEqual([200, 200, 200, 200, 200]);
    expect(await statuses(await t.login(b.instructor.email))).toEqual([404, 404, 404, 404, 404]);
    expect(await statuses(await t.login(b.admin.email))).toEqual([404, 404, 404, 404, 404]);
    const unassigned = await t.user('instructor', a.inst.id, 'spare@a.example');
    expect(await statuses(await t.login(unassigned.email))).toEqual([403, 403, 403, 403, 403]);
    expect(await statuses(s.cookie)).toEqual([403, 403, 403, 403, 403]);
    expect((await t.request(paths[1]!)).status).toBe(303); // to the login page
    const admin = await t.login(a.admin.email);
    expect((await t.request(`${base(s)}/no-such-exam`, { cookie: admin })).status).toBe(404);
    expect((await t.request(`/cohorts/999999/exams`, { cookie: admin })).status).toBe(404);
  });

  it('is linked from the admin’s and the instructor’s cohort pages', async () => {
    const s = await examApp();
    const { t, a } = s;
    const link = `href="/cohorts/${a.cohort.id}/exams"`;
    expect(await (await t.request(`/admin/cohorts/${a.cohort.id}`, { cookie: await t.login(a.admin.email) })).text()).toContain(link);
    expect(await (await t.request(`/instructor/cohorts/${a.cohort.id}`, { cookie: await t.login(a.instructor.email) })).text()).toContain(link);
    // The real blueprints: the assistant cohort sees the assistant mock exam only.
    const index = await (await t.request(`/cohorts/${a.cohort.id}/exams`, { cookie: await t.login(a.admin.email) })).text();
    expect(index).toContain('/exams/assistant-mock"');
    expect(index).not.toContain('retail-mock');
    expect((await t.request(`/cohorts/${a.cohort.id}/exams/retail-mock`, { cookie: await t.login(a.admin.email) })).status).toBe(404);
  });
});
