import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cookieFrom, makeTestApp, type TestApp } from '../helpers/app.js';
import { fixture, utf8 } from './support.js';

async function upload(
  t: TestApp,
  cookie: string,
  fields: { course?: string; action?: string; name?: string; bytes?: Uint8Array },
  headers: Record<string, string> = {},
) {
  const body = new FormData();
  if (fields.course !== undefined) body.set('course', fields.course);
  body.set('action', fields.action ?? 'import');
  if (fields.bytes) body.set('file', new File([new Uint8Array(fields.bytes)], fields.name ?? 'questions.csv'));
  return t.request('/questions/import', { method: 'POST', cookie, body, headers });
}

const count = (t: TestApp, institutionId?: number) =>
  (
    t.db.$client
      .prepare(`select count(*) n from imported_questions${institutionId ? ' where institution_id = ?' : ''}`)
      .get(...(institutionId ? [institutionId] : [])) as { n: number }
  ).n;

describe('/questions web import', () => {
  it('lets instructors and admins in (with a nav link), and keeps trainees, the office and visitors out', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const office = await t.user('office', null);
    for (const email of [a.admin.email, a.instructor.email]) {
      const res = await t.request('/questions', { cookie: await t.login(email) });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<a href="/questions" aria-current="page">题库</a>');
    }
    for (const email of [a.trainee.email, office.email]) {
      const cookie = await t.login(email);
      for (const url of ['/questions', '/questions/import', '/questions/template.csv']) expect((await t.request(url, { cookie })).status).toBe(403);
      expect((await upload(t, cookie, { course: 'bcm-intro', bytes: fixture('messy.csv') })).status).toBe(403);
    }
    expect(await t.request('/questions/import')).toMatchObject({ status: 303 });
    expect(count(t)).toBe(0);
  });

  it('previews without saving, lists every bad row and saves nothing, then imports and lists the questions', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.instructor.email);

    const preview = await upload(t, cookie, { course: 'bcm-intro', action: 'preview', name: 'messy.csv', bytes: fixture('messy.csv') });
    expect(preview.status).toBe(200);
    const previewHtml = await preview.text();
    expect(previewHtml).toContain('预览：读取到 19 道题，尚未保存');
    expect(previewHtml).toContain('A-BCM-101-0001');
    expect(count(t)).toBe(0);

    const bad = await upload(t, cookie, { course: 'bcm-intro', name: 'bad-rows.csv', bytes: fixture('bad-rows.csv') });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('文件中有 14 处问题，未导入任何题目');
    expect(badHtml).toContain('第 2 行：单选题只能有一个答案');
    expect(badHtml).toContain('第 16 行：题目编号“DUP-1”在文件中重复（第一次出现在第 15 行）。');
    expect(count(t)).toBe(0);

    const done = await upload(t, cookie, { course: 'bcm-intro', name: 'messy.csv', bytes: fixture('messy.csv') });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/questions?course=bcm-intro');
    expect(count(t, a.inst.id)).toBe(19);
    const page = await (await t.request('/questions?course=bcm-intro', { cookie: `${cookie}; ${cookieFrom(done, 'bcm_flash')}` })).text();
    expect(page).toContain('已导入 19 道题（新增 19 道，更新 0 道）。');
    expect(page).toContain('BCM-101 银行客户经理概论（19 道题）');
    expect(page).toContain('<tr data-question="M-S1">');

    const overview = await (await t.request('/questions', { cookie })).text();
    expect(overview).toMatch(/<tr data-course="bcm-intro">[\s\S]*?data-type="single">3<[\s\S]*?data-type="total">19</);

    const audit = t.db.$client.prepare(`select actor_id, institution_id from audit_log where action = 'questions.import'`).all();
    expect(audit).toEqual([{ actor_id: a.instructor.id, institution_id: a.inst.id }]);
  });

  it('answers htmx with the result panel only, and a redirect header once imported', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const hx = { 'HX-Request': 'true' };
    const bad = await upload(t, cookie, { course: 'bcm-intro', name: 'full.gift', bytes: fixture('fullwidth.gift') }, hx);
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).not.toContain('<html');
    expect(html).toContain('第 1 行：第 21 列是全角“｛”');
    const ok = await upload(t, cookie, { course: 'bcm-intro', name: 'good.gift', bytes: fixture('good.gift') }, hx);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('HX-Redirect')).toBe('/questions?course=bcm-intro');
    expect(count(t)).toBe(6);
  });

  it('asks for a course and a file, and speaks English when the user does', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = `${await t.login(a.admin.email)}; bcm_lang=en`;
    const missing = await upload(t, cookie, { course: 'no-such-course' });
    expect(missing.status).toBe(400);
    const text = await missing.text();
    expect(text).toContain('Choose the course to import into.');
    expect(text).toContain('Choose a file to upload.');
    const bad = await upload(t, cookie, { course: 'bcm-intro', bytes: utf8('题型,题干,答案,解析\r\n判断,问题,也许,解析\r\n') });
    expect(await bad.text()).toContain('Row 2: “答案”: “也许” is not a true/false answer.');
    // A question without an explanation is no refusal: the preview notes it.
    const gift = await upload(t, cookie, { course: 'bcm-intro', action: 'preview', name: 'q.gift', bytes: utf8('::Q:: 问题 {=甲 ~乙}\n') });
    expect(gift.status).toBe(200);
    expect(await gift.text()).toContain('Line 1: No explanation: trainees will see “No explanation yet”');
  });

  it('imports a Moodle export with question names and no explanations, noting them in the preview and after the import', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const preview = await upload(t, cookie, { course: 'bcm-intro', action: 'preview', name: 'moodle-export.gift', bytes: fixture('moodle-export.gift') });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('3 条提醒（不影响导入）');
    expect(html).toContain('第 15 行：没有解析：导入后学员看到“暂无解析”');
    expect(html).toContain('<tr data-question="客户经理-职责-1">');
    expect(html).not.toContain('<script>alert');
    expect(count(t)).toBe(0);

    const done = await upload(t, cookie, { course: 'bcm-intro', name: 'moodle-export.gift', bytes: fixture('moodle-export.gift') });
    expect(done.status).toBe(303);
    const page = await (await t.request('/questions?course=bcm-intro', { cookie: `${cookie}; ${cookieFrom(done, 'bcm_flash')}` })).text();
    expect(page).toContain('已导入 5 道题（新增 5 道，更新 0 道）；其中 3 道没有解析，学员看到“暂无解析”。');
    // The Moodle question name is listed under its derived id.
    expect(page).toMatch(/<tr data-question="客户经理-职责-1-2"><td class="mono">客户经理-职责-1-2<span class="question-title">客户经理 职责 1<\/span>/);
    const stored = t.db.$client.prepare(`select data from imported_questions where question_id = ?`).get('客户经理-职责-2') as { data: string };
    expect(JSON.parse(stored.data)).toMatchObject({ title: '客户经理 职责 2', explanation: '' });
  });

  it('keeps each institution’s questions to itself', async () => {
    const t = await makeTestApp();
    const { a, b } = await t.twoInstitutions();
    const cookieA = await t.login(a.admin.email);
    const cookieB = await t.login(b.instructor.email);
    expect((await upload(t, cookieA, { course: 'bcm-intro', name: 'good.gift', bytes: fixture('good.gift') })).status).toBe(303);

    for (const url of ['/questions', '/questions?course=bcm-intro']) {
      const html = await (await t.request(url, { cookie: cookieB })).text();
      expect(html).not.toContain('G-001');
      expect(html).not.toContain('data-type="total">6<');
    }
    expect(await (await t.request('/questions?course=bcm-intro', { cookie: cookieB })).text()).toContain('该课程尚未导入题目。');

    // B may use the same ids: they are B's own questions, and A's stay as they were.
    expect((await upload(t, cookieB, { course: 'bcm-intro', name: 'good.gift', bytes: fixture('good.gift') })).status).toBe(303);
    expect([count(t, a.inst.id), count(t, b.inst.id)]).toEqual([6, 6]);
    const updated = await upload(t, cookieB, { course: 'bcm-intro', name: 'good.gift', bytes: fixture('good.gift') });
    const flashed = await t.request(updated.headers.get('location')!, { cookie: `${cookieB}; ${cookieFrom(updated, 'bcm_flash')}` });
    expect(await flashed.text()).toContain('已导入 6 道题（新增 0 道，更新 6 道）。');
    expect([count(t, a.inst.id), count(t, b.inst.id)]).toEqual([6, 6]);
  });

  it('serves the template as CSV and as XLSX with an instructions sheet', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.instructor.email);
    const csv = await t.request('/questions/template.csv', { cookie });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain('question-template.csv');
    expect(new Uint8Array(await csv.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));

    const xlsx = await t.request('/questions/template.xlsx', { cookie: `${cookie}; bcm_lang=en` });
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['题目', 'Instructions']);

    // The downloaded template imports as it is.
    const res = await upload(t, cookie, { course: 'bcm-intro', action: 'preview', name: 'question-template.xlsx', bytes });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('预览：读取到 5 道题，尚未保存');
  });
});
