import { describe, expect, it } from 'vitest';
import { useDemoBrowser } from './browser.js';

const env = useDemoBrowser();

describe('a trainee studies a lesson', () => {
  it('opens the assistant syllabus, reads a lesson and answers its self-check without a reload', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } }); // a phone
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));

    await page.goto(`${env.server.url}/login`);
    await page.getByLabel('电子邮箱').fill('trainee@example.com');
    await page.getByLabel('密码').fill('demo-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${env.server.url}/me`);

    await page.getByRole('link', { name: '助理级银行客户经理' }).click();
    await page.waitForURL(`${env.server.url}/levels/assistant`);
    expect(await page.textContent('main')).toContain('合计：16 课时');
    await page.getByRole('link', { name: '银行客户经理的角色、职责与核心能力' }).first().click();
    await page.waitForURL(/\/courses\/bcm-intro\/01-role-and-duties$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('银行客户经理的角色、职责与核心能力');

    // The page must not scroll sideways on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);

    // Answer the first self-check; htmx swaps in the verdict, the page does not reload.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    const form = page.locator('form.self-check').first();
    await form.getByRole('radio').nth(2).check();
    await form.getByRole('button', { name: '提交答案' }).click();
    const result = page.locator('.self-check-result').first();
    await result.waitFor();
    expect(await result.textContent()).toContain('回答正确');
    expect(await result.textContent()).toContain('解析');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

    await page.getByRole('link', { name: /下一课/ }).click();
    await page.waitForURL(/02-customer-manager-system$/);
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });
});
