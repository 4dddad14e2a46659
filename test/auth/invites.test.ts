import { describe, expect, it } from 'vitest';
import { createInvite } from '../../src/auth/invites.js';
import { makeTestApp, type TestApp } from '../helpers/app.js';

const NEW_PASSWORD = 'a-brand-new-password';

async function activate(t: TestApp, token: string, password = NEW_PASSWORD) {
  return t.request(`/activate/${token}`, { method: 'POST', body: t.form({ password, confirm: password }) });
}

describe('activation links are one-time and only the newest works', () => {
  it('issuing a new link ends the earlier ones', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const older = createInvite(t.db, a.trainee.id, a.admin.id);
    const newer = createInvite(t.db, a.trainee.id, a.admin.id);
    expect((await t.request(`/activate/${older}`)).status).toBe(404);
    expect((await activate(t, older)).status).toBe(404);
    expect((await activate(t, newer)).status).toBe(303);
  });

  it('an older link does not work after the account was activated with a newer one', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    // Two links in the database at once (e.g. issued before this fix, or from two admins' screens).
    const older = createInvite(t.db, a.trainee.id, a.admin.id);
    t.db.$client.prepare('update invites set used_at = null').run();
    const newer = createInvite(t.db, a.trainee.id, a.admin.id);
    t.db.$client.prepare('update invites set used_at = null').run();
    expect((await activate(t, newer)).status).toBe(303);
    expect((await activate(t, older, 'attacker-chosen-pass')).status).toBe(404);
    await expect(t.login(a.trainee.email, 'attacker-chosen-pass')).rejects.toThrow();
    expect(await t.login(a.trainee.email, NEW_PASSWORD)).toMatch(/^bcm_session=/);
  });

  it('activating (a password reset) ends every existing session of the account', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const oldSession = await t.login(a.trainee.email);
    expect((await t.request('/me', { cookie: oldSession })).status).toBe(200);
    const reset = createInvite(t.db, a.trainee.id, a.admin.id);
    const res = await activate(t, reset);
    expect(res.status).toBe(303);
    expect((await t.request('/me', { cookie: oldSession })).status).toBe(303);
    // The session the activation itself started works.
    const fresh = res.headers
      .getSetCookie()
      .find((h) => h.startsWith('bcm_session='))!
      .split(';')[0];
    expect((await t.request('/me', { cookie: fresh })).status).toBe(200);
  });

  it('the same link cannot be used twice', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const link = createInvite(t.db, a.trainee.id, a.admin.id);
    const [first, second] = await Promise.all([activate(t, link), activate(t, link, 'second-password-1')]);
    expect([first.status, second.status].sort()).toEqual([303, 404]);
    expect((await activate(t, link, 'third-password-12')).status).toBe(404);
  });
});

describe('activation form limits', () => {
  it('refuses a password longer than 256 characters, saying so, and keeps the link usable', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const link = createInvite(t.db, a.trainee.id, a.admin.id);
    const res = await activate(t, link, 'x'.repeat(257));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('密码最多 256 个字符');
    expect((await activate(t, link)).status).toBe(303);
  });
});
