import { describe, expect, it } from 'vitest';
import { makeTestApp, ORIGIN } from '../helpers/app.js';

describe('security headers', () => {
  it('sends a strict CSP, nosniff, a strict referrer policy and refuses framing', async () => {
    const t = await makeTestApp();
    const res = await t.request('/');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    // no inline script at all: every <script> has a src
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toBeNull();
  });

  it('serves htmx 4 from our own origin', async () => {
    const t = await makeTestApp();
    const res = await t.request('/static/htmx.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('htmx');
    expect((await t.request('/static/css/app.css')).status).toBe(200);
  });
});

describe('CSRF protection', () => {
  it('refuses form posts from another origin or with no origin, with a message in Chinese', async () => {
    const t = await makeTestApp();
    const u = await t.user('trainee', null);
    const body = () => new URLSearchParams({ email: u.email, password: 'correct-horse-battery' });
    const cross = await t.request('/login', { method: 'POST', headers: { Origin: 'https://evil.example' }, body: body() });
    expect(cross.status).toBe(403);
    expect(await cross.text()).toContain('请求来源无法验证');
    const none = await t.app.request('/login', { method: 'POST', body: body() });
    expect(none.status).toBe(403);
    const same = await t.request('/login', { method: 'POST', headers: { Origin: ORIGIN }, body: body() });
    expect(same.status).toBe(303);
  });

  it('refuses a cross-site logout-everywhere with a valid cookie, and the sessions survive', async () => {
    const t = await makeTestApp();
    const u = await t.user('trainee', null);
    const cookie = await t.login(u.email);
    const res = await t.request('/logout-everywhere', { method: 'POST', cookie, headers: { Origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect((await t.request('/me', { cookie })).status).toBe(200);
  });
});

describe('language', () => {
  it('is Chinese by default, and the English switch is remembered (cookie and account)', async () => {
    const t = await makeTestApp();
    const home = await (await t.request('/')).text();
    expect(home).toContain('<html lang="zh-CN">');
    const u = await t.user('trainee', null);
    const cookie = await t.login(u.email);
    const res = await t.request('/lang', { method: 'POST', cookie, body: t.form({ lang: 'en', back: '/me' }) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/me');
    const langCookie = res.headers
      .getSetCookie()
      .find((h) => h.startsWith('bcm_lang='))!
      .split(';')[0];
    const page = await (await t.request('/me', { cookie: `${cookie}; ${langCookie}` })).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('My learning');
    // A new device without the cookie still gets the account's language.
    const other = await t.login(u.email);
    expect(await (await t.request('/me', { cookie: other })).text()).toContain('<html lang="en">');
  });

  it('refuses to redirect to another site after switching', async () => {
    const t = await makeTestApp();
    const res = await t.request('/lang', { method: 'POST', body: t.form({ lang: 'en', back: '//evil.example/x' }) });
    expect(res.headers.get('location')).toBe('/');
  });
});

describe('errors', () => {
  it('renders 404 in the user language', async () => {
    const t = await makeTestApp();
    const zh = await t.request('/no-such-page');
    expect(zh.status).toBe(404);
    expect(await zh.text()).toContain('页面不存在');
    const en = await t.request('/no-such-page', { cookie: 'bcm_lang=en' });
    expect(await en.text()).toContain('Page not found');
  });

  it('never sends a stack trace or SQL error to the browser', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    t.db.$client.exec('drop table cohort_instructors');
    const res = await t.request(`/admin/cohorts/${a.cohort.id}`, { cookie });
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain('服务器处理请求时出错');
    expect(html).not.toMatch(/SQLITE|no such table|at .*\.ts:\d+/i);
    expect(t.logLines.join('')).toContain('no such table');
  });
});

describe('health', () => {
  it('answers 200 {"status":"ok"} when the database answers', async () => {
    const t = await makeTestApp();
    const res = await t.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
    t.db.$client.close();
    const down = await t.request('/healthz');
    expect(down.status).toBe(503);
  });
});
