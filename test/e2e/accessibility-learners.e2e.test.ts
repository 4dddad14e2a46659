import { describe, it } from 'vitest';
import { useDemoBrowser } from './browser.js';
import { check, creditOneLesson, signedIn, sitMockExam } from './accessibility.js';

// WCAG 2.1 AA (axe-core) and phone width for every page kind learners: a visitor, a trainee, a trainee in and after a mock exam see (test/e2e/accessibility.ts).

describe('every page kind is accessible and fits a phone: learners: a visitor, a trainee, a trainee in and after a mock exam', () => {
  const env = useDemoBrowser();

  it('a visitor: welcome, login, forgotten password, levels, syllabus, course, lesson, verification, not found', async () => {
    await check(env, null, () => [
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
    await check(env, 'trainee@example.com', () => [
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

  it('a trainee sitting a mock exam: 考前须知, the paper with its answer sheet, the submit confirmation', async () => {
    const id = await sitMockExam(env);
    await check(env, 'trainee@example.com', () => ['/exams/notice/assistant-mock', `/exams/attempts/${id}`, `/exams/attempts/${id}/confirm`]);
  }, 60_000);

  it('a trainee after a mock exam: the result, its review by section and 只看错题', async () => {
    const id = await sitMockExam(env);
    const { page, close } = await signedIn(env.browser, env.server.url, 'trainee@example.com', 1366);
    await page.goto(`${env.server.url}/exams/attempts/${id}/confirm`);
    await page.getByRole('button', { name: '确认交卷' }).click();
    await page.waitForSelector('[data-testid="result"]');
    await close();
    await check(env, 'trainee@example.com', () => [`/exams/attempts/${id}`, `/exams/attempts/${id}?only=wrong`]);
  }, 60_000);
});
