import { describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { attemptRow, correctPicks, examApp, page, save, slotsIn, start } from '../helpers/exams.js';

// The steps around the paper: 考前须知 before the clock starts, the submit confirmation, and the
// review's 只看错题 filter.

const attempts = (t: TestApp) => (t.db.$client.prepare('select count(*) n from exam_attempts').get() as { n: number }).n;

/** Per type, the items the notice's table shows ("9" or "3-5"), from its data-items cells. */
function noticeItems(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<tr data-type="(\w+)"><th scope="row">[^<]*<\/th><td data-items="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
}

/** Per type, the slots the drawn paper numbers. */
function drawnItems(t: TestApp, id: number): Record<string, number> {
  const paper = JSON.parse(attemptRow(t, id).paper) as { items: { type: string; parts?: unknown[] }[] };
  const out: Record<string, number> = {};
  for (const item of paper.items) out[item.type] = (out[item.type] ?? 0) + (item.type === 'case' ? item.parts!.length : 1);
  return out;
}

const within = (range: string, n: number) => {
  const [min, max = min] = range.split('-').map(Number);
  return n >= min! && n <= max!;
};

describe('考前须知', () => {
  it('shows the paper counted as it is numbered (a case counts its parts), and the drawn paper exactly once started', async () => {
    const { t, cookie } = await examApp();
    const res = await t.request('/exams/notice/assistant-mock', { cookie });
    expect(res.status).toBe(200);
    const before = await res.text();
    const planned = noticeItems(before);
    expect(Object.keys(planned)).toEqual(['single', 'multiple', 'truefalse', 'case']);
    // courses/blueprints.yaml: 3 courses × (9 单选 + 3 多选 + 2 判断 + 1 案例 of 2–5 parts).
    expect(planned).toMatchObject({ single: '27', multiple: '9', truefalse: '6' });
    expect(before).toContain('60 分钟');
    expect(before).toContain('合格线');
    expect(before).toContain('时间到时系统自动交卷');

    const id = await start(t, cookie);
    const drawn = drawnItems(t, id);
    for (const [type, n] of Object.entries(drawn)) expect(within(planned[type]!, n), `${type}: ${planned[type]} vs ${n}`).toBe(true);
    const total = Object.values(drawn).reduce((a, b) => a + b, 0);
    expect(slotsIn(await page(t, cookie, id))).toHaveLength(total);

    // With the paper drawn, the notice and the card give its exact numbers.
    const after = await (await t.request('/exams/notice/assistant-mock', { cookie })).text();
    expect(noticeItems(after)).toEqual(Object.fromEntries(Object.entries(drawn).map(([k, v]) => [k, String(v)])));
    expect(after).toContain(`<dd data-testid="notice-items">${total} 题</dd>`);
    expect(after).toContain('继续考试');
    expect(await (await t.request('/exams', { cookie })).text()).toContain(`<dd data-testid="exam-items">${total}</dd>`);
  });

  it('starts nothing when read: only its form’s POST starts the attempt', async () => {
    const { t, cookie } = await examApp();
    const html = await (await t.request('/exams/notice/assistant-mock', { cookie })).text();
    expect(html).toContain('<form method="post" action="/exams/start/assistant-mock"><button type="submit">我已阅读，开始考试</button></form>');
    expect((await t.request('/exams/start/assistant-mock', { cookie })).status).toBe(404);
    expect(attempts(t)).toBe(0);
    await start(t, cookie);
    expect(attempts(t)).toBe(1);
  });

  it('is for trainees of the level only', async () => {
    const { t, cookie } = await examApp();
    expect((await t.request('/exams/notice/retail-mock', { cookie })).status).toBe(403);
    expect((await t.request('/exams/notice/no-such-exam', { cookie })).status).toBe(404);
    const res = await t.request('/exams/notice/assistant-mock');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/login/);
  });
});

