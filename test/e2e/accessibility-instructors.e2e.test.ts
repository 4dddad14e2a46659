import { describe, expect, it } from 'vitest';
import { useDemoBrowser } from './browser.js';
import { check, demoIds, describeFindings, findingOf, signedIn, type Finding } from './accessibility.js';
import { insertSitting } from '../../src/exams/sittings/store.js';

// WCAG 2.1 AA (axe-core) and phone width for every page kind instructors: the desk, classes, analysis and question bank, a scheduled sitting see (test/e2e/accessibility.ts).

describe('every page kind is accessible and fits a phone: instructors: the desk, classes, analysis and question bank, a scheduled sitting', () => {
  const env = useDemoBrowser();

  it('an instructor: desk, cohort, class sessions, attendance, scheduling, item analysis, question bank', async () => {
    await check(env, 'instructor@example.com', (ids) => [
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
    await check(env, 'trainee@example.com', () => ['/exams', `/exams/sittings/${sittingId}`, attemptPath]);
    await check(env, 'instructor@example.com', (i) => [
      `/cohorts/${i.cohortId}/sittings`,
      `/cohorts/${i.cohortId}/sittings/${sittingId}`,
      `/cohorts/${i.cohortId}/sittings/${sittingId}/results`,
    ]);
    // The schedule form refused, its errors linked to the fields they name.
    const findings: Finding[] = [];
    for (const width of [1366, 390]) {
      const s = await signedIn(env.browser, env.server.url, 'instructor@example.com', width);
      await s.page.goto(`${env.server.url}/cohorts/${ids.cohortId}/sittings`);
      await s.page.getByLabel('迟到截止：开考后多少分钟内可入场').fill('100000');
      await s.page.getByRole('button', { name: '安排考试' }).click();
      await s.page.waitForSelector('[data-testid="sitting-errors"]');
      findings.push(await findingOf(s.page, 'sitting form refused', width));
      await s.close();
    }
    expect(describeFindings(findings)).toBe('');
  }, 90_000);
});
