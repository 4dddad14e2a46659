import { describe, expect, it } from 'vitest';
import { makeTestApp, PASSWORD, type TestApp } from '../helpers/app.js';
import { bcm } from '../helpers/cli.js';

// A forgotten password: the login page leads to the explanation, and the admin's link from the
// roster (or, for an admin, the operator's from the command line) resets an activated account.

const NEW_PASSWORD = 'a-new-longer-passphrase';

const linkIn = (html: string) => {
  const m = /data-testid="invite-url">([^<]+)</.exec(html);
  if (!m) throw new Error('no link on the page');
  return new URL(m[1]!).pathname;
};

async function setPassword(t: TestApp, path: string, password = NEW_PASSWORD) {
  return t.request(path, { method: 'POST', body: t.form({ password, confirm: password }) });
}

async function signedIn(t: TestApp, cookie: string) {
  const res = await t.request('/me', { cookie });
  return res.status === 200;
}

describe('a forgotten password', () => {
  it('is explained from the login page: who issues a reset link, and that no e-mail is sent', async () => {
    const t = await makeTestApp();
    const login = await (await t.request('/login')).text();
    expect(login).toContain('href="/forgot-password"');
    expect(login).toContain('忘记密码？');
    const res = await t.request('/forgot-password');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('所在培训机构的管理员');
    expect(html).toContain('生成密码重置链接');
    expect(html).toContain('项目管理办公室');
    expect(html).toContain('不发送电子邮件');
    expect(html).toContain('SMTP');
    // No e-mail field: there is nothing to send a link to.
    expect(html).not.toMatch(/<input[^>]+type="email"/);
    const en = await (await t.request('/forgot-password', { headers: { cookie: 'bcm_lang=en' } })).text();
    expect(en).toContain('no SMTP mail server');
  });

  it('is reset by the admin’s link from the roster: one live link, the old password and every old session end', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const phone = await t.login(a.trainee.email);
    const laptop = await t.login(a.trainee.email);
    const admin = await t.login(a.admin.email);

    const roster = await (await t.request(`/admin/cohorts/${a.cohort.id}`, { cookie: admin })).text();
    expect(roster).toContain('生成密码重置链接'); // the trainee is activated: a reset, not an activation
    const issue = () => t.request(`/admin/cohorts/${a.cohort.id}/trainees/${a.trainee.id}/invite`, { method: 'POST', cookie: admin });
    const firstPage = await (await issue()).text();
    expect(firstPage).toContain('密码重置链接');
    const first = linkIn(firstPage);
    const second = linkIn(await (await issue()).text());
    expect(second).not.toBe(first);
    // Issuing a link alone signs nobody out and leaves the password working.
    expect(await signedIn(t, phone)).toBe(true);

    expect((await t.request(first)).status).toBe(404); // only the newest link is live
    expect((await setPassword(t, first)).status).toBe(404);
    const done = await setPassword(t, second);
    expect(done.status).toBe(303);
    expect(await signedIn(t, phone)).toBe(false);
    expect(await signedIn(t, laptop)).toBe(false);
    expect((await t.request(second)).status).toBe(404); // used once
    expect((await t.request('/login', { method: 'POST', body: t.form({ email: a.trainee.email, password: PASSWORD }) })).status).toBe(400);
    expect((await t.request('/login', { method: 'POST', body: t.form({ email: a.trainee.email, password: NEW_PASSWORD }) })).status).toBe(303);

    const audit = await (await t.request('/admin/audit', { cookie: admin })).text();
    const line = audit.split('data-action="user.invite"')[1]!.split('</tr>')[0]!;
    expect(line).toContain('密码重置链接，使用后该账户的所有登录都会退出');
  });

  it('keeps another institution’s admin from issuing a reset link', async () => {
    const t = await makeTestApp();
    const { a, b } = await t.twoInstitutions();
    const other = await t.login(b.admin.email);
    expect((await t.request(`/admin/cohorts/${a.cohort.id}/trainees/${a.trainee.id}/invite`, { method: 'POST', cookie: other })).status).toBeGreaterThanOrEqual(
      403,
    );
    expect((await t.request(`/admin/users/${a.instructor.id}/invite`, { method: 'POST', cookie: other })).status).toBe(404);
    expect(t.db.$client.prepare('select count(*) n from invites').get()).toEqual({ n: 0 });
  });

  it('is reset for an admin by the operator on the command line, with the same rules', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const session = await t.login(a.admin.email);
    const env = { DATABASE_PATH: t.config.databasePath, DATA_DIR: t.dir, PUBLIC_URL: 'http://localhost:3000' };
    const run = await bcm(['users:reset-link', '--email', a.admin.email], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Password reset link');
    const path = new URL(/(http\S+\/activate\/\S+)/.exec(run.stdout)![1]!).pathname;
    expect((await setPassword(t, path)).status).toBe(303);
    expect(await signedIn(t, session)).toBe(false);
    expect((await bcm(['users:reset-link', '--email', 'nobody@example.com'], env)).stderr).toContain('no account for nobody@example.com');
  });
});
