import { afterEach, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { createApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/client.js';
import { cookieFrom } from '../helpers/app.js';
import {
  answerRows,
  attemptRow,
  blueprintDir,
  correctPicks,
  examApp,
  explanationsOf,
  htmlText,
  page,
  save,
  slotsIn,
  start,
  TINY_BLUEPRINT,
} from '../helpers/exams.js';

// Starting, resuming and showing an attempt: one open attempt per exam, a paper that survives
// refreshes, second devices and restarts, and no answer key in the page before submission.

afterEach(() => vi.useRealTimers());

describe('starting an exam', () => {
  it('starts once and resumes after that, even when many starts arrive together', async () => {
    const { t, a, cookie } = await examApp();
    const first = await start(t, cookie);
    expect(await start(t, cookie)).toBe(first);
    const storm = await Promise.all(Array.from({ length: 25 }, () => start(t, cookie, 'assistant-mock')));
    expect(new Set(storm)).toEqual(new Set([first]));
    const open = t.db.$client.prepare("select count(*) n from exam_attempts where trainee_id = ? and status = 'open'").get(a.trainee.id);
    expect(open).toEqual({ n: 1 });
  });

  it('is held by the database too: a second open attempt of the same exam is refused, closed ones are not limited', async () => {
    const { t, a, cookie } = await examApp();
    const first = await start(t, cookie);
    // As a second process's start would write it, bypassing the check the app makes first.
    const insert = t.db.$client.prepare(
      "insert into exam_attempts (trainee_id, institution_id, exam_key, mode, seed, paper, started_at, status, last_seq) select trainee_id, institution_id, exam_key, mode, 'other', paper, started_at, ?, 0 from exam_attempts where id = ?",
    );
    expect(() => insert.run('open', first)).toThrow(/UNIQUE constraint failed: exam_attempts.trainee_id, exam_attempts.exam_key/);
    insert.run('submitted', first);
    insert.run('submitted', first);
    const rows = t.db.$client.prepare('select status, count(*) n from exam_attempts where trainee_id = ? group by status order by status').all(a.trainee.id);
    expect(rows).toEqual([
      { status: 'open', n: 1 },
      { status: 'submitted', n: 2 },
    ]);
  });

  it('records started_at, a server deadline from the time limit, the seed and the paper', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 4, 6, 1, 0, 0));
    const { t, a, cookie } = await examApp();
    const id = await start(t, cookie);
    const row = attemptRow(t, id);
    expect(row.started_at).toBe(Date.UTC(2026, 4, 6, 1, 0, 0));
    expect(row.deadline_at).toBe(row.started_at + 60 * 60_000);
    expect(row.seed).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.parse(row.paper).items.length).toBe(45); // courses/blueprints.yaml: 3 courses × (9 + 3 + 2 + 1 case)
    const full = t.db.$client.prepare('select cohort_id, institution_id, mode, exam_key from exam_attempts where id = ?').get(id);
    expect(full).toEqual({ cohort_id: a.cohort.id, institution_id: a.inst.id, mode: 'exam', exam_key: 'assistant-mock' });
  });

  it('refuses an exam of a level the trainee is not enrolled in, and unknown exams', async () => {
    const { t, cookie } = await examApp();
    expect((await t.request('/exams/start/retail-mock', { method: 'POST', cookie })).status).toBe(403);
    expect((await t.request('/exams/start/no-such-exam', { method: 'POST', cookie })).status).toBe(404);
    expect((await t.request('/exams/practice/retail-risk', { method: 'POST', cookie })).status).toBe(403);
  });

  it('refuses to hand out a short paper when the pool cannot fill the blueprint', async () => {
    const { t, cookie } = await examApp({ COURSES_DIR: blueprintDir(TINY_BLUEPRINT.replace('case: 1', 'case: 500')) });
    const res = await t.request('/exams/start/tiny-mock', { method: 'POST', cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/exams');
    const flash = cookieFrom(res, 'bcm_flash');
    expect(await (await t.request('/exams', { cookie: `${cookie}; ${flash}` })).text()).toContain('题库题量不足');
    expect(t.db.$client.prepare('select count(*) n from exam_attempts').get()).toEqual({ n: 0 });
    expect(t.logLines.join('')).toContain('exam cannot be drawn from the pool');
  });

  it('lists the trainee’s exams and practice courses', async () => {
    const { t, cookie } = await examApp();
    const html = await (await t.request('/exams', { cookie })).text();
    expect(html).toContain('助理级银行客户经理模拟考试');
    expect(html).not.toContain('高级银行客户经理模拟考试');
    expect(html).toContain('/exams/practice/bcm-intro');
    expect(html).toContain('href="/exams/notice/assistant-mock"'); // the card leads to 考前须知, which starts
    await start(t, cookie);
    expect(await (await t.request('/exams', { cookie })).text()).toContain('继续考试');
  });
});

