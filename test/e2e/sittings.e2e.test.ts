import type { AddressInfo } from 'node:net';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { serve } from '@hono/node-server';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Db } from '../../src/db/client.js';
import { seedDemo, DEMO_PASSWORD } from '../../src/institutions/demo.js';
import * as people from '../../src/institutions/store.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { toDateTimeLocal } from '../../src/platform/zoned-time.js';
import { testCatalog } from '../helpers/app.js';
import { blueprintDir } from '../helpers/exams.js';
import { launchBrowser } from './browser.js';

// A scheduled sitting (统一模拟考) in real Chromium: the instructor schedules it, two trainees start,
// one leaves the tab twice and the live room shows it, a third arrives after the latest start and
// is refused, and the review stays hidden until the window closes. The server's clock decides;
// "time passing" (the latest start, the close) is the sitting's stored times moved into the past.

const BLUEPRINTS = `
blueprints:
  - id: e2e-sitting
    level: assistant
    title: { zh: 统一模拟考测试卷, en: Sitting paper }
    timeLimitMinutes: 30
    passPercent: 60
    points: { single: 1, multiple: 2, truefalse: 1, casePart: 2 }
    draw:
      - { course: bcm-intro, single: 3, multiple: 1, truefalse: 1 }
`;

let server: { url: string; db: Db; timeZone: string; close: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcm-e2e-sitting-'));
  const env = { DATABASE_PATH: path.join(dir, 'bcm.sqlite'), DATA_DIR: dir, COURSES_DIR: blueprintDir(BLUEPRINTS) };
  const db = openDatabase(loadConfig(env).databasePath);
  await seedDemo(db);
  const cohort = db.$client.prepare("select id, institution_id i from cohorts where level = 'assistant' order by id limit 1").get() as {
    id: number;
    i: number;
  };
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const [email, name] of [
    ['trainee2@example.com', '钱学员'],
    ['trainee3@example.com', '孙学员'],
  ]) {
    const u = people.createUser(db, { email, name, role: 'trainee', institutionId: cohort.i, passwordHash: hash });
    people.enrol(db, cohort.id, u.id);
  }
  let app: ReturnType<typeof createApp> | undefined;
  const srv = serve({ fetch: (req) => app!.fetch(req), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => srv.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  const config = loadConfig({ ...env, PUBLIC_URL: url });
  app = createApp({ db, config, logger: pino({ level: 'silent' }), catalog: await testCatalog() });
  server = { url, db, timeZone: config.timeZone, close: () => new Promise<void>((resolve) => srv.close(() => resolve())) };
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(email: string, width = 1024) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}/login`);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForLoadState('load');
  return { context, page, errors };
}

async function openNotice(page: Page) {
  await page.goto(`${server.url}/exams`);
  await page.locator('li.exam-card', { hasText: '统一模拟考测试卷' }).first().getByRole('link', { name: '考前须知' }).click();
  await page.waitForURL(/\/exams\/sittings\/\d+$/);
}

describe('a scheduled sitting in Chromium', () => {
  it('an instructor schedules a sitting, watches two trainees in the live room, a latecomer is refused, and the review opens only after the close', async () => {
    const cohortId = (server.db.$client.prepare("select id from cohorts where level = 'assistant' order by id limit 1").get() as { id: number }).id;
    const instructor = await signIn('instructor@example.com');
    const ip = instructor.page;
    await ip.goto(`${server.url}/cohorts/${cohortId}/sittings`);
    const now = Date.now();
    await ip.getByLabel('模拟考试').selectOption('e2e-sitting');
    await ip.getByLabel('开考时间').fill(toDateTimeLocal(now - 2 * 60_000, server.timeZone));
    await ip.getByLabel('结束时间（考场关闭）').fill(toDateTimeLocal(now + 60 * 60_000, server.timeZone));
    await ip.getByLabel('迟到截止：开考后多少分钟内可入场').fill('20');
    await ip.getByLabel('答题时长（分钟）').fill('30');
    await ip.getByLabel('成绩和完整解析').check();
    await ip.getByRole('button', { name: '安排考试' }).click();
    await ip.waitForURL(/\/sittings\/\d+$/);
    const sittingId = Number(/\/sittings\/(\d+)$/.exec(ip.url())![1]);
    await expect.poll(() => ip.getByTestId('live-room').isVisible()).toBe(true);

    // Two trainees start from the 考前须知, which states the window and the latest start.
    const one = await signIn('trainee@example.com');
    await openNotice(one.page);
    expect(await one.page.getByTestId('sitting-latest-start').textContent()).toBeTruthy();
    await one.page.getByRole('button', { name: '我已阅读，开始考试' }).click();
    await one.page.waitForURL(/\/exams\/attempts\/\d+$/);
    await one.page.waitForSelector('[data-testid="watermark"]', { state: 'attached' });
    // The watermark is drawn from data-mark by CSS: the masked name and the candidate number show.
    const drawn = await one.page.$eval('[data-testid="watermark"] span', (el) => getComputedStyle(el, '::before').content);
    expect(drawn).toMatch(/\*.*\d/);
    const two = await signIn('trainee2@example.com');
    await openNotice(two.page);
    await two.page.getByRole('button', { name: '我已阅读，开始考试' }).click();
    await two.page.waitForURL(/\/exams\/attempts\/\d+$/);
    // The third trainee reads the notice in time but clicks only after the latest start.
    const three = await signIn('trainee3@example.com');
    await openNotice(three.page);

    // Trainee one leaves the exam tab twice. Headless Chromium keeps every page "visible" when
    // another tab is brought to the front (bringToFront fires no visibilitychange there: checked),
    // so the page's own visibility is switched and the very events exam.js listens to are sent.
    const exam = one.page;
    await exam.waitForLoadState('load');
    const setVisibility = (state: 'hidden' | 'visible') =>
      exam.evaluate((s) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
        document.dispatchEvent(new Event('visibilitychange'));
        window.dispatchEvent(new Event(s === 'hidden' ? 'blur' : 'focus'));
      }, state);
    for (let i = 0; i < 2; i++) {
      await setVisibility('hidden');
      await exam.waitForTimeout(1200);
      await setVisibility('visible');
      await exam.waitForTimeout(300);
    }
    const row = ip.locator('tr[data-trainee]', { hasText: '张学员' });
    await expect.poll(() => row.getByTestId('departures').textContent(), { timeout: 15_000 }).toBe('2');
    expect(await row.getByTestId('state').textContent()).toContain('作答中');
    expect(await row.textContent()).toContain('回到页面');
    expect(await ip.locator('tr[data-trainee]', { hasText: '钱学员' }).getByTestId('state').textContent()).toContain('作答中');
    expect(await ip.locator('tr[data-trainee]', { hasText: '孙学员' }).getByTestId('state').textContent()).toContain('未开考');

    // The latest start passes: the latecomer is refused, saying why.
    server.db.$client.prepare('update exam_sittings set latest_start_at = ? where id = ?').run(Date.now() - 1000, sittingId);
    await three.page.getByRole('button', { name: '我已阅读，开始考试' }).click();
    await expect.poll(() => three.page.getByTestId('sitting-refusal').textContent()).toContain('迟到禁止入场');

    // Trainee one submits early: no score and no key before the window closes.
    await exam.getByRole('button', { name: '交卷', exact: true }).click();
    await exam.getByRole('dialog', { name: '确认交卷' }).getByRole('button', { name: '确认交卷' }).click();
    await exam.waitForSelector('[data-testid="sitting-held"]');
    expect(await exam.getByTestId('sitting-held').textContent()).toContain('考场关闭后');
    expect(await exam.locator('[data-testid="score"]').count()).toBe(0);

    // The window closes (trainee two's attempt ends with it): the review is shown.
    server.db.$client.prepare('update exam_sittings set closes_at = ? where id = ?').run(Date.now() - 1000, sittingId);
    server.db.$client.prepare("update exam_attempts set deadline_at = ? where sitting_id = ? and status = 'open'").run(Date.now() - 10_000, sittingId);
    await exam.reload();
    await exam.waitForSelector('[data-testid="result"]');
    expect(await exam.locator('[data-testid="score"]').count()).toBe(1);

    expect([...one.errors, ...two.errors, ...three.errors, ...instructor.errors]).toEqual([]);
    for (const s of [one, two, three, instructor]) await s.context.close();
  });
});
