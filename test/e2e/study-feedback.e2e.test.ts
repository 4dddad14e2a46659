import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDemoBrowser } from './browser.js';
import { DEMO_PASSWORD } from '../../src/institutions/demo.js';
import * as people from '../../src/institutions/store.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { recordHeartbeat, recordSelfCheckAnswer } from '../../src/hours/self-study/self-study.js';
import { findSelfCheck } from '../../src/catalog/render.js';
import { testCatalog, type TestApp } from '../helpers/app.js';
import { correctPicks } from '../helpers/exams.js';
import { ExamsRuntime } from '../../src/exams/runtime.js';

// Feedback a trainee sees as they answer, without reloading: the lesson marked done once its last
// self-check is answered, 重做 after a wrong answer, the practice counter, and 错题本 items that
// open their question. Set BCM_SHOTS_DIR to keep screenshots of these pages.

const env = useDemoBrowser();
const SHOTS = process.env.BCM_SHOTS_DIR;
const LESSON = { courseSlug: 'bcm-intro', lessonSlug: '02-customer-manager-system' };
const lessonUrl = `/courses/${LESSON.courseSlug}/${LESSON.lessonSlug}`;

/** A trainee of the demo cohort who read the lesson long enough and answered all its self-checks but the last. */
async function traineeBeforeTheLastSelfCheck(email: string) {
  const db = env.server.db;
  const inst = people.findInstitutionByCode(db, 'DEMO')!;
  const cohort = people.listCohorts(db, inst.id).find((c) => c.level === 'assistant')!;
  const user = people.createUser(db, { email, name: '赵学员', role: 'trainee', institutionId: inst.id, passwordHash: await hashPassword(DEMO_PASSWORD) });
  people.enrol(db, cohort.id, user.id);
  const catalog = await testCatalog();
  const end = Date.now() - 2 * 60_000;
  for (let at = end - 65 * 60_000; at <= end; at += 30_000) recordHeartbeat(db, env.server.lms, catalog, user.id, LESSON, at);
  const state = catalog.lesson(LESSON.courseSlug, LESSON.lessonSlug)!.lesson.state;
  const checks = 'ok' in state ? state.ok.frontmatter.selfCheck : [];
  for (const q of checks.slice(0, -1))
    recordSelfCheckAnswer(db, env.server.lms, catalog, { traineeId: user.id, ...LESSON, questionId: q.id, answer: q.answer, correct: true }, end);
  return { user, last: checks.at(-1)! };
}

