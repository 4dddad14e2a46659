import { describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { findSelfCheck } from '../../src/catalog/render.js';
import { blueprintDir, correctPicks, examApp, page, save, slotsIn, start, TINY_BLUEPRINT } from '../helpers/exams.js';

// Every item of the 错题本 opens its question where the trainee met it: a mock or practice miss
// the review of that attempt (only the mistakes shown) at the question, a self-check miss its
// lesson at the self-check.

const links = (html: string, testid: string) => {
  const list = html.split(`data-testid="${testid}"`)[1]?.split('</ol>')[0] ?? '';
  return [...list.matchAll(/<li><span class="badge">[^<]*<\/span> <a href="([^"]+)">/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
};

/** The page a link opens, and whether the element its #anchor names is on it. */
async function opens(t: TestApp, cookie: string, href: string) {
  const [path, anchor] = href.split('#');
  const res = await t.request(path!, { cookie });
  const html = await res.text();
  return { status: res.status, hasAnchor: html.includes(`id="${anchor}"`), html };
}

describe('wrong-answer notebook links', () => {
  it('opens a mock exam miss in that attempt’s review, at the question', async () => {
    const { t, cookie } = await examApp({ COURSES_DIR: blueprintDir(TINY_BLUEPRINT) });
    const id = await start(t, cookie, 'tiny-mock');
    const right = await correctPicks(t, id);
    const keys = [...right.keys()];
    await save(t, cookie, id, { q: keys[0]!, a: right.get(keys[0]!)!, seq: 1 });
    expect((await t.request(`/exams/attempts/${id}/submit`, { method: 'POST', cookie, body: t.form({ pending: '' }) })).status).toBe(303);

    const html = await (await t.request('/exams/notebook', { cookie })).text();
    const hrefs = links(html, 'notebook-bcm-intro');
    expect(hrefs.length).toBe(new Set(keys.map((k) => k.split('/')[0])).size - 1);
    for (const href of hrefs) {
      expect(href).toMatch(new RegExp(`^/exams/attempts/${id}\\?only=wrong#q-\\d+$`));
      const target = await opens(t, cookie, href);
      expect(target.status).toBe(200);
      expect(target.hasAnchor).toBe(true);
    }
    // The first (right) question is not linked; its number is not among the anchors.
    expect(hrefs).not.toContain(`/exams/attempts/${id}?only=wrong#q-1`);
  });

  it('opens a practice miss in the finished practice’s review, at the question', async () => {
    const { t, cookie } = await examApp();
    const res = await t.request('/exams/practice/theory-regulation', { method: 'POST', cookie });
    const id = Number(/(\d+)$/.exec(res.headers.get('location')!)![1]);
    const slots = slotsIn(await page(t, cookie, id));
    const right = await correctPicks(t, id);
    const miss = slots.find((s) => s.type === 'radio' && s.values.length > 1)!;
    const body = new URLSearchParams({ q: miss.key, a: miss.values.find((v) => !right.get(miss.key)!.includes(v))! });
    await t.request(`/exams/attempts/${id}/check`, { method: 'POST', cookie, body, headers: { 'HX-Request': 'true' } });
    await t.request(`/exams/attempts/${id}/submit`, { method: 'POST', cookie, body: t.form({}) });

    const html = await (await t.request('/exams/notebook', { cookie })).text();
    const hrefs = links(html, 'notebook-theory-regulation');
    expect(hrefs).toEqual([`/exams/attempts/${id}?only=wrong#q-${miss.no}`]);
    const target = await opens(t, cookie, hrefs[0]!);
    expect(target.hasAnchor).toBe(true);
    expect(target.html).toContain('回答错误');
  });

  it('lists a wrong self-check, still after a right retry, and opens its lesson at the question', async () => {
    const { t, cookie } = await examApp();
    const state = t.catalog.lesson('bcm-intro', '01-role-and-duties')!.lesson.state;
    const qid = ('ok' in state ? state.ok.frontmatter.selfCheck : [])[0]!.id;
    const entry = findSelfCheck(t.catalog, 'bcm-intro', '01-role-and-duties', qid)!;
    const post = (letter: string) =>
      t.request(`/courses/bcm-intro/01-role-and-duties/self-check/${qid}`, {
        method: 'POST',
        cookie,
        body: t.form({ answer: letter }),
        headers: { 'HX-Request': 'true' },
      });
    expect(await (await t.request('/exams/notebook', { cookie })).text()).toContain('错题本是空的。');

    await post('ABCD'.split('').find((l) => !entry.answer.includes(l))!);
    let html = await (await t.request('/exams/notebook', { cookie })).text();
    expect(html).not.toContain('错题本是空的。');
    expect(html).toContain(entry.question);
    const hrefs = links(html, 'notebook-self-checks');
    expect(hrefs).toEqual([`/courses/bcm-intro/01-role-and-duties#self-check-${qid}`]);
    expect((await opens(t, cookie, hrefs[0]!)).hasAnchor).toBe(true);
    expect(html).not.toContain('已重做答对');
    // Counted on the exams page with the exam misses.
    expect(await (await t.request('/exams', { cookie })).text()).toContain('（1 题）');

    await post(entry.answer);
    html = await (await t.request('/exams/notebook', { cookie })).text();
    expect(links(html, 'notebook-self-checks')).toEqual(hrefs);
    expect(html).toContain('答错 1 次');
    expect(html).toContain('已重做答对');
    // Self-checks are not bank questions: the notebook's practice button stays for exam misses only.
    expect(html).not.toContain('action="/exams/notebook/practice"');
  });
});
