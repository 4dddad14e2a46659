import { describe, expect, it } from 'vitest';
import { ACCOUNT_LIMITS, lockRemaining, recordFailure } from '../../src/auth/throttle-rules.js';
import { makeTestApp, PASSWORD } from '../helpers/app.js';

describe('throttle rules', () => {
  it('locks after the maximum failures within the window, and the window resets', () => {
    let counter = undefined as ReturnType<typeof recordFailure> | undefined;
    for (let i = 0; i < ACCOUNT_LIMITS.maxFailures - 1; i++) counter = recordFailure(counter, ACCOUNT_LIMITS, 1000 + i);
    expect(lockRemaining(counter, 2000)).toBe(0);
    counter = recordFailure(counter, ACCOUNT_LIMITS, 2000);
    expect(lockRemaining(counter, 2000)).toBe(ACCOUNT_LIMITS.lockMs);
    const later = recordFailure(counter, ACCOUNT_LIMITS, 2000 + ACCOUNT_LIMITS.windowMs);
    expect(later.failures).toBe(1);
  });
});

describe('login throttling over HTTP', () => {
  it('locks an account after 5 wrong passwords: 429 with a clear message, even for the right password', async () => {
    const t = await makeTestApp();
    const u = await t.user('trainee', null);
    for (let i = 0; i < 5; i++) {
      const res = await t.request('/login', { method: 'POST', body: t.form({ email: u.email, password: `wrong-${i}` }) });
      expect(res.status).toBe(400);
    }
    const locked = await t.request('/login', { method: 'POST', body: t.form({ email: u.email, password: PASSWORD }) });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBeTruthy();
    expect(await locked.text()).toMatch(/登录尝试次数过多，请在 15 分钟后再试/);
  });

  it('locks an IP that tries many accounts', async () => {
    const t = await makeTestApp();
    for (let i = 0; i < 20; i++) {
      await t.request('/login', { method: 'POST', body: t.form({ email: `nobody${i}@example.com`, password: 'x' }) });
    }
    const u = await t.user('trainee', null);
    const res = await t.request('/login', { method: 'POST', body: t.form({ email: u.email, password: PASSWORD }) });
    expect(res.status).toBe(429);
  });
});
