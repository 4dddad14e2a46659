import path from 'node:path';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startBlueprintServer } from './browser.js';

// The exam flow around the paper, in real Chromium at desktop and phone width: 考前须知, the paper
// without site navigation and its answer sheet (a drawer on the phone), the confirmation that lists
// what is unanswered and flagged, and the review's 只看错题. Screenshots go to SHOTS when it is set.

const BLUEPRINTS = `
blueprints:
  - id: e2e-flow
    level: assistant
    title: { zh: 考试流程测试卷, en: Exam flow paper }
    timeLimitMinutes: 30
    passPercent: 60
    points: { single: 1, multiple: 2, truefalse: 1, casePart: 2 }
    draw:
      - { course: bcm-intro, single: 4, multiple: 2, truefalse: 2, case: 1 }
`;
const SHOTS = process.env.SHOTS;

let server: Awaited<ReturnType<typeof startBlueprintServer>>;
let browser: Browser;

beforeAll(async () => {
  server = await startBlueprintServer('flow', BLUEPRINTS);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const shot = async (page: Page, name: string, fullPage = false) => {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
};
const attempt = (id: number) =>
  server.db.$client.prepare('select status, submitted_by from exam_attempts where id = ?').get(id) as { status: string; submitted_by: string };
const flaggedRows = (id: number) =>
  server.db.$client.prepare('select count(*) n from attempt_answers where attempt_id = ? and flagged = 1').get(id) as { n: number };

describe('the exam flow in Chromium', () => {
  for (const width of [1366, 390]) {
    it(`a trainee reads the exam notice, starts, flags a question, and submits through the confirmation that lists it (${width} px)`, async () => {
      if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: 860 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${server.url}/login`);
      await page.getByLabel('电子邮箱').fill('trainee@example.com');
      await page.getByLabel('密码').fill('demo-password');
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(`${server.url}/me`);

      // 考前须知: reading it starts nothing.
      await page.goto(`${server.url}/exams`);
      await page.locator('li.exam-card', { hasText: '考试流程测试卷' }).getByRole('link', { name: '考前须知' }).click();
      await page.waitForURL(/\/exams\/notice\/e2e-flow$/);
      await expect.poll(() => page.getByRole('heading', { name: '考前须知' }).isVisible()).toBe(true);
      expect(await page.getByRole('row', { name: /单项选择题/ }).textContent()).toContain('4 题');
      expect(await page.textContent('main')).toContain('时间到时系统自动交卷');
      expect(await sideways(page)).toBe(0);
      await shot(page, `notice-${width}`, true);
      expect(server.db.$client.prepare("select count(*) n from exam_attempts where exam_key = 'e2e-flow' and status = 'open'").get()).toEqual({ n: 0 });

      await page.getByRole('button', { name: '我已阅读，开始考试' }).click();
      await page.waitForURL(/\/exams\/attempts\/\d+$/);
      const id = Number(/(\d+)$/.exec(page.url())![1]);

      // No site navigation while the clock runs; the first Tab reaches the skip link to question 1.
      expect(await page.locator('.site-header').count()).toBe(0);
      expect(await page.locator('a[href="/me"], a[href="/exams"]').count()).toBe(0);
      expect(await page.textContent('#keys-help')).toContain('方向键');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到第 1 题');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('form.q')?.id)).toBe('q-1');
      await page.keyboard.press('Space');
      await expect.poll(() => page.locator('#save-status').textContent()).toBe('已保存');

      // Flag question 2 without answering it.
      await page.locator('#q-2').getByLabel('标记，稍后复查').check();
      await expect.poll(() => flaggedRows(id).n).toBe(1);

      const sheet = page.locator('#answer-sheet');
      const cell = (n: number) => sheet.locator(`a[href="#q-${n}"]`);
      if (width <= 600) {
        // The answer sheet is a drawer behind the header's button.
        expect(await sheet.isVisible()).toBe(false);
        const toggle = page.getByRole('button', { name: '答题卡', exact: true });
        await toggle.click();
        await expect.poll(() => sheet.isVisible()).toBe(true);
        expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      } else {
        expect(await sheet.isVisible()).toBe(true);
        expect(await page.getByRole('button', { name: '答题卡', exact: true }).isVisible()).toBe(false);
      }
      // Answered: a solid fill; flagged: a corner mark (a shape, not colour alone); current: outlined.
      expect(await cell(1).getAttribute('class')).toContain('is-answered');
      expect(await cell(1).evaluate((a) => getComputedStyle(a).backgroundColor)).toBe('rgb(29, 79, 145)');
      expect(await cell(2).evaluate((a) => getComputedStyle(a, '::after').borderRightWidth)).not.toBe('0px');
      expect(await cell(3).evaluate((a) => getComputedStyle(a, '::after').content)).toBe('none');
      expect(await cell(2).textContent()).toContain('已标记');
      expect(await cell(2).getAttribute('aria-current')).toBe('step');
      expect(await sheet.locator('[data-sheet-count]').textContent()).toMatch(/^已答 1 \/ \d+$/);
      expect(await sideways(page)).toBe(0);
      await shot(page, `paper-${width}`);
      await cell(3).click();
      await page.waitForURL(/#q-3$/);
      if (width <= 600) await expect.poll(() => sheet.isVisible()).toBe(false);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('q-3');

      // 交卷 → the confirmation lists question 2 as flagged and 2.. as unanswered, with links back.
      await page.getByRole('button', { name: '交卷', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: '确认交卷' });
      await expect.poll(() => dialog.isVisible()).toBe(true);
      const flaggedList = dialog.locator('.confirm-list', { hasText: '已标记' });
      expect(await flaggedList.getByRole('link').allTextContents()).toEqual(['2']);
      const unanswered = await dialog.locator('.confirm-list', { hasText: '未作答' }).getByRole('link').allTextContents();
      expect(unanswered[0]).toBe('2');
      expect(unanswered).not.toContain('1');
      expect(await sideways(page)).toBe(0);
      await shot(page, `confirm-dialog-${width}`);
      // 返回检查 through a question's link: the dialog closes on that question.
      await flaggedList.getByRole('link', { name: '第 2 题' }).click();
      await expect.poll(() => dialog.isVisible()).toBe(false);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('q-2');
      expect(attempt(id).status).toBe('open');

      // The same confirmation as a page of its own (what a browser without script gets).
      await page.goto(`${server.url}/exams/attempts/${id}/confirm`);
      expect(await page.getByTestId('flagged').getByRole('link').allTextContents()).toEqual(['2']);
      expect(await sideways(page)).toBe(0);
      await shot(page, `confirm-page-${width}`, true);
      await page.getByRole('link', { name: '返回检查' }).click();
      await page.waitForURL(new RegExp(`/exams/attempts/${id}$`));

      await page.getByRole('button', { name: '交卷', exact: true }).click();
      await dialog.getByRole('button', { name: '确认交卷' }).click();
      await page.waitForSelector('[data-testid="result"]');
      expect(attempt(id)).toMatchObject({ status: 'submitted', submitted_by: 'trainee' });
      expect(await page.locator('.site-header').count()).toBe(1);

      // The review: sections collapsed; 只看错题 shows the mistakes only.
      expect(await page.locator('details.review-part[open]').count()).toBe(0);
      await page.getByRole('link', { name: '只看错题' }).click();
      await page.waitForURL(/\?only=wrong#review-h$/);
      expect(await page.locator('.q-review.is-right').count()).toBe(0);
      expect(await page.locator('.q-review').count()).toBeGreaterThan(0);
      expect(await sideways(page)).toBe(0);
      await shot(page, `review-wrong-${width}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
