import { describe, expect, it } from 'vitest';
import { correctPicks, examApp, page, slotsIn } from '../helpers/exams.js';

// The practice page's "已完成 x / N" follows the answers: htmx swaps the figure in after each
// check (out of band), and a reload without script renders the same figure from the saved answers.

const counter = (html: string) => /<p id="practice-progress"[^>]*>已完成 (\d+) \/ (\d+) 题/.exec(html)?.slice(1).map(Number);

describe('the practice counter', () => {
  it('comes back with every checked answer and agrees with a reload', async () => {
    const { t, cookie } = await examApp();
    const res = await t.request('/exams/practice/theory-regulation', { method: 'POST', cookie });
    const id = Number(/(\d+)$/.exec(res.headers.get('location')!)![1]);
    const slots = slotsIn(await page(t, cookie, id));
    const total = slots.length;
    expect(counter(await page(t, cookie, id))).toEqual([0, total]);
    const right = await correctPicks(t, id);
    const check = async (key: string) => {
      const body = new URLSearchParams({ q: key });
      for (const v of right.get(key)!) body.append('a', v);
      return (await t.request(`/exams/attempts/${id}/check`, { method: 'POST', cookie, body, headers: { 'HX-Request': 'true' } })).text();
    };

    const first = await check(slots[0]!.key);
    expect(first).toMatch(/<p id="practice-progress"[^>]*hx-swap-oob="true"/);
    expect(counter(first)).toEqual([1, total]);
    // Checking the same question again counts it once.
    expect(counter(await check(slots[0]!.key))).toEqual([1, total]);
    expect(counter(await check(slots[1]!.key))).toEqual([2, total]);
    // The page itself (no htmx) shows the same figure, without an out-of-band marker.
    const reloaded = await page(t, cookie, id);
    expect(counter(reloaded)).toEqual([2, total]);
    expect(reloaded).not.toContain('hx-swap-oob');
  });

  it('is not sent with a refused check (nothing picked)', async () => {
    const { t, cookie } = await examApp();
    const res = await t.request('/exams/practice/theory-regulation', { method: 'POST', cookie });
    const id = Number(/(\d+)$/.exec(res.headers.get('location')!)![1]);
    const slots = slotsIn(await page(t, cookie, id));
    const body = new URLSearchParams({ q: slots[0]!.key });
    const html = await (await t.request(`/exams/attempts/${id}/check`, { method: 'POST', cookie, body, headers: { 'HX-Request': 'true' } })).text();
    expect(html).toContain('请先选择答案。');
    expect(html).not.toContain('practice-progress');
  });
});