describe('the exam page', () => {
  it('is never cached and carries stems and options but no answer key or explanation', async () => {
    const { t, cookie } = await examApp();
    const id = await start(t, cookie);
    const res = await t.request(`/exams/attempts/${id}`, { cookie });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(slotsIn(html)).toHaveLength((await correctPicks(t, id)).size);
    const explanations = await explanationsOf(t, id);
    expect(explanations.length).toBeGreaterThan(JSON.parse(attemptRow(t, id).paper).items.length); // case parts have their own
    expect(explanations.filter((e) => html.includes(htmlText(e)) || html.includes(e))).toEqual([]);
    // No marker of the right option anywhere: no review markup, no key labels, no seed.
    const markers = ['is-key', 'tag-key', 'data-answer', 'data-correct', '正确答案', '正确选项', '解析', 'is-right', attemptRow(t, id).seed];
    expect(markers.filter((m) => html.includes(m))).toEqual([]);
    // Option values are display positions; nothing in the page says which one is right.
    expect(html).not.toMatch(/value="[A-F]{1,6}"/);
  });

  it('numbers every slot, offers a navigator, a timer for screen readers and the submit form', async () => {
    const { t, cookie } = await examApp();
    const id = await start(t, cookie);
    const html = await page(t, cookie, id);
    const n = slotsIn(html).length;
    expect(html.match(/<li><a href="#q-\d+"/g)).toHaveLength(n);
    expect(html).toContain('role="timer"');
    expect(html).toContain('id="timer-announce" class="visually-hidden" aria-live="assertive"');
    expect(html).toContain('<script src="/static/js/exam.js" defer="">');
    expect(html).toContain(`action="/exams/attempts/${id}/submit"`);
    expect(html).toContain('data-deadline="');
  });
});

describe('continuing an attempt', () => {
  it('shows every acknowledged answer after a refresh and on a second device', async () => {
    const { t, a, cookie } = await examApp();
    const id = await start(t, cookie);
    const slots = slotsIn(await page(t, cookie, id));
    expect((await save(t, cookie, id, { q: slots[0]!.key, a: ['2'], seq: 10 })).status).toBe(200);
    expect((await save(t, cookie, id, { q: slots[3]!.key, a: ['1'], f: true, seq: 11 })).status).toBe(200);
    const secondDevice = await t.login(a.trainee.email);
    expect(await start(t, secondDevice)).toBe(id);
    const html = await page(t, secondDevice, id);
    const form0 = html.match(new RegExp(`<form id="q-${slots[0]!.no}"[\\s\\S]*?</form>`))![0];
    expect(form0).toMatch(/<input type="radio" name="a" value="2" checked=""/);
    expect(form0).toContain('data-seq="10"');
    const form3 = html.match(new RegExp(`<form id="q-${slots[3]!.no}"[\\s\\S]*?</form>`))![0];
    expect(form3).toMatch(/name="f" value="1" checked=""/);
    expect(html).toContain('data-last-seq="11"');
  });

  it('survives a server restart: a new app on the same database file has the same answers and deadline', async () => {
    const { t, cookie } = await examApp();
    const id = await start(t, cookie);
    const slots = slotsIn(await page(t, cookie, id));
    await save(t, cookie, id, { q: slots[5]!.key, a: [slots[5]!.values[1]!], seq: 42 });
    const before = attemptRow(t, id);
    t.db.$client.close();

    const db = openDatabase(t.config.databasePath);
    const app = createApp({ db, config: t.config, logger: pino({ level: 'silent' }), catalog: t.catalog });
    const res = await app.request(`/exams/attempts/${id}`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`data-deadline="${before.deadline_at}"`);
    expect(slotsIn(html).map((s) => s.key)).toEqual(slots.map((s) => s.key));
    expect(html).toContain('data-seq="42"');
    const after = db.$client.prepare('select deadline_at, paper, seed from exam_attempts where id = ?').get(id);
    expect(after).toEqual({ deadline_at: before.deadline_at, paper: before.paper, seed: before.seed });
    expect(db.$client.prepare('select answer, seq from attempt_answers where attempt_id = ?').all(id)).toEqual([
      { answer: expect.stringMatching(/^[A-F]$/), seq: 42 },
    ]);
    db.$client.close();
  });

  it('keeps the paper when the blueprint or banks change later (it is stored, not re-drawn)', async () => {
    const { t, a, cookie } = await examApp();
    const id = await start(t, cookie);
    const keys = slotsIn(await page(t, cookie, id)).map((s) => s.key);
    // A new import changes the pool; the running attempt still shows its own paper.
    t.db.$client
      .prepare(
        "insert into imported_questions (institution_id, course_slug, question_id, type, data, imported_at) values (?, 'bcm-intro', 'NEW-1', 'truefalse', ?, ?)",
      )
      .run(
        a.inst.id,
        JSON.stringify({
          id: 'NEW-1',
          type: 'truefalse',
          stem: '新导入的题',
          answer: true,
          explanation: '解',
          difficulty: 1,
          lesson: '01-role-and-duties',
          topic: 't',
        }),
        Date.now(),
      );
    expect(slotsIn(await page(t, cookie, id)).map((s) => s.key)).toEqual(keys);
    expect(answerRows(t, id)).toEqual([]);
  });
});