describe('the submit confirmation', () => {
  it('lists unanswered and flagged questions by number, linked to them, and submits only when confirmed', async () => {
    const { t, cookie } = await examApp();
    const id = await start(t, cookie);
    const slots = slotsIn(await page(t, cookie, id));
    expect((await save(t, cookie, id, { q: slots[0]!.key, a: [slots[0]!.values[0]!], seq: 1 })).status).toBe(200);
    expect((await save(t, cookie, id, { q: slots[1]!.key, a: [slots[1]!.values[0]!], f: true, seq: 2 })).status).toBe(200);
    expect((await save(t, cookie, id, { q: slots[4]!.key, f: true, seq: 3 })).status).toBe(200);

    const res = await t.request(`/exams/attempts/${id}/confirm`, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const listed = (testid: string) => {
      const block = new RegExp(`data-testid="${testid}">([\\s\\S]*?)</section>`).exec(html)![1]!;
      return [...block.matchAll(new RegExp(`href="/exams/attempts/${id}#q-(\\d+)"`, 'g'))].map((m) => Number(m[1]));
    };
    const unanswered = slots.slice(2).map((s) => s.no);
    expect(listed('unanswered')).toEqual(unanswered);
    expect(listed('flagged')).toEqual([2, 5]);
    expect(html).toContain(`未作答（${unanswered.length} 题）`);
    expect(html).toContain(`共 ${slots.length} 题，已作答 2 题。`);
    expect(html).toContain(`<a class="button secondary" href="/exams/attempts/${id}">返回检查</a>`);
    expect(html).toContain(`action="/exams/attempts/${id}/submit"`);
    // No site navigation while the clock runs.
    expect(html).not.toContain('class="site-header"');
    expect(attemptRow(t, id).status).toBe('open');

    // The paper's 交卷 leads here (a GET), and the real submission is the form's POST.
    expect(await page(t, cookie, id)).toContain(`<form id="confirm-form" method="get" action="/exams/attempts/${id}/confirm">`);
    expect((await t.request(`/exams/attempts/${id}/submit`, { method: 'POST', cookie, body: t.form({ pending: '' }) })).status).toBe(303);
    expect(attemptRow(t, id).status).toBe('submitted');
    const late = await t.request(`/exams/attempts/${id}/confirm`, { cookie });
    expect(late.status).toBe(303);
    expect(late.headers.get('location')).toBe(`/exams/attempts/${id}`);
  });

  it('is the owner’s only', async () => {
    const { t, b, cookie } = await examApp();
    const id = await start(t, cookie);
    expect((await t.request(`/exams/attempts/${id}/confirm`, { cookie: await t.login(b.trainee.email) })).status).toBe(404);
    expect(attemptRow(t, id).status).toBe('open');
  });
});

describe('the review after submitting', () => {
  it('collapses by section and filters to the mistakes only', async () => {
    const { t, cookie } = await examApp();
    const id = await start(t, cookie);
    const right = await correctPicks(t, id);
    const keys = [...right.keys()];
    // The first three right, everything else left blank.
    let seq = 1;
    for (const key of keys.slice(0, 3)) expect((await save(t, cookie, id, { q: key, a: right.get(key)!, seq: seq++ })).status).toBe(200);
    await t.request(`/exams/attempts/${id}/submit`, { method: 'POST', cookie, body: t.form({ pending: '' }) });

    const all = await page(t, cookie, id);
    expect((all.match(/<details class="exam-part review-part"/g) ?? []).length).toBe(4);
    expect(all).not.toMatch(/<details class="exam-part review-part" open/);
    expect((all.match(/class="q q-review /g) ?? []).length).toBe(keys.length);
    expect(all).toContain('答对 3 / 27 题');

    const res = await t.request(`/exams/attempts/${id}?only=wrong`, { cookie });
    const wrong = await res.text();
    expect((wrong.match(/class="q q-review /g) ?? []).length).toBe(keys.length - 3);
    expect(wrong).not.toContain('q-review is-right');
    expect(wrong).toContain(`只显示答错、部分正确和未作答的题目（${keys.length - 3} 题）`);
    expect(wrong).toMatch(/<details class="exam-part review-part" open/);
    expect(wrong).toContain('aria-current="page" data-testid="only-wrong"');
  });
});
