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

describe('login throttling under parallel attempts', () => {
  it('checks only 5 of 40 parallel wrong passwords for one account; the rest wait', async () => {
    const t = await makeTestApp();
    const u = await t.user('trainee', null);
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.request('/login', { method: 'POST', body: t.form({ email: u.email, password: `wrong-${i}` }) }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 400)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
  });

  it('does not let the right password through on try 13 of 100 parallel guesses', async () => {
    const t = await makeTestApp();
    const u = await t.user('trainee', null);
    const statuses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        t.request('/login', { method: 'POST', body: t.form({ email: u.email, password: i === 12 ? PASSWORD : `guess-${i}` }) }).then((r) => r.status),
      ),
    );
    expect(statuses).not.toContain(303);
    expect(statuses.filter((s) => s === 400)).toHaveLength(5);
  });

  it('a right password among the first five logs in and the IP is not charged for it', async () => {
    const t = await makeTestApp();
    const u = await t.user('trainee', null);
    const res = await t.request('/login', { method: 'POST', body: t.form({ email: u.email, password: PASSWORD }) });
    expect(res.status).toBe(303);
    // 20 failures lock an IP; the one success before them did not count as one of them.
    for (let i = 0; i < 19; i++) await t.request('/login', { method: 'POST', body: t.form({ email: `nobody${i}@example.com`, password: 'x' }) });
    const again = await t.request('/login', { method: 'POST', body: t.form({ email: u.email, password: PASSWORD }) });
    expect(again.status).toBe(303);
  });
});

describe('login messages do not reveal who has an account', () => {
  it('answers a not-yet-activated account exactly like an unknown e-mail, and counts it as a failure', async () => {
    const t = await makeTestApp();
    const people = await import('../../src/institutions/store.js');
    const pending = people.createUser(t.db, { email: 'pending@example.com', name: '待激活', role: 'trainee', institutionId: null, passwordHash: null });
    expect(pending.id).toBeGreaterThan(0);
    const forPending = await t.request('/login', { method: 'POST', body: t.form({ email: 'pending@example.com', password: 'whatever-1' }) });
    const forNobody = await t.request('/login', { method: 'POST', body: t.form({ email: 'nobody@example.com', password: 'whatever-1' }) });
    expect(forPending.status).toBe(forNobody.status);
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '').replace(/name="_csrf"[^>]*>/g, '');
    expect(strip(await forPending.text())).toBe(strip(await forNobody.text()));
    for (let i = 0; i < 4; i++) await t.request('/login', { method: 'POST', body: t.form({ email: 'pending@example.com', password: `again-${i}` }) });
    expect((await t.request('/login', { method: 'POST', body: t.form({ email: 'pending@example.com', password: 'again' }) })).status).toBe(429);
  });
});
