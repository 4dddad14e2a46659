import { describe, expect, it } from 'vitest';
import { useDemoBrowser } from './browser.js';

const env = useDemoBrowser();

describe('a trainee in the browser', () => {
  it('logs in, switches to English and back is remembered, then logs out', async () => {
    const context = await env.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));

    await page.goto(`${env.server.url}/login`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.getByLabel('电子邮箱').fill('trainee@example.com');
    await page.getByLabel('密码').fill('demo-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${env.server.url}/me`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('我的学习');
    expect(await page.textContent('main')).toContain('助理级银行客户经理');

    await page.getByTestId('lang-switch').click();
    await page.waitForLoadState('load');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('My learning');
    // Remembered: a fresh visit still shows English.
    await page.goto(`${env.server.url}/me`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await page.getByRole('button', { name: 'Log out', exact: true }).click();
    await page.waitForURL(`${env.server.url}/login`);
    expect(await page.textContent('main')).toContain('You are logged out.');
    await page.goto(`${env.server.url}/me`);
    expect(page.url()).toContain('/login?next=%2Fme');
    // No CSP violations or script errors along the way.
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
    await context.close();
  });
});
