import { describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.js';
import { findSelfCheck } from '../../src/catalog/render.js';
import { recordHeartbeat } from '../../src/hours/self-study/self-study.js';

// A lesson's self-check after an answer: 重做 after a wrong one (the key folded under 查看解析), the
// study status swapped in out of band, and the misses kept for the 错题本.

const COURSE = 'bcm-intro';
const LESSON = '01-role-and-duties';
const lessonUrl = `/courses/${COURSE}/${LESSON}`;
const checkUrl = (id: string) => `${lessonUrl}/self-check/${id}`;
const HX = { 'HX-Request': 'true' };

function selfCheckIds(t: TestApp): string[] {
  const state = t.catalog.lesson(COURSE, LESSON)!.lesson.state;
  return 'ok' in state ? state.ok.frontmatter.selfCheck.map((q) => q.id) : [];
}
const rightOf = (t: TestApp, id: string) => findSelfCheck(t.catalog, COURSE, LESSON, id)!.answer;
const wrongOf = (t: TestApp, id: string) => 'ABCD'.split('').find((l) => !rightOf(t, id).includes(l))!;

async function answer(t: TestApp, cookie: string, id: string, letters: string, headers: Record<string, string> = HX) {
  const body = new URLSearchParams();
  for (const l of letters) body.append('answer', l);
  return t.request(checkUrl(id), { method: 'POST', cookie, body, headers });
}

describe('retrying a wrong self-check', () => {
  it('offers 重做 with the key folded away, gives the empty question back, and keeps the miss', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.trainee.email);
    const id = selfCheckIds(t)[0]!;
    const entry = findSelfCheck(t.catalog, COURSE, LESSON, id)!;

    const wrong = await (await answer(t, cookie, id, wrongOf(t, id))).text();
    expect(wrong).toContain('回答错误');
    expect(wrong).toContain(`hx-get="${checkUrl(id)}"`);
    expect(wrong).toContain('>重做</button>');
    const [shown, folded] = wrong.split('<summary>查看解析</summary>');
    expect(shown).not.toContain(entry.explanation);
    expect(folded).toContain(entry.explanation);

    // 重做 (htmx): the same question, nothing chosen, in place of the result.
    const again = await t.request(checkUrl(id), { cookie, headers: HX });
    expect(again.status).toBe(200);
    const form = await again.text();
    expect(form).toMatch(new RegExp(`^<form id="self-check-${id}" class="self-check"`));
    expect(form).not.toContain('checked');
    expect(form).not.toContain(entry.explanation);
    // Without script, 重做 and a plain answer both land on the lesson at the question.
    const plainRetry = await t.request(checkUrl(id), { cookie });
    expect(plainRetry.status).toBe(303);
    expect(plainRetry.headers.get('location')).toBe(`${lessonUrl}#self-check-${id}`);
    expect((await answer(t, cookie, id, rightOf(t, id), {})).headers.get('location')).toBe(`${lessonUrl}#self-check-${id}`);
    expect(await (await t.request(lessonUrl, { cookie })).text()).toContain(`id="self-check-${id}"`);

    // The retry was right: shown in full, and the earlier miss still counts.
    const right = await (await answer(t, cookie, id, rightOf(t, id))).text();
    expect(right).toContain('回答正确');
    expect(right).not.toContain('重做');
    const row = t.db.$client
      .prepare('select correct, misses, last_missed_at from self_check_answers where trainee_id = ? and question_id = ?')
      .get(a.trainee.id, id) as {
      correct: number;
      misses: number;
      last_missed_at: number | null;
    };
    expect(row).toMatchObject({ correct: 1, misses: 1 });
    expect(row.last_missed_at).toBeGreaterThan(0);

    expect((await t.request(checkUrl('nope'), { cookie, headers: HX })).status).toBe(404);
    expect((await t.request(checkUrl(id), { headers: HX })).status).not.toBe(200); // not logged in
  });
});

describe('the study status after a self-check', () => {
  it('comes back out of band with every answer and says 已完成 with a tick once the last one is done', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions(); // an assistant cohort: bcm-intro credits hours
    const cookie = await t.login(a.trainee.email);
    // Enough active reading time (2 class hours → half of 90 minutes), as heartbeats would give it.
    let now = Date.now() - 60 * 60_000;
    recordHeartbeat(t.db, t.lms, t.catalog, a.trainee.id, { courseSlug: COURSE, lessonSlug: LESSON }, now);
    while (now < Date.now() - 30_000) recordHeartbeat(t.db, t.lms, t.catalog, a.trainee.id, { courseSlug: COURSE, lessonSlug: LESSON }, (now += 30_000));

    const ids = selfCheckIds(t);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const oob = (html: string) => /<p id="study-status"[^>]*hx-swap-oob="true"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1];
    for (const id of ids.slice(0, -1)) {
      const status = oob(await (await answer(t, cookie, id, wrongOf(t, id))).text());
      expect(status).toContain('完成全部自测后即可计入');
      expect(status).not.toContain('✓');
    }
    const last = oob(await (await answer(t, cookie, ids.at(-1)!, rightOf(t, ids.at(-1)!))).text());
    expect(last).toContain('✓');
    expect(last).toContain('本课已完成，已计入 90 分钟自学课时');
    // A reload (no script) says the same, and the syllabus ticks the lesson.
    const page = await (await t.request(lessonUrl, { cookie })).text();
    expect(page).toMatch(/<p id="study-status"[^>]*>.*本课已完成/);
    expect(page).not.toContain('hx-swap-oob');
    expect(await (await t.request(`/courses/${COURSE}`, { cookie })).text()).toContain('data-testid="lesson-done"');
  });

  it('is not sent to staff, who have no study status', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const id = selfCheckIds(t)[0]!;
    const html = await (await answer(t, cookie, id, rightOf(t, id))).text();
    expect(html).toContain('回答正确');
    expect(html).not.toContain('study-status');
  });
});
