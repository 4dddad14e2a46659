import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/institutions/demo.js';
import { useDemoBrowser } from './browser.js';
import { axeViolations, type Violation } from './axe.js';
import { testCatalog } from '../helpers/app.js';
import { recordHeartbeat, recordSelfCheckAnswer } from '../../src/hours/self-study/self-study.js';

// Every kind of page, as each role sees it (accessibility-*.e2e.test.ts: three files, so that the
// two workers share them), checked with axe-core against WCAG 2.1 A and AA, and at phone width
// (390 px) for sideways scrolling. axe runs inside the page; the context bypasses the page's
// Content-Security-Policy only so that axe's own script may be injected.

const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

export type A11yEnv = ReturnType<typeof useDemoBrowser>;
export type Finding = { path: string; width: number; violations: Violation[]; overflow: number };

export async function signedIn(browser: Browser, url: string, email: string | null, width: number) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  if (email) {
    await page.goto(`${url}/login`);
    await page.getByLabel('电子邮箱').fill(email);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForLoadState('load');
  }
  return { page, close: () => context.close() };
}

export function describeFindings(findings: Finding[]) {
  return findings
    .flatMap((f) => [
      ...f.violations.map(
        (v) =>
          `${f.path} @${f.width}px: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      ),
      ...(f.overflow > 0 ? [`${f.path} @${f.width}px: scrolls sideways by ${f.overflow}px`] : []),
    ])
    .join('\n');
}

/** A page reached some other way (a form's answer), checked at the width its page was opened at. */
export async function findingOf(page: Page, path: string, width: number): Promise<Finding> {
  return { path, width, violations: await axeViolations(page), overflow: width === 390 ? await sidewaysOverflow(page) : 0 };
}

/** Each of `paths` as `email` (null: a visitor) sees it, at 1366 and 390 px: no axe violation, no sideways scroll. */
export async function check(env: A11yEnv, email: string | null, paths: (ids: Ids) => string[]) {
  const ids = demoIds(env.server.db);
  const findings: Finding[] = [];
  for (const width of [1366, 390]) {
    const { page, close } = await signedIn(env.browser, env.server.url, email, width);
    for (const path of paths(ids)) {
      const res = await page.goto(`${env.server.url}${path}`);
      expect(res?.status(), path).toBeLessThan(500);
      findings.push(await findingOf(page, path, width));
    }
    await close();
  }
  expect(describeFindings(findings)).toBe('');
}

/** Starts (or resumes) the trainee's assistant mock exam through 考前须知's own button, as a trainee does. */
export async function sitMockExam(env: A11yEnv): Promise<number> {
  const { page, close } = await signedIn(env.browser, env.server.url, 'trainee@example.com', 1366);
  await page.goto(`${env.server.url}/exams/notice/assistant-mock`);
  await page.locator('form[action="/exams/start/assistant-mock"] button').click();
  await page.waitForURL(/\/exams\/attempts\/\d+$/);
  const id = Number(/(\d+)$/.exec(page.url())![1]);
  await close();
  return id;
}

export type Ids = { cohortId: number; sessionId: number; traineeId: number };
export function demoIds(db: { $client: { prepare: (sql: string) => { get: () => unknown } } }): Ids {
  const cohort = db.$client.prepare("select id from cohorts where level = 'assistant' order by id limit 1").get() as { id: number };
  const session = db.$client.prepare('select id from class_sessions order by id limit 1').get() as { id: number } | undefined;
  const trainee = db.$client.prepare("select id from users where email = 'trainee@example.com'").get() as { id: number };
  return { cohortId: cohort.id, sessionId: session?.id ?? 0, traineeId: trainee.id };
}

/** Reads the first assistant lesson long enough and answers its self-checks, so its hours are credited. */
export async function creditOneLesson(
  server: { db: Parameters<typeof recordHeartbeat>[0]; lms: Parameters<typeof recordHeartbeat>[1] },
  email: string,
): Promise<void> {
  const { db, lms } = server;
  const catalog = await testCatalog();
  const { id } = db.$client.prepare('select id from users where email = ?').get(email) as { id: number };
  const lesson = { courseSlug: 'bcm-intro', lessonSlug: '01-role-and-duties' };
  const end = Date.now() - 60_000;
  for (let at = end - 65 * 60_000; at <= end; at += 30_000) recordHeartbeat(db, lms, catalog, id, lesson, at);
  const state = catalog.lesson(lesson.courseSlug, lesson.lessonSlug)!.lesson.state;
  for (const q of 'ok' in state ? state.ok.frontmatter.selfCheck : [])
    recordSelfCheckAnswer(db, lms, catalog, { traineeId: id, ...lesson, questionId: q.id, answer: 'A', correct: false }, end);
}
