import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/institutions/demo.js';
import { useDemoBrowser } from './browser.js';
import { axeViolations, type Violation } from './axe.js';
import { testCatalog } from '../helpers/app.js';
import { recordHeartbeat, recordSelfCheckAnswer } from '../../src/hours/self-study/self-study.js';
import { insertSitting } from '../../src/exams/sittings/store.js';

// Every kind of page, as each role sees it, checked with axe-core against WCAG 2.1 A and AA, and at
// phone width (390 px) for sideways scrolling. axe runs inside the page; the context bypasses the
// page's Content-Security-Policy only so that axe's own script may be injected.

const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function signedIn(browser: Browser, url: string, email: string | null, width: number) {
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

function describeFindings(findings: { path: string; width: number; violations: Violation[]; overflow: number }[]) {
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

describe('every page kind is accessible and fits a phone', () => {
  const env = useDemoBrowser();

  async function check(email: string | null, paths: (ids: Ids) => string[]) {
    const ids = demoIds(env.server.db);
    const findings = [];
    for (const width of [1366, 390]) {
      const { page, close } = await signedIn(env.browser, env.server.url, email, width);
      for (const path of paths(ids)) {
        const res = await page.goto(`${env.server.url}${path}`);
        expect(res?.status(), path).toBeLessThan(500);
        findings.push({ path, width, violations: await axeViolations(page), overflow: width === 390 ? await sidewaysOverflow(page) : 0 });
      }
      await close();
    }
    expect(describeFindings(findings)).toBe('');
  }

  it('a visitor: welcome, login, forgotten password, levels, syllabus, course, lesson, verification, not found', async () => {
    await check(null, () => [
      '/',
      '/login',
      '/forgot-password',
      '/levels',
      '/levels/assistant',
      '/courses/bcm-intro',
      '/courses/bcm-intro/01-role-and-duties',
      '/verify',
      '/verify/BCM-2026-AAAAAAAA-A',
      '/no-such-page',
    ]);
  });

  it('a trainee: home, account, syllabus and course with ticks, progress, check-in, exams, certificates', async () => {
    await creditOneLesson(env.server, 'trainee@example.com'); // so the home and the syllabus show a completed lesson
    await check('trainee@example.com', () => [
      '/me',
      '/me/account',
      '/levels/assistant',
      '/courses/bcm-intro',
      '/me/progress',
      '/checkin',
      '/exams',
      '/exams/history',
      '/exams/notebook',
      '/me/certificates',
      '/sessions',
    ]);
  });

  /** Starts (or resumes) the trainee's assistant mock exam through 考前须知's own button, as a trainee does. */
  async function sitMockExam(): Promise<number> {
    const { page, close } = await signedIn(env.browser, env.server.url, 'trainee@example.com', 1366);
    await page.goto(`${env.server.url}/exams/notice/assistant-mock`);
    await page.locator('form[action="/exams/start/assistant-mock"] button').click();
    await page.waitForURL(/\/exams\/attempts\/\d+$/);
    const id = Number(/(\d+)$/.exec(page.url())![1]);
    await close();
    return id;
  }

  it('a trainee sitting a mock exam: 考前须知, the paper with its answer sheet, the submit confirmation', async () => {
    const id = await sitMockExam();
    await check('trainee@example.com', () => ['/exams/notice/assistant-mock', `/exams/attempts/${id}`, `/exams/attempts/${id}/confirm`]);
  }, 60_000);

  it('a trainee after a mock exam: the result, its review by section and 只看错题', async () => {
    const id = await sitMockExam();
    const { page, close } = await signedIn(env.browser, env.server.url, 'trainee@example.com', 1366);
    await page.goto(`${env.server.url}/exams/attempts/${id}/confirm`);
    await page.getByRole('button', { name: '确认交卷' }).click();
    await page.waitForSelector('[data-testid="result"]');
    await close();
    await check('trainee@example.com', () => [`/exams/attempts/${id}`, `/exams/attempts/${id}?only=wrong`]);
  }, 60_000);

  it('an instructor: desk, cohort, class sessions, attendance, scheduling, item analysis, question bank', async () => {
    await check('instructor@example.com', (ids) => [
      '/instructor',
      `/instructor/cohorts/${ids.cohortId}`,
      `/cohorts/${ids.cohortId}/sessions`,
      `/sessions/${ids.sessionId}`,
      `/sessions/${ids.sessionId}/attendance`,
      `/cohorts/${ids.cohortId}/sessions/new`,
      `/cohorts/${ids.cohortId}/exams/assistant-mock/items`,
      '/questions',
      '/questions/import',
      '/exams/grants',
    ]);
  });

  it('a scheduled sitting: the schedule page (with a refused form), the live room with a trainee writing, the trainee’s 考前须知 and paper', async () => {
    const ids = demoIds(env.server.db);
    const db = env.server.db;
    const cohort = db.$client.prepare('select institution_id i from cohorts where id = ?').get(ids.cohortId) as { i: number };
    const admin = db.$client.prepare("select id from users where email = 'admin@example.com'").get() as { id: number };
    const now = Date.now();
    const sittingId = insertSitting(db, {
      institutionId: cohort.i,
      cohortId: ids.cohortId,
      examKey: 'assistant-mock',
      opensAt: now - 60_000,
      closesAt: now + 3_600_000,
      latestStartAt: now + 1_800_000,
      timeLimitMinutes: 60,
      review: 'full',
      candidates: null,
      maxDepartures: 3,
      maxAwaySeconds: 120,
      createdBy: admin.id,
      createdAt: now,
    });
    // The trainee starts it and leaves the page once, so the live room has a timeline to show.
    const { page, close } = await signedIn(env.browser, env.server.url, 'trainee@example.com', 1366);
    await page.goto(`${env.server.url}/exams/sittings/${sittingId}`);
    await page.getByRole('button', { name: '我已阅读，开始考试' }).click();
    await page.waitForURL(/\/exams\/attempts\/\d+$/);
    const attemptPath = new URL(page.url()).pathname;
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.waitForTimeout(300);
    await close();
    await check('trainee@example.com', () => ['/exams', `/exams/sittings/${sittingId}`, attemptPath]);
    await check('instructor@example.com', (i) => [
      `/cohorts/${i.cohortId}/sittings`,
      `/cohorts/${i.cohortId}/sittings/${sittingId}`,
      `/cohorts/${i.cohortId}/sittings/${sittingId}/results`,
    ]);
    // The schedule form refused, its errors linked to the fields they name.
    const findings = [];
    for (const width of [1366, 390]) {
      const s = await signedIn(env.browser, env.server.url, 'instructor@example.com', width);
      await s.page.goto(`${env.server.url}/cohorts/${ids.cohortId}/sittings`);
      await s.page.getByLabel('迟到截止：开考后多少分钟内可入场').fill('100000');
      await s.page.getByRole('button', { name: '安排考试' }).click();
      await s.page.waitForSelector('[data-testid="sitting-errors"]');
      findings.push({
        path: 'sitting form refused',
        width,
        violations: await axeViolations(s.page),
        overflow: width === 390 ? await sidewaysOverflow(s.page) : 0,
      });
      await s.close();
    }
    expect(describeFindings(findings)).toBe('');
  }, 90_000);

  it('an institution admin: dashboard, cohort, hours, audit, LMS, proof', async () => {
    await check('admin@example.com', (ids) => [
      '/admin',
      `/admin/cohorts/${ids.cohortId}`,
      `/admin/cohorts/${ids.cohortId}/hours`,
      '/admin/audit',
      '/admin/lms',
      `/admin/cohorts/${ids.cohortId}/proof`,
    ]);
  });

  it('an institution admin managing people: trainee, removal confirmation, cohort edit, import preview, QR sheet', async () => {
    await check('admin@example.com', (ids) => [
      `/admin/cohorts/${ids.cohortId}/trainees/${ids.traineeId}`,
      `/admin/cohorts/${ids.cohortId}/trainees/${ids.traineeId}/remove`,
      `/admin/cohorts/${ids.cohortId}/edit`,
    ]);
    // The preview and the sheet are answers to form posts: reached through the forms.
    const ids = demoIds(env.server.db);
    const findings = [];
    for (const width of [1366, 390]) {
      const { page, close } = await signedIn(env.browser, env.server.url, 'admin@example.com', width);
      await page.goto(`${env.server.url}/admin/cohorts/${ids.cohortId}`);
      const csv = `姓名,身份证号/工号,电子邮箱,手机号,学历,金融从业年限\n无障碍${width},E${width},a11y-${width}@example.com,,本科,1\n张学员,11010519491231002X,trainee@example.com,13900001111,硕士,2\n`;
      await page.getByLabel('名单文件（CSV 或 XLSX）').setInputFiles({ name: 'a11y.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: '上传并预览' }).click();
      await page.waitForURL('**/roster/preview');
      findings.push({ path: 'roster preview', width, violations: await axeViolations(page), overflow: width === 390 ? await sidewaysOverflow(page) : 0 });
      await page.getByRole('button', { name: /确认导入/ }).click();
      await page.waitForURL(/\/admin\/cohorts\/\d+$/);
      await page.getByRole('button', { name: '生成可打印的二维码页' }).click();
      await page.waitForURL('**/invites');
      findings.push({ path: 'activation sheet', width, violations: await axeViolations(page), overflow: width === 390 ? await sidewaysOverflow(page) : 0 });
      await close();
    }
    expect(describeFindings(findings)).toBe('');
  });

  it('the programme office: institutions, audit, proof', async () => {
    await check('office@example.com', (ids) => ['/office', `/office/cohorts/${ids.cohortId}`, '/office/audit', '/office/proof']);
  });
});

type Ids = { cohortId: number; sessionId: number; traineeId: number };
function demoIds(db: { $client: { prepare: (sql: string) => { get: () => unknown } } }): Ids {
  const cohort = db.$client.prepare("select id from cohorts where level = 'assistant' order by id limit 1").get() as { id: number };
  const session = db.$client.prepare('select id from class_sessions order by id limit 1').get() as { id: number } | undefined;
  const trainee = db.$client.prepare("select id from users where email = 'trainee@example.com'").get() as { id: number };
  return { cohortId: cohort.id, sessionId: session?.id ?? 0, traineeId: trainee.id };
}

/** Reads the first assistant lesson long enough and answers its self-checks, so its hours are credited. */
async function creditOneLesson(
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
