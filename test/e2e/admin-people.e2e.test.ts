import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/institutions/demo.js';
import { useDemoBrowser } from './browser.js';

// Issue 13 "done when": an admin edits a trainee and imports a roster through preview and confirm,
// on a desktop and on a phone, never scrolling the page sideways. Screenshots go to SHOTS when set.

const env = useDemoBrowser();
const SHOTS = process.env.BCM_SHOTS_DIR;
const HEADER = '姓名,身份证号/工号,电子邮箱,手机号,学历,金融从业年限';

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const shot = async (page: Page, name: string) => SHOTS && (await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true }));

describe('an institution admin in the browser', () => {
  for (const width of [1366, 390]) {
    it(`an admin edits a trainee and imports a roster through preview and confirm (${width} px)`, { timeout: 90_000 }, async () => {
      const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      const overflow: string[] = [];
      const fits = async (what: string) => {
        const by = await sideways(page);
        if (by > 0) overflow.push(`${what}: ${by}px`);
      };

      await page.goto(`${env.server.url}/login`);
      await page.getByLabel('电子邮箱').fill('admin@example.com');
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(`${env.server.url}/admin`);
      await page.getByRole('link', { name: '2026 年助理级 1 班' }).first().click();

      // The cohort's sections as tabs, the roster current.
      const tabs = page.getByTestId('cohort-tabs');
      expect(await tabs.getByRole('link').allTextContents()).toEqual(['名单', '课时', '考勤', '考试', '证明']);
      expect(await tabs.locator('[aria-current="page"]').textContent()).toBe('名单');
      await fits('cohort');
      await shot(page, `cohort-${width}`);
      await tabs.getByRole('link', { name: '考勤' }).click();
      expect(await page.getByTestId('cohort-tabs').locator('[aria-current="page"]').textContent()).toBe('考勤');
      await page.getByTestId('cohort-tabs').getByRole('link', { name: '名单' }).click();

      // Edit the demo trainee's phone and years.
      await page.getByRole('region', { name: '学员名单', exact: true }).getByRole('link', { name: '张学员' }).click();
      await expect(page.getByRole('heading', { name: '张学员 的资料' }).isVisible()).resolves.toBe(true);
      await fits('trainee');
      const phone = width === 1366 ? '13911112222' : '13933334444';
      await page.getByLabel('手机号').fill(phone);
      await page.getByLabel('金融从业年限').fill('4');
      await shot(page, `trainee-${width}`);
      await page.getByRole('button', { name: '保存资料' }).click();
      await page.locator('.flash-ok').waitFor();
      expect(await page.locator('.flash-ok').textContent()).toContain('张学员 的资料已保存');
      expect(await page.getByLabel('手机号').inputValue()).toBe(phone);

      // Upload a roster, read the preview, confirm.
      await page.getByRole('link', { name: '返回名单' }).click();
      const tag = String(width);
      const csv = `${HEADER}\n预览甲${tag},E${tag}01,preview-a-${tag}@example.com,13912345678,本科,2\n预览乙${tag},E${tag}02,preview-b-${tag}@example.com,,大专,0\n张学员,11010519491231002X,trainee@example.com,,本科,4\n`;
      await page.getByLabel('名单文件（CSV 或 XLSX）').setInputFiles({ name: `roster-${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: '上传并预览' }).click();
      await page.waitForURL('**/roster/preview');
      await expect(page.getByRole('heading', { name: '导入预览' }).isVisible()).resolves.toBe(true);
      const summary = await page.getByTestId('preview-summary').textContent();
      expect(summary).toContain('新学员（将创建账户）：2');
      expect(summary).toContain('已在本班：1');
      expect(await page.locator('tr[data-kind="new"]').count()).toBe(2);
      await fits('preview');
      await shot(page, `preview-${width}`);
      await page.getByRole('button', { name: '确认导入这 3 行' }).click();
      await page.waitForURL(/\/admin\/cohorts\/\d+$/);
      expect(await page.locator('.flash-ok').textContent()).toContain('已导入 2 名新学员，2 人加入本班');
      expect(await page.getByRole('region', { name: '学员名单', exact: true }).textContent()).toContain(`preview-a-${tag}@example.com`);

      // Activation links for everyone pending: a printable sheet with QR codes and copy buttons.
      await page.getByRole('button', { name: '生成可打印的二维码页' }).click();
      await page.waitForURL('**/invites');
      const cards = page.getByTestId('invite-sheet').locator('li');
      expect(await cards.count()).toBeGreaterThanOrEqual(2);
      expect(await cards.first().locator('svg').count()).toBe(1);
      await expect(cards.first().getByRole('button', { name: '复制' }).isVisible()).resolves.toBe(true);
      await fits('sheet');
      await shot(page, `sheet-${width}`);

      expect(overflow, overflow.join('\n')).toEqual([]);
      expect(problems, problems.join('\n')).toEqual([]);
      await context.close();
    });
  }
});