async function signIn(page: Page, email: string) {
  await page.goto(`${env.server.url}/login`);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.locator('main').getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${env.server.url}/me`);
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { marker: number }).marker = 7));
const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { marker?: number }).marker === 7);
/** The element the URL's #anchor names is on screen (scrolled to). */
const anchorInView = (page: Page) =>
  page.evaluate(() => {
    const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;
  });
async function shot(page: Page, name: string, width: number) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: false });
}

describe('a trainee gets feedback as they answer', () => {
  for (const width of [1366, 390]) {
    it(`a trainee answers a lesson's last self-check wrongly, sees the lesson marked done at once, retries it and finds it in the notebook (${width} px)`, async () => {
      const email = `feedback-${width}@example.com`;
      const { last } = await traineeBeforeTheLastSelfCheck(email);
      const catalog = await testCatalog();
      const entry = findSelfCheck(catalog, LESSON.courseSlug, LESSON.lessonSlug, last.id)!;
      const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await signIn(page, email);

      await page.goto(`${env.server.url}${lessonUrl}`);
      const status = page.getByTestId('study-status');
      expect(await status.innerText()).toContain('完成全部自测后即可计入');
      await mark(page);
      const form = page.locator(`#self-check-${last.id}`);
      const wrongIndex = 'ABCDEF'.indexOf('ABCDEF'.split('').find((l, i) => i < entry.options.length && !entry.answer.includes(l))!);
      await form.locator('input[name="answer"]').nth(wrongIndex).check();
      await form.getByRole('button', { name: '提交答案' }).click();

      // The verdict replaces the form; the key stays folded; the status says done, with the tick.
      const result = page.locator(`#self-check-${last.id}.self-check-result`);
      await result.waitFor();
      expect(await result.innerText()).toContain('回答错误');
      expect(await result.getByText(entry.explanation).isVisible()).toBe(false);
      await expect.poll(() => status.innerText()).toContain('本课已完成');
      expect(await status.innerText()).toContain('✓');
      expect(await stillSamePage(page)).toBe(true);
      await result.scrollIntoViewIfNeeded();
      await shot(page, 'self-check-wrong', width);

      // 查看解析 shows the key on request; 重做 brings the empty question back.
      await result.getByText('查看解析').click();
      expect(await result.getByText(entry.explanation).isVisible()).toBe(true);
      await result.getByRole('button', { name: '重做' }).click();
      const again = page.locator(`form#self-check-${last.id}`);
      await again.waitFor();
      expect(await again.locator('input[name="answer"]:checked').count()).toBe(0);
      const rightIndex = 'ABCDEF'.indexOf(entry.answer[0]!);
      await again.locator('input[name="answer"]').nth(rightIndex).check();
      await again.getByRole('button', { name: '提交答案' }).click();
      await page.locator(`#self-check-${last.id}.self-check-result.is-correct`).waitFor();
      expect(await stillSamePage(page)).toBe(true);
      expect(await overflow(page)).toBeLessThanOrEqual(0);

      // The course page ticks the lesson.
      await page.goto(`${env.server.url}/courses/${LESSON.courseSlug}`);
      expect(await page.getByTestId('lesson-done').count()).toBe(1);

      // The notebook keeps the earlier miss and opens the lesson at the question.
      await page.goto(`${env.server.url}/exams/notebook`);
      const item = page.getByTestId('notebook-self-checks').getByRole('link', { name: entry.question });
      expect(await page.getByTestId('notebook-self-checks').innerText()).toContain('已重做答对');
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await shot(page, 'notebook-self-check', width);
      await item.click();
      await page.waitForURL(`${env.server.url}${lessonUrl}#self-check-${last.id}`);
      expect(await anchorInView(page)).toBe(true);
      expect(errors, errors.join('\n')).toEqual([]);
      await context.close();
    });

    it(`a trainee practises a course, sees 已完成 rise with each answer, and opens a missed question from the notebook in its review (${width} px)`, async () => {
      const email = `practice-${width}@example.com`;
      await traineeBeforeTheLastSelfCheck(email);
      const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await signIn(page, email);

      await page.goto(`${env.server.url}/exams`);
      await page.locator('form[action="/exams/practice/bcm-intro"] button').click();
      await page.waitForURL(/\/exams\/attempts\/\d+$/);
      const attemptId = Number(/(\d+)$/.exec(page.url())![1]);
      const right = await correctPicks(
        { db: env.server.db, catalog: await testCatalog(), exams: new ExamsRuntime((await testCatalog()).coursesDir) } as unknown as TestApp,
        attemptId,
      );
      const counter = page.getByTestId('practice-progress');
      const total = right.size;
      expect(await counter.innerText()).toContain(`已完成 0 / ${total} 题`);
      await mark(page);

      // First question wrong (when it has a wrong option to pick), second right.
      const forms = page.locator('form.q');
      const first = forms.first();
      const firstKey = (await first.getAttribute('data-key'))!;
      const firstNo = Number((await first.getAttribute('id'))!.slice(2));
      const values = await first.locator('input[name="a"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
      const wrong = values.find((v) => !right.get(firstKey)!.includes(v))!;
      await first.locator(`input[name="a"][value="${wrong}"]`).check();
      await first.getByRole('button', { name: '提交本题' }).click();
      await expect.poll(() => counter.innerText()).toContain(`已完成 1 / ${total} 题`);
      const second = page.locator('form.q').first();
      const secondKey = (await second.getAttribute('data-key'))!;
      for (const v of right.get(secondKey)!) await second.locator(`input[name="a"][value="${v}"]`).check();
      await second.getByRole('button', { name: '提交本题' }).click();
      await expect.poll(() => counter.innerText()).toContain(`已完成 2 / ${total} 题`);
      expect(await stillSamePage(page)).toBe(true);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await counter.scrollIntoViewIfNeeded();
      await shot(page, 'practice-counter', width);
      // A reload says the same.
      await page.reload();
      expect(await counter.innerText()).toContain(`已完成 2 / ${total} 题`);

      await page.getByRole('button', { name: '结束练习并查看结果' }).click();
      await page.waitForSelector('[data-testid="result"]');
      await page.goto(`${env.server.url}/exams/notebook`);
      const list = page.getByTestId('notebook-bcm-intro');
      expect(await list.getByRole('link').count()).toBe(1);
      await list.getByRole('link').click();
      await page.waitForURL(`${env.server.url}/exams/attempts/${attemptId}?only=wrong#q-${firstNo}`);
      expect(await anchorInView(page)).toBe(true);
      expect(await page.locator(`#q-${firstNo}`).innerText()).toContain('回答错误');
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await shot(page, 'notebook-opens-review', width);
      expect(errors, errors.join('\n')).toEqual([]);
      await context.close();
    });
  }
});
