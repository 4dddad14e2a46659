import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { launchBrowser, startBlueprintServer } from './browser.js';

// Real Chromium sitting mock exams: a short exam to its result, a lost network mid-exam, and the
// clock running out. Blueprints come from a test-only courses folder (COURSES_DIR) holding just a
// blueprints.yaml with a short paper and a 9-second one; the banks are the real ones.

const BLUEPRINTS = `
blueprints:
  - id: e2e-short
    level: assistant
    title: { zh: 浏览器测试短卷, en: Browser test paper }
    timeLimitMinutes: 30
    passPercent: 60
    points: { single: 1, multiple: 2, truefalse: 1, casePart: 2 }
    draw:
      - { course: bcm-intro, single: 3, multiple: 1, truefalse: 1, case: 1 }
  - id: e2e-clock
    level: assistant
    title: { zh: 限时测验, en: Timed quiz }
    timeLimitMinutes: 0.15
    passPercent: 60
    points: { single: 1, multiple: 2, truefalse: 1, casePart: 2 }
    draw:
      - { course: theory-regulation, single: 3 }
`;

let server: { url: string; db: Db; close: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  server = await startBlueprintServer('exam', BLUEPRINTS);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(opts: { consoleErrors?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Includes CSP violations (inline code would be one); offline journeys expect network errors.
  if (opts.consoleErrors) page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${server.url}/login`);
  await page.getByLabel('电子邮箱').fill('trainee@example.com');
  await page.getByLabel('密码').fill('demo-password');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${server.url}/me`);
  return { context, page, errors };
}

async function startExam(page: Page, title: string): Promise<number> {
  await page.goto(`${server.url}/exams`);
  // The card leads to 考前须知, whose button starts the clock; an exam in progress resumes at once.
  const card = page.locator('li.exam-card', { hasText: title });
  if ((await card.getByRole('button', { name: '继续考试' }).count()) > 0) {
    await card.getByRole('button', { name: '继续考试' }).click();
  } else {
    await card.getByRole('link', { name: '考前须知' }).click();
    await page.waitForURL(/\/exams\/notice\//);
    await page.getByRole('button', { name: '我已阅读，开始考试' }).click();
  }
  await page.waitForURL(/\/exams\/attempts\/\d+$/);
  return Number(/(\d+)$/.exec(page.url())![1]);
}

const stored = (attemptId: number) =>
  server.db.$client.prepare('select question_key key, answer, flagged, seq from attempt_answers where attempt_id = ? order by question_key').all(attemptId) as {
    key: string;
    answer: string;
    flagged: number;
    seq: number;
  }[];
const attempt = (id: number) =>
  server.db.$client.prepare('select status, submitted_by, score, max_score, deadline_at from exam_attempts where id = ?').get(id) as {
    status: string;
    submitted_by: string;
    score: number;
    max_score: number;
    deadline_at: number;
  };

async function until<T>(fn: () => T, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Answers question form `i` by clicking its first option (a radio or a checkbox). */
const answer = (page: Page, i: number, option = 0) => page.locator('form.q').nth(i).locator('input[name="a"]').nth(option).check();

describe('sitting a mock exam in Chromium', () => {
  it('answers with mouse and keyboard, flags, navigates, submits and sees the result', async () => {
    const { context, page, errors } = await signIn({ consoleErrors: true });
    // This browser's clock is two hours fast: the countdown must follow the server's clock.
    await page.clock.install({ time: Date.now() + 2 * 60 * 60_000 });
    await page.clock.resume();
    const id = await startExam(page, '浏览器测试短卷');
    const forms = page.locator('form.q');
    const n = await forms.count();
    expect(n).toBeGreaterThanOrEqual(7);
    await page.waitForTimeout(1500);
    expect((await page.evaluate(() => Date.now())) - Date.now()).toBeGreaterThan(110 * 60_000);
    expect(await page.locator('[data-timer]').textContent()).toMatch(/^(29:5\d|30:00)$/);

    await answer(page, 0);
    await expect.poll(() => page.locator('#save-status').textContent()).toBe('已保存');
    // Keyboard: Tab into the second question's radios and move with the arrow keys.
    await forms.nth(1).locator('input[name="a"]').first().focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await forms.nth(2).getByLabel('标记，稍后复查').check();
    for (let i = 2; i < n; i++) await answer(page, i);
    await until(
      () => stored(id).filter((r) => r.answer !== '').length,
      (c) => c === n,
    );
    expect(stored(id).filter((r) => r.answer !== '')).toHaveLength(n);
    expect(stored(id).filter((r) => r.flagged)).toHaveLength(1);

    // The navigator shows what is answered and flagged, and jumps to a question.
    expect(await page.locator('.qnav a.is-answered').count()).toBe(n);
    expect(await page.locator('.qnav a.is-flagged').count()).toBe(1);
    await page
      .locator('.qnav a')
      .nth(n - 1)
      .click();
    expect(page.url()).toMatch(new RegExp(`#q-${n}$`));

    // A refresh shows the same answers.
    await page.reload();
    expect(await page.locator('form.q input[name="a"]:checked').count()).toBeGreaterThanOrEqual(n);

    await page.getByRole('button', { name: '交卷', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认交卷' }).click();
    await page.waitForSelector('[data-testid="result"]');
    expect(await page.locator('[data-testid="score"]').textContent()).toMatch(/^\d+(\.\d+)? \/ \d+ 分$/);
    expect(await page.textContent('main')).toContain('试卷回顾');
    expect(await page.textContent('main')).toContain('解析');
    expect(attempt(id)).toMatchObject({ status: 'submitted', submitted_by: 'trainee' });
    // The browser's copy of the attempt is cleared once it is submitted.
    expect(await page.evaluate((k) => localStorage.getItem(k), `bcm-exam-${id}`)).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps answers made offline and sends them when the network returns, even after closing the tab', async () => {
    const { context, page } = await signIn();
    const id = await startExam(page, '浏览器测试短卷');
    const keyOf = (i: number) => page.locator('form.q').nth(i).getAttribute('data-key');
    await answer(page, 0);
    await expect.poll(() => page.locator('#save-status').textContent()).toBe('已保存');

    await context.setOffline(true);
    await answer(page, 1);
    await answer(page, 2);
    const status = page.locator('#save-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('warn');
    expect(await status.textContent()).toContain('网络已断开');
    const held = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? '{}').pending, `bcm-exam-${id}`);
    expect(Object.keys(held).sort()).toEqual([await keyOf(1), await keyOf(2)].sort());
    expect(stored(id)).toHaveLength(1);

    await context.setOffline(false);
    await until(
      () => stored(id).length,
      (c) => c === 3,
    );
    expect(
      stored(id)
        .map((r) => r.key)
        .sort(),
    ).toEqual([await keyOf(0), await keyOf(1), await keyOf(2)].sort());
    await expect.poll(() => status.textContent()).toBe('已保存');

    // Offline again; this time the tab is closed before the network returns.
    await context.setOffline(true);
    await answer(page, 3);
    const key3 = await keyOf(3);
    await expect.poll(() => status.getAttribute('data-state')).toBe('warn');
    const heldAtClose = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? '{}').pending, `bcm-exam-${id}`);
    expect(Object.keys(heldAtClose)).toContain(key3);
    await page.close();
    await context.setOffline(false);
    // Chromium may still deliver the closing page's keep-alive save once the network is back (it is
    // sent outside the page's offline emulation), so the server may or may not have it yet; either
    // way the reopened page sends what the browser held and shows it answered.
    const again = await context.newPage();
    await again.goto(`${server.url}/exams/attempts/${id}`);
    await until(
      () => stored(id).map((r) => r.key),
      (keys) => keys.includes(key3!),
    );
    expect(stored(id).map((r) => r.key)).toContain(key3);
    expect(await again.locator(`form.q[data-key="${key3}"] input[name="a"]:checked`).count()).toBe(1);
    await context.close();
  });

  it('announces the time left to screen readers at 10 and 5 minutes, not every second', async () => {
    const { context, page } = await signIn();
    await page.clock.install();
    await page.clock.resume();
    await startExam(page, '浏览器测试短卷');
    const announce = page.locator('#timer-announce');
    expect(await announce.textContent()).toBe('');
    expect(await page.locator('[role="timer"]').getAttribute('aria-live')).toBe('off');
    await page.clock.fastForward('20:30');
    await expect.poll(() => announce.textContent()).toBe('剩余 10 分钟');
    await page.clock.fastForward('05:00');
    await expect.poll(() => announce.textContent()).toBe('剩余 5 分钟');
    expect(await page.locator('#exam').getAttribute('class')).toContain('is-ending');
    await context.close();
  });

  it('submits automatically when the server’s clock runs out', async () => {
    const { context, page } = await signIn();
    const id = await startExam(page, '限时测验');
    const deadline = attempt(id).deadline_at;
    await answer(page, 0);
    await expect.poll(() => page.locator('#save-status').textContent()).toBe('已保存');
    expect(await page.locator('#timer-announce').getAttribute('aria-live')).toBe('assertive');
    // No click: the page submits itself at the deadline and lands on the result.
    await page.waitForSelector('[data-testid="result"]', { timeout: 40_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(deadline - 1500);
    expect(await page.locator('[data-testid="submitted-by"]').textContent()).toBe('时间到，自动交卷');
    expect(attempt(id)).toMatchObject({ status: 'submitted', submitted_by: 'deadline' });
    expect(stored(id)).toHaveLength(1);
    await context.close();
  }, 60_000);
});
