import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, ltiPlatforms, ltiStates, ltiUsers } from '../../src/db/schema.js';
import * as people from '../../src/institutions/store.js';
import * as lmsStore from '../../src/lms/store.js';
import { lmsSettings } from '../../src/lms/settings.js';
import { isAllowedUrl } from '../../src/lms/admin-routes.js';
import { Jar, lmsTest, LESSON, type LmsTest } from './helpers.js';

// Issue 11: LMS administration found with a real Moodle (items 13–16) and the LTI limits of item 8.

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';

function formOf(p: lmsStore.Platform, changes: Record<string, string> = {}) {
  return {
    name: p.name,
    issuer: p.issuer,
    clientId: p.clientId,
    deploymentId: p.deploymentId,
    jwksUrl: p.jwksUrl,
    authUrl: p.authUrl,
    tokenUrl: p.tokenUrl,
    ...changes,
  };
}

const audits = (lms: LmsTest, action: string) => lms.t.db.select().from(auditLog).where(eq(auditLog.action, action)).all();

describe('editing and removing a registered platform (item 13)', () => {
  it('lets the admin correct a wrong deployment ID, and no other institution', async () => {
    const lms = await lmsTest({ overrides: { allowLoopbackUrls: true } });
    const { db } = lms.t;
    const admin = await lms.t.login('admin@a.example');
    const list = await (await lms.t.request('/admin/lms', { cookie: admin })).text();
    expect(list).toContain(`href="/admin/lms/platforms/${lms.registered.id}"`);

    const page = await lms.t.request(`/admin/lms/platforms/${lms.registered.id}`, { cookie: admin });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('value="deployment-1"');
    expect(html).toContain(`value="${lms.platform.issuer}" readonly`);

    // The LMS really launches with deployment "7"; the admin fixes the registration.
    expect((await lms.login(new Jar(), { lti_deployment_id: '7' })).res.status).toBe(400);
    const bad = await lms.t.request(`/admin/lms/platforms/${lms.registered.id}`, {
      method: 'POST',
      cookie: admin,
      body: lms.t.form(formOf(lms.registered, { deploymentId: '', jwksUrl: 'ftp://x' })),
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('“部署 ID（deployment_id）”为必填项');
    expect(badHtml).toContain('必须是 https:// 地址');
    const ok = await lms.t.request(`/admin/lms/platforms/${lms.registered.id}`, {
      method: 'POST',
      cookie: admin,
      // issuer and client ID are fixed: a posted value is ignored.
      body: lms.t.form(formOf(lms.registered, { deploymentId: '7', name: 'Moodle 4.5', issuer: 'https://elsewhere.example' })),
    });
    expect(ok.status).toBe(303);
    const after = lmsStore.findPlatform(db, lms.registered.id)!;
    expect(after).toMatchObject({ deploymentId: '7', name: 'Moodle 4.5', issuer: lms.platform.issuer });
    expect(audits(lms, 'lti.platform.update')[0].detail).toEqual({
      changed: { name: { from: '测试 Moodle', to: 'Moodle 4.5' }, deploymentId: { from: 'deployment-1', to: '7' } },
    });
    const launched = await lms.launch({ loginParams: { lti_deployment_id: '7' }, extra: { [`${LTI}deployment_id`]: '7' } });
    expect(launched.res.status).toBe(303);

    // Another institution's admin cannot see or change it.
    const other = await lms.t.login('admin@b.example');
    expect((await lms.t.request(`/admin/lms/platforms/${lms.registered.id}`, { cookie: other })).status).toBe(404);
    expect(
      (
        await lms.t.request(`/admin/lms/platforms/${lms.registered.id}`, {
          method: 'POST',
          cookie: other,
          body: lms.t.form(formOf(after, { deploymentId: 'x' })),
        })
      ).status,
    ).toBe(404);
    expect((await lms.t.request(`/admin/lms/platforms/${lms.registered.id}/remove`, { method: 'POST', cookie: other })).status).toBe(404);
    expect(lmsStore.findPlatform(db, lms.registered.id)).toMatchObject({ deploymentId: '7', removedAt: null });
  });

  it('removes a platform from use and keeps its history', async () => {
    const lms = await lmsTest();
    const { db } = lms.t;
    expect((await lms.launch()).res.status).toBe(303);
    const pending = await lms.login(); // a login begun before the removal
    const admin = await lms.t.login('admin@a.example');
    const res = await lms.t.request(`/admin/lms/platforms/${lms.registered.id}/remove`, { method: 'POST', cookie: admin });
    expect(res.status).toBe(303);

    // Out of use: no login, no launch of a login begun before, not listed as registered.
    const login = await lms.login();
    expect(login.res.status).toBe(400);
    expect(await login.res.text()).toContain('尚未在 BCM 学院登记');
    const token = await lms.platform.sign(lms.claims(pending.nonce));
    expect((await lms.post('/lti/launch', { id_token: token, state: pending.state }, pending.jar)).status).toBe(401);
    expect(lmsStore.listPlatforms(db, lms.people.a.inst.id)).toHaveLength(0);

    // History kept: the row, the linked LMS users, the audit trail; shown as removed.
    expect(db.select().from(ltiPlatforms).where(eq(ltiPlatforms.id, lms.registered.id)).get()?.removedAt).toEqual(expect.any(Number));
    expect(db.select().from(ltiUsers).where(eq(ltiUsers.platformId, lms.registered.id)).all()).toHaveLength(1);
    expect(audits(lms, 'lti.platform.remove')).toHaveLength(1);
    expect(audits(lms, 'lti.launch')).toHaveLength(1);
    const page = await (await lms.t.request('/admin/lms', { cookie: admin })).text();
    expect(page).toContain('已删除的平台（记录保留）');
    expect(page).toContain('data-testid="removed-platforms"');
    expect(page).not.toContain(`href="/admin/lms/platforms/${lms.registered.id}"`);

    // The same deployment can be registered again afterwards.
    const again = lmsStore.insertPlatform(db, { ...lms.platform.registration, institutionId: lms.people.a.inst.id });
    expect(again.id).not.toBe(lms.registered.id);
  });
});

describe('an unregistered deployment ID (item 14)', () => {
  it('says that the deployment ID is not registered, and names it, when the issuer and client are known', async () => {
    const lms = await lmsTest();
    const login = await lms.login(new Jar(), { lti_deployment_id: 'moodle-deployment-3' });
    expect(login.res.status).toBe(400);
    const html = await login.res.text();
    expect(html).toContain('此部署 ID（deployment_id：moodle-deployment-3）未在 BCM 学院登记');
    expect(html).not.toContain('尚未在 BCM 学院登记（issuer 或 client_id 未知）');
    // At launch too: a token whose deployment is not the one the login chose.
    const launch = await lms.launch({ extra: { [`${LTI}deployment_id`]: 'moodle-deployment-3' } });
    expect(launch.res.status).toBe(403);
    expect(await launch.res.text()).toContain('deployment_id：moodle-deployment-3');
    // In English as well.
    const en = await lms.t.app.request(
      `/lti/login?${new URLSearchParams({ iss: lms.platform.issuer, login_hint: 'h', target_link_uri: 'http://localhost:3000/', client_id: 'bcm-tool-client', lti_deployment_id: 'dep-9' })}`,
      { headers: { 'Accept-Language': 'en' } },
    );
    expect(await en.text()).toContain('This deployment ID (deployment_id: dep-9) is not registered');
  });
});

describe('a course not linked to a cohort (item 15)', () => {
  it('tells a trainee launching from it that their institution still has to link it, and lists it for the admin', async () => {
    const lms = await lmsTest({ courseLinked: false });
    const { res, jar } = await lms.launch({
      extra: { [`${LTI}target_link_uri`]: 'http://localhost:3000/exams?exam=assistant-mock', [`${LTI}custom`]: { bcm_target: 'exam:assistant-mock' } },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-testid="lti-unlinked"');
    expect(html).toContain('这门 LMS 课程尚未与班级关联');
    expect(html).toContain('“BCM 助理级（LMS）”');
    expect(html).toContain('href="/exams?exam=assistant-mock"');
    expect(jar.cookies.has('bcm_session')).toBe(true); // signed in all the same

    const admin = await lms.t.login('admin@a.example');
    const page = await (await lms.t.request('/admin/lms', { cookie: admin })).text();
    expect(page).toContain('data-testid="unlinked-contexts"');
    expect(page).toContain('有 1 门 LMS 课程尚未关联班级');
    expect(page).toContain('data-testid="context-unlinked"');

    // Linked: the next launch enrols the trainee and goes straight to the exam.
    lmsStore.setContextCohort(lms.t.db, lms.registered.id, 'course-1', lms.people.a.cohort.id);
    const linked = await lms.launch({ extra: { [`${LTI}custom`]: { bcm_target: 'exam:assistant-mock' } } });
    expect(linked.res.status).toBe(303);
    expect(linked.res.headers.get('Location')).toBe('/exams?exam=assistant-mock');
    const trainee = people.findPersonByEmail(lms.t.db, 'zhang.san@a.example')!;
    expect(people.listUserEnrolments(lms.t.db, trainee.id)).toHaveLength(1);
  });
});

describe('gradebook columns for lessons (item 16)', () => {
  it('tells the admin how to stop the LMS making a gradebook column for a placed lesson', async () => {
    const lms = await lmsTest();
    const admin = await lms.t.login('admin@a.example');
    const before = await (await lms.t.request('/admin/lms', { cookie: admin })).text();
    // The tool values say which Moodle setting keeps columns to mock exams.
    expect(before).toContain('“接受来自工具的成绩”请选“委托给教师”');
    expect(before).not.toContain('data-testid="graded-placements"');

    // Moodle with "Accept grades from the tool: Always" gives a placed lesson a line item anyway.
    const lineitem = `${lms.platform.base}/lineitems/lesson-column`;
    const ags = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
    const launch = await lms.launch({ extra: { [`${LTI}resource_link`]: { id: 'placed-lesson' }, [ags]: { scope: [], lineitem } } });
    expect(launch.res.headers.get('Location')).toBe(`/courses/${LESSON.course}/${LESSON.lesson}`);
    const page = await (await lms.t.request('/admin/lms', { cookie: admin })).text();
    expect(page).toContain('data-testid="graded-placements"');
    expect(page).toContain('LMS 为 1 个不是模拟考试的放置建立了成绩册列');
  });
});

describe('LMS addresses (item 8)', () => {
  it('accepts loopback LMS addresses only outside production', async () => {
    expect(lmsSettings({ publicUrl: new URL('https://bcm.example'), ltiKeyPath: '/tmp/lti-key.json', xapi: null, production: true }).allowLoopbackUrls).toBe(
      false,
    );
    expect(lmsSettings({ publicUrl: new URL('http://localhost:3000'), ltiKeyPath: '/tmp/lti-key.json', xapi: null, production: false }).allowLoopbackUrls).toBe(
      true,
    );
    const prod = { allowLoopback: false };
    for (const url of [
      'http://127.0.0.1:8080/jwks',
      'http://localhost/jwks',
      'https://localhost/jwks',
      'https://127.0.0.2:9/x',
      'https://[::1]/x',
      'https://lms.localhost/x',
      'http://lms.example/jwks',
    ]) {
      expect(isAllowedUrl(url, prod), url).toBe(false);
    }
    expect(isAllowedUrl('https://moodle.example.edu.cn/mod/lti/certs.php', prod)).toBe(true);

    const form = {
      name: '本机 Moodle',
      issuer: 'http://127.0.0.1:8080',
      clientId: 'c1',
      deploymentId: '1',
      jwksUrl: 'http://127.0.0.1:8080/jwks',
      authUrl: 'http://127.0.0.1:8080/auth',
      tokenUrl: 'http://127.0.0.1:8080/token',
    };
    const production = await lmsTest(); // the test config is production
    const admin = await production.t.login('admin@a.example');
    const refused = await production.t.request('/admin/lms/platforms', { method: 'POST', cookie: admin, body: production.t.form(form) });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('“平台公钥集地址（JWKS URL）”必须是 https:// 地址，且不能指向本服务器所在的机器');

    const dev = await lmsTest({ overrides: { allowLoopbackUrls: true } });
    const devAdmin = await dev.t.login('admin@a.example');
    expect((await dev.t.request('/admin/lms/platforms', { method: 'POST', cookie: devAdmin, body: dev.t.form(form) })).status).toBe(303);
  });
});

describe('anonymous login initiations (item 8)', () => {
  const stateRows = (lms: LmsTest) => lms.t.db.select().from(ltiStates).where(eq(ltiStates.platformId, lms.registered.id)).all().length;

  it('limits logins per client address with a 429 and a clear page', async () => {
    const lms = await lmsTest({ overrides: { loginLimit: { burst: 5, perMinute: 5 } } });
    for (let i = 0; i < 5; i++) expect((await lms.login()).res.status).toBe(302);
    const refused = (await lms.login()).res;
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    const html = await refused.text();
    expect(html).toContain('data-testid="lti-error"');
    expect(html).toContain('从 LMS 发起的登录请求过多');
    expect(stateRows(lms)).toBe(5);
  });

  it('caps the live login states of a platform whatever the number of addresses, purging expired ones', async () => {
    const cap = 50;
    const lms = await lmsTest({ overrides: { loginLimit: { burst: 100_000, perMinute: 100_000 }, maxLiveStatesPerPlatform: cap } });
    const rss = process.memoryUsage().rss;
    const statuses = new Map<number, number>();
    for (let i = 0; i < 400; i++) {
      const { res } = await lms.login();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    expect(statuses.get(302)).toBe(cap);
    expect(statuses.get(429)).toBe(400 - cap);
    expect(stateRows(lms)).toBe(cap);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024);

    // Expired states no longer count; reaching the cap again purges them before refusing.
    lms.t.db
      .update(ltiStates)
      .set({ expiresAt: Date.now() - 1 })
      .run();
    for (let i = 0; i < cap; i++) expect((await lms.login()).res.status).toBe(302);
    expect(stateRows(lms)).toBe(2 * cap);
    expect((await lms.login()).res.status).toBe(429);
    expect(stateRows(lms)).toBe(cap);
  });
});
