import { describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { attemptRow, blueprintDir, correctPicks, examApp, explanationsOf, htmlText, page, save, slotsIn, start, TINY_BLUEPRINT } from '../helpers/exams.js';

// After the attempt: score, breakdown, review, history, practice with feedback, 错题本.

async function submit(t: TestApp, cookie: string, id: number) {
  const res = await t.request(`/exams/attempts/${id}/submit`, { method: 'POST', cookie, body: t.form({ pending: '' }) });
  expect(res.status).toBe(303);
}

async function answerAll(t: TestApp, cookie: string, id: number, pick: (key: string, right: string[]) => string[] | undefined) {
  const right = await correctPicks(t, id);
  let seq = 1;
  for (const [key, picks] of right) {
    const a = pick(key, picks);
    if (a) expect((await save(t, cookie, id, { q: key, a, seq: seq++ })).status).toBe(200);
  }
}

const check = (t: TestApp, cookie: string, id: number, q: string, a: string[]) => {
  const body = new URLSearchParams({ q });
  for (const v of a) body.append('a', v);
  return t.request(`/exams/attempts/${id}/check`, { method: 'POST', cookie, body, headers: { 'HX-Request': 'true' } });
};

describe('the result', () => {
  it('scores a perfect paper as full marks, with breakdowns and a review with keys and explanations', async () => {
    const { t, cookie } = await examApp();
    const id = await start(t, cookie);
    await answerAll(t, cookie, id, (_k, right) => right);
    await submit(t, cookie, id);
    const row = attemptRow(t, id);
    expect(row.score).toBe(row.max_score);
    expect(row.passed).toBe(1);
    const html = await page(t, cookie, id);
    expect(html).toContain(`<strong data-testid="score">${row.score} / ${row.max_score} 分</strong>`);
    expect(html).toContain('合格');
    for (const course of ['银行客户经理概论', '银行客户经理理论基础与政策法规', '商业银行营销实务与策略']) expect(html).toContain(course);
    for (const type of ['单项选择题', '多项选择题', '判断题', '案例分析题']) expect(html).toContain(type);
    expect(html).toContain('正确答案');
    expect(html).not.toContain('回答错误');
    const missing = (await explanationsOf(t, id)).filter((e) => !html.includes(htmlText(e)));
    expect(missing).toEqual([]);
    expect(html).toContain('id="exam-done"'); // exam.js clears this attempt's local copy
  });

  it('grades wrong and partly right answers and fails below the pass mark', async () => {
    const { t, cookie } = await examApp({ COURSES_DIR: blueprintDir(TINY_BLUEPRINT) });
    const id = await start(t, cookie, 'tiny-mock');
    const slots = slotsIn(await page(t, cookie, id));
    // Only one right pick on each multiple choice (partial credit), everything else wrong.
    await answerAll(t, cookie, id, (key, right) => {
      const slot = slots.find((s) => s.key === key)!;
      if (slot.type === 'checkbox') return right.slice(0, 1);
      return [slot.values.find((v) => !right.includes(v))!];
    });
    await submit(t, cookie, id);
    const row = attemptRow(t, id);
    expect(row.passed).toBe(0);
    const result = JSON.parse(row.result!);
    const partial = result.slots.filter((s: { score: number; max: number }) => s.score > 0 && s.score < s.max);
    expect(partial.length).toBeGreaterThan(0);
    expect(row.score).toBe(partial.reduce((n: number, s: { score: number }) => n + s.score, 0));
    const html = await page(t, cookie, id);
    expect(html).toContain('部分正确');
    expect(html).toContain('回答错误');
    expect(html).toContain('不合格');
  });

  it('hides keys and explanations when the blueprint says so', async () => {
    const yaml = TINY_BLUEPRINT.replace('review: { answers: true, explanations: true }', 'review: { answers: false, explanations: false }');
    const { t, cookie } = await examApp({ COURSES_DIR: blueprintDir(yaml) });
    const id = await start(t, cookie, 'tiny-mock');
    await submit(t, cookie, id);
    const html = await page(t, cookie, id);
    expect(html).toContain('本考试不公布标准答案');
    expect(html).not.toContain('正确答案');
    expect(html).not.toContain('tag-key');
    expect((await explanationsOf(t, id)).filter((e) => html.includes(htmlText(e)))).toEqual([]);
  });

  it('lists every attempt in the history', async () => {
    const { t, cookie } = await examApp();
    const id = await start(t, cookie);
    await submit(t, cookie, id);
    const again = await start(t, cookie);
    const html = await (await t.request('/exams/history', { cookie })).text();
    expect(html).toContain(`/exams/attempts/${id}`);
    expect(html).toContain(`/exams/attempts/${again}`);
    expect(html).toContain('进行中');
    expect(html).toContain('不合格');
  });
});

describe('practice', () => {
  it('gives feedback after each answer and keeps the first answer once the key was shown', async () => {
    const { t, cookie } = await examApp();
    const res = await t.request('/exams/practice/theory-regulation', { method: 'POST', cookie });
    const id = Number(/(\d+)$/.exec(res.headers.get('location')!)![1]);
    const html = await page(t, cookie, id);
    const slots = slotsIn(html);
    expect(slots.length).toBeGreaterThanOrEqual(10);
    expect((await explanationsOf(t, id)).filter((e) => html.includes(htmlText(e)))).toEqual([]);
    expect(attemptRow(t, id).deadline_at).toBeNull();

    const right = await correctPicks(t, id);
    const first = slots[0]!;
    const wrong = first.values.filter((v) => !right.get(first.key)!.includes(v)).slice(0, 1);
    const fb = await (await check(t, cookie, id, first.key, wrong)).text();
    expect(fb).toContain('回答错误');
    expect(fb).toContain('正确答案');
    expect(fb).toContain('解析');
    // Trying again with the right answer does not change the recorded one.
    expect(await (await check(t, cookie, id, first.key, right.get(first.key)!)).text()).toContain('回答错误');
    // No pick: the question comes back with a message, still answerable.
    const empty = await (await check(t, cookie, id, slots[1]!.key, [])).text();
    expect(empty).toContain('请先选择答案。');
    expect(empty).toContain(`<form id="q-${slots[1]!.no}"`);
    // Saves (exam autosave) are not accepted for practice.
    expect((await save(t, cookie, id, { q: slots[1]!.key, a: ['0'], seq: 1 })).status).toBe(400);

    for (const s of slots.slice(1)) await check(t, cookie, id, s.key, right.get(s.key)!);
    expect(attemptRow(t, id)).toMatchObject({ status: 'submitted', submitted_by: 'trainee' });
    const row = attemptRow(t, id);
    expect(row.score).toBeLessThan(row.max_score!);
    expect(await page(t, cookie, id)).toContain('试卷回顾');
  });
});

describe('the wrong-answer notebook', () => {
  it('collects missed questions and drops them once practised correctly', async () => {
    const { t, cookie } = await examApp({ COURSES_DIR: blueprintDir(TINY_BLUEPRINT) });
    const id = await start(t, cookie, 'tiny-mock');
    const right = await correctPicks(t, id);
    const keys = [...right.keys()];
    // Right on the first slot only; everything else left blank (a blank is a miss too).
    await save(t, cookie, id, { q: keys[0]!, a: right.get(keys[0]!)!, seq: 1 });
    await submit(t, cookie, id);
    const items = new Set(keys.map((k) => k.split('/')[0]!));
    let html = await (await t.request('/exams/notebook', { cookie })).text();
    expect(html.match(/<li><span class="badge">/g)).toHaveLength(items.size - 1);
    expect(await (await t.request('/exams', { cookie })).text()).toContain(`（${items.size - 1} 题）`);

    const res = await t.request('/exams/notebook/practice', { method: 'POST', cookie });
    const practice = Number(/(\d+)$/.exec(res.headers.get('location')!)![1]);
    const practiceRight = await correctPicks(t, practice);
    for (const [key, picks] of practiceRight) await check(t, cookie, practice, key, picks);
    expect(attemptRow(t, practice).status).toBe('submitted');
    html = await (await t.request('/exams/notebook', { cookie })).text();
    expect(html).toContain('错题本是空的。');
  });

  it('takes only wrong answers from practice, not the questions left untried', async () => {
    const { t, cookie } = await examApp();
    const res = await t.request('/exams/practice/marketing-practice', { method: 'POST', cookie });
    const id = Number(/(\d+)$/.exec(res.headers.get('location')!)![1]);
    const slots = slotsIn(await page(t, cookie, id));
    const right = await correctPicks(t, id);
    const first = slots.find((s) => s.type === 'radio' && s.values.length > 2)!;
    await check(t, cookie, id, first.key, [first.values.find((v) => !right.get(first.key)!.includes(v))!]);
    const second = slots.find((s) => s !== first)!;
    await check(t, cookie, id, second.key, right.get(second.key)!);
    await submit(t, cookie, id); // finished early
    const html = await (await t.request('/exams/notebook', { cookie })).text();
    expect(html.match(/<li><span class="badge">/g)).toHaveLength(1);
  });
});
