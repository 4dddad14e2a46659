import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startDemoServer } from '../e2e/browser.js';
import { findPersonByEmail, listInstructorCohorts } from '../../src/institutions/store.js';
import { addSession, MIN } from './helpers.js';

// In Chromium, under the real CSP: htmx saves a roster row in place, the classroom screen polls
// its code, and an open remote session page sends presence beats by itself.

let server: Awaited<ReturnType<typeof startDemoServer>>;
let browser: Browser;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function loggedIn(email: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}/login`);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill('demo-password');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForLoadState('load');
  return { page, problems };
}

describe('class sessions in the browser', () => {
  it('lets an instructor save a roster row in place and watch the check-in code refresh', async () => {
    const instructor = findPersonByEmail(server.db, 'instructor@example.com')!;
    const cohort = listInstructorCohorts(server.db, instructor.id).find((c) => c.level === 'assistant')!;
    const now = Date.now();
    const session = addSession(server, cohort, { startsAt: now - 5 * MIN, minutes: 90, title: '浏览器中的面授课' });
    const { page, problems } = await loggedIn('instructor@example.com');
    await page.goto(`${server.url}/instructor/cohorts/${cohort.id}`);
    await page.getByTestId('cohort-sessions-link').click();
    await page.getByRole('link', { name: '浏览器中的面授课' }).first().click();
    const row = page.locator('form.roster-row').first();
    await row.locator('select[name=status]').selectOption('late');
    await row.locator('input[name=minutes]').fill('10');
    const before = page.url();
    await row.getByRole('button', { name: '保存' }).click();
    await page.locator('form.roster-row .row-saved').first().waitFor();
    expect(page.url()).toBe(before); // swapped in place, no navigation
    expect(await page.locator('form.roster-row').first().textContent()).toContain('课程结束后计 80 分钟');

    await page.goto(`${server.url}/sessions/${session.id}/screen`);
    const code = page.getByTestId('checkin-code');
    expect(await code.textContent()).toMatch(/^\d{6}$/);
    expect(await page.locator('.screen-qr svg').count()).toBe(1);
    await page.waitForResponse((r) => r.url().endsWith(`/sessions/${session.id}/screen/code`), { timeout: 8_000 });
    expect(problems).toEqual([]);
  });

  it('sends presence beats from an open remote session page without any input', async () => {
    const trainee = findPersonByEmail(server.db, 'trainee@example.com')!;
    const instructor = findPersonByEmail(server.db, 'instructor@example.com')!;
    const cohort = listInstructorCohorts(server.db, instructor.id).find((c) => c.level === 'assistant')!;
    const session = addSession(server, cohort, { mode: 'remote', startsAt: Date.now() - 10 * MIN, minutes: 60 });
    const { page, problems } = await loggedIn('trainee@example.com');
    const beat = page.waitForResponse((r) => r.url().endsWith(`/sessions/${session.id}/presence`) && r.status() === 200, { timeout: 10_000 });
    await page.goto(`${server.url}/sessions/${session.id}`);
    await beat;
    await page.locator('.presence', { hasText: '正在记录在线时长' }).waitFor();
    const rows = server.db.$client.prepare('select count(*) n from remote_presence where session_id = ? and trainee_id = ?').get(session.id, trainee.id);
    expect(rows).toEqual({ n: 1 });
    expect(problems).toEqual([]);
  });
});
