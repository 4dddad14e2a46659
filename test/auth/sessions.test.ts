import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/app.js';
import {
  ACTIVITY_CHECK_INTERVAL_MS,
  INACTIVITY_TIMEOUT_MS,
  createSession,
  invalidateSession,
  invalidateUserSessions,
  validateSessionToken,
} from '../../src/auth/sessions.js';

describe('sessions (Lucia guide)', () => {
  it('validates a fresh token and stores only the SHA-256 of its secret', async () => {
    const { db, user } = await makeTestApp();
    const u = await user('trainee', null);
    const s = createSession(db, u.id, 1_000);
    expect(validateSessionToken(db, s.token, 2_000)?.session.userId).toBe(u.id);
    const [id, secret] = s.token.split('.');
    const raw = db.$client.prepare('select * from sessions').all() as Record<string, unknown>[];
    expect(raw).toHaveLength(1);
    const dump = JSON.stringify(raw, (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v));
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(Buffer.from(secret).toString('hex'));
    expect(raw[0].id).toBe(id);
  });

  it('rejects a wrong secret, a malformed token and an unknown id', async () => {
    const { db, user } = await makeTestApp();
    const u = await user('trainee', null);
    const s = createSession(db, u.id);
    const [id] = s.token.split('.');
    expect(validateSessionToken(db, `${id}.aaaaaaaaaaaaaaaaaaaaaaaa`)).toBeNull();
    expect(validateSessionToken(db, 'garbage')).toBeNull();
    expect(validateSessionToken(db, `nope.${s.token.split('.')[1]}`)).toBeNull();
  });

  it('expires after inactivity, and slides when used', async () => {
    const { db, user } = await makeTestApp();
    const u = await user('trainee', null);
    const s = createSession(db, u.id, 0);
    // Used just after the activity interval: refreshed, so its expiry moves forward.
    const used = validateSessionToken(db, s.token, ACTIVITY_CHECK_INTERVAL_MS + 1);
    expect(used?.refreshed).toBe(true);
    const lastUse = INACTIVITY_TIMEOUT_MS + 10;
    expect(validateSessionToken(db, s.token, lastUse)?.session.userId).toBe(u.id);
    // Unused for longer than the timeout: gone, and deleted from the table.
    expect(validateSessionToken(db, s.token, lastUse + INACTIVITY_TIMEOUT_MS)).toBeNull();
    expect(db.$client.prepare('select count(*) n from sessions').get()).toEqual({ n: 0 });
  });

  it('invalidates one session, or all of a user', async () => {
    const { db, user } = await makeTestApp();
    const u = await user('trainee', null);
    const a = createSession(db, u.id);
    const b = createSession(db, u.id);
    invalidateSession(db, a.id);
    expect(validateSessionToken(db, a.token)).toBeNull();
    expect(validateSessionToken(db, b.token)).not.toBeNull();
    expect(invalidateUserSessions(db, u.id)).toBe(1);
    expect(validateSessionToken(db, b.token)).toBeNull();
  });
});

describe('login and logout over HTTP', () => {
  it('sets an HttpOnly SameSite=Lax cookie, and logout makes it useless', async () => {
    const t = await makeTestApp();
    const u = await t.user('trainee', null);
    const res = await t.request('/login', { method: 'POST', body: t.form({ email: u.email, password: 'correct-horse-battery' }) });
    expect(res.status).toBe(303);
    const setCookie = res.headers.getSetCookie().find((h) => h.startsWith('bcm_session='))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/); // http PUBLIC_URL
    const cookie = setCookie.split(';')[0];
    expect((await t.request('/me', { cookie })).status).toBe(200);
    const out = await t.request('/logout', { method: 'POST', cookie });
    expect(out.status).toBe(303);
    const after = await t.request('/me', { cookie });
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/login/);
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const t = await makeTestApp({ PUBLIC_URL: 'https://bcm.example.org' });
    const u = await t.user('trainee', null);
    const res = await t.request('/login', {
      method: 'POST',
      headers: { Origin: 'https://bcm.example.org' },
      body: t.form({ email: u.email, password: 'correct-horse-battery' }),
    });
    expect(res.headers.getSetCookie().find((h) => h.startsWith('bcm_session='))).toMatch(/Secure/);
  });

  it('"log out everywhere" ends every session of the account', async () => {
    const t = await makeTestApp();
    const u = await t.user('trainee', null);
    const phone = await t.login(u.email);
    const laptop = await t.login(u.email);
    const res = await t.request('/logout-everywhere', { method: 'POST', cookie: laptop });
    expect(res.status).toBe(303);
    expect((await t.request('/me', { cookie: phone })).status).toBe(303);
  });

  it('rejects a wrong password with a clear message and no cookie', async () => {
    const t = await makeTestApp();
    const u = await t.user('trainee', null);
    const res = await t.request('/login', { method: 'POST', body: t.form({ email: u.email, password: 'wrong-password' }) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('邮箱或密码不正确');
    expect(res.headers.getSetCookie().some((h) => h.startsWith('bcm_session='))).toBe(false);
  });
});
