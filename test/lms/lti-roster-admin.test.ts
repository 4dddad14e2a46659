import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { enrolments } from '../../src/db/schema.js';
import * as people from '../../src/institutions/store.js';
import * as lmsStore from '../../src/lms/store.js';
import { createLmsRuntime } from '../../src/lms/settings.js';
import { loadConfig } from '../../src/config.js';
import { nextLink } from '../../src/lms/lti/services.js';
import { isAllowedUrl } from '../../src/lms/admin-routes.js';
import { lmsTest, ROLE, type LmsTest } from './helpers.js';

const NRPS = 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice';

async function linkedCourse(lms: LmsTest) {
  // A launch tells us about the course and its memberships URL; the admin links it to a cohort.
  await lms.launch({
    extra: {
      sub: 'first-learner',
      email: 'first@a.example',
      [NRPS]: { context_memberships_url: `${lms.platform.base}/memberships`, service_versions: ['2.0'] },
    },
  });
  const admin = await lms.t.login('admin@a.example');
  const res = await lms.t.request('/admin/lms/contexts', {
    method: 'POST',
    cookie: admin,
    body: lms.t.form({ platformId: String(lms.registered.id), contextId: 'course-1', cohortId: String(lms.people.a.cohort.id) }),
  });
  expect(res.status).toBe(303);
  expect(lmsStore.findContext(lms.t.db, lms.registered.id, 'course-1')?.cohortId).toBe(lms.people.a.cohort.id);
  return admin;
}

describe('roster sync (NRPS)', () => {
  it('pages through the memberships, creates and enrols learners, assigns instructors, and reports counts', async () => {
    const lms = await lmsTest();
    await linkedCourse(lms);
    lms.platform.state.members = [
      { user_id: 'm-1', roles: [ROLE.learner], name: '王五', email: 'wang.wu@a.example' },
      { user_id: 'm-2', roles: [ROLE.learner], email: 'trainee@a.example' }, // already enrolled here
      { user_id: 'm-3', roles: [ROLE.learner] }, // no e-mail shared
      { user_id: 'm-4', roles: [ROLE.instructor], name: '赵老师', email: 'zhao@a.example' },
      { user_id: 'm-5', roles: [ROLE.learner], email: 'gone@a.example', status: 'Inactive' },
      { user_id: 'm-6', roles: [ROLE.learner], email: 'admin@a.example' }, // an admin account: never linked
    ];
    const cohort = lms.people.a.cohort.id;
    const instructor = await lms.t.login('instructor@a.example'); // assigned to the cohort
    const page = await lms.t.request(`/lms/cohorts/${cohort}`, { cookie: instructor });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('同步名单');

    const res = await lms.t.request(`/lms/cohorts/${cohort}/sync`, {
      method: 'POST',
      cookie: instructor,
      body: lms.t.form({ platformId: String(lms.registered.id), contextId: 'course-1' }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('LMS 成员 6 人，新建账户 3 个，新编入 2 人，已在班 1 人，讲师 1 人，跳过 2 人');
    expect(lms.platform.state.membershipRequests).toBe(3); // pages of two, followed by Link rel="next"
    const enrolled = new Set(
      lms.t.db
        .select()
        .from(enrolments)
        .where(eq(enrolments.cohortId, cohort))
        .all()
        .map((e) => e.userId),
    );
    expect(enrolled.has(people.findPersonByEmail(lms.t.db, 'wang.wu@a.example')!.id)).toBe(true);
    expect(enrolled.has(lms.people.a.trainee.id)).toBe(true);
    expect(people.findPersonByEmail(lms.t.db, 'gone@a.example')).toBeUndefined();
    const zhao = people.findPersonByEmail(lms.t.db, 'zhao@a.example')!;
    expect(zhao.role).toBe('instructor');
    expect(people.isAssignedInstructor(lms.t.db, cohort, zhao.id)).toBe(true);

    // Again: nothing new, everyone already there.
    const again = await lms.t.request(`/lms/cohorts/${cohort}/sync`, {
      method: 'POST',
      cookie: instructor,
      body: lms.t.form({ platformId: String(lms.registered.id), contextId: 'course-1' }),
    });
    expect(await again.text()).toContain('新建账户 0 个，新编入 0 人，已在班 3 人');
  });

  it('reports a platform failure on the page and keeps other institutions out', async () => {
    const lms = await lmsTest();
    await linkedCourse(lms);
    const cohort = lms.people.a.cohort.id;
    const admin = await lms.t.login('admin@a.example');
    await lms.platform.close();
    const res = await lms.t.request(`/lms/cohorts/${cohort}/sync`, {
      method: 'POST',
      cookie: admin,
      body: lms.t.form({ platformId: String(lms.registered.id), contextId: 'course-1' }),
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('同步失败');
    expect(html).toContain('data-testid="roster-outcome"');
    const otherAdmin = await lms.t.login('admin@b.example');
    expect((await lms.t.request(`/lms/cohorts/${cohort}`, { cookie: otherAdmin })).status).toBe(404);
    expect((await lms.t.request(`/lms/cohorts/${cohort}`, { cookie: await lms.t.login('trainee@a.example') })).status).toBe(403);
  });

  it('reads Link headers and never follows a next page to another host', () => {
    expect(nextLink('<https://lms.example/m?page=2>; rel="next", <https://lms.example/m?page=9>; rel="last"')).toBe('https://lms.example/m?page=2');
    expect(nextLink('<https://lms.example/m?page=9>; rel="last"')).toBeUndefined();
    expect(nextLink('<https://lms.example/m?p=3>; rel="prev next"')).toBe('https://lms.example/m?p=3');
    expect(nextLink(null)).toBeUndefined();
  });
});

describe('platform registration (institution admin)', () => {
  it('shows the tool values to copy and registers a validated platform', async () => {
    const lms = await lmsTest();
    const admin = await lms.t.login('admin@a.example');
    expect(await (await lms.t.request('/admin', { cookie: admin })).text()).toContain('href="/admin/lms"');
    const page = await (await lms.t.request('/admin/lms', { cookie: admin })).text();
    expect(page).toContain('data-testid="tool-login">http://localhost:3000/lti/login<');
    expect(page).toContain('data-testid="tool-launch">http://localhost:3000/lti/launch<');
    expect(page).toContain('data-testid="tool-jwks">http://localhost:3000/.well-known/jwks.json<');
    expect(page).toContain('data-testid="tool-deep-linking">http://localhost:3000/lti/deep-linking<');
    expect(page).toContain(lms.platform.issuer); // the one registered in set-up

    const form = {
      name: 'Canvas',
      issuer: 'https://canvas.instructure.com',
      clientId: '10000000000001',
      deploymentId: '1:abc',
      jwksUrl: 'https://sso.canvaslms.com/api/lti/security/jwks',
      authUrl: 'https://sso.canvaslms.com/api/lti/authorize_redirect',
      tokenUrl: 'https://sso.canvaslms.com/login/oauth2/token',
    };
    const ok = await lms.t.request('/admin/lms/platforms', { method: 'POST', cookie: admin, body: lms.t.form(form) });
    expect(ok.status).toBe(303);
    expect(lmsStore.listPlatforms(lms.t.db, lms.people.a.inst.id).map((p) => p.name)).toContain('Canvas');

    const dup = await lms.t.request('/admin/lms/platforms', { method: 'POST', cookie: admin, body: lms.t.form(form) });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain('已经登记过');
    const insecure = await lms.t.request('/admin/lms/platforms', {
      method: 'POST',
      cookie: admin,
      body: lms.t.form({ ...form, deploymentId: '2', jwksUrl: 'http://lms.example/jwks', clientId: '' }),
    });
    expect(insecure.status).toBe(400);
    const html = await insecure.text();
    expect(html).toContain('“平台公钥集地址（JWKS URL）”必须是 https:// 地址');
    expect(html).toContain('“客户端 ID（client_id）”为必填项');
    expect(html).toContain('value="https://canvas.instructure.com"'); // the form keeps what was typed

    const dev = { allowLoopback: true };
    expect(isAllowedUrl('http://127.0.0.1:8080/jwks', dev)).toBe(true);
    expect(isAllowedUrl('http://localhost/jwks', dev)).toBe(true);
    expect(isAllowedUrl('http://10.0.0.1/jwks', dev)).toBe(false);
    expect(isAllowedUrl('https://user:pw@lms.example/jwks', dev)).toBe(false);
    expect(isAllowedUrl('javascript:alert(1)', dev)).toBe(false);
  });

  it('is for the institution admin only, each institution seeing its own', async () => {
    const lms = await lmsTest();
    expect((await lms.t.request('/admin/lms')).status).toBe(303); // to the login page
    for (const who of ['trainee@a.example', 'instructor@a.example']) {
      expect((await lms.t.request('/admin/lms', { cookie: await lms.t.login(who) })).status, who).toBe(403);
    }
    const otherAdmin = await lms.t.login('admin@b.example');
    expect(await (await lms.t.request('/admin/lms', { cookie: otherAdmin })).text()).not.toContain(lms.platform.issuer);
    await lms.launch(); // the LMS course becomes known to institution A
    const steal = await lms.t.request('/admin/lms/contexts', {
      method: 'POST',
      cookie: otherAdmin,
      body: lms.t.form({ platformId: String(lms.registered.id), contextId: 'course-1', cohortId: String(lms.people.b.cohort.id) }),
    });
    expect(steal.status).toBe(404);
    const own = await lms.t.login('admin@a.example');
    const crossCohort = await lms.t.request('/admin/lms/contexts', {
      method: 'POST',
      cookie: own,
      body: lms.t.form({ platformId: String(lms.registered.id), contextId: 'course-1', cohortId: String(lms.people.b.cohort.id) }),
    });
    expect(crossCohort.status).toBe(404);
  });
});

describe('tool key', () => {
  it('is created on first use as a 0600 file, published without its private part, and kept across restarts', async () => {
    const lms = await lmsTest();
    const res = await lms.t.app.request('/.well-known/jwks.json');
    expect(res.status).toBe(200);
    const { keys } = (await res.json()) as { keys: Record<string, string>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(keys[0][secret]).toBeUndefined();

    const file = path.join(lms.t.config.dataDir, 'lti-key.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // A new runtime (a restart) reads the same key.
    const restarted = createLmsRuntime(lms.t.config, { catalog: lms.t.catalog });
    expect((await restarted.keys()).kid).toBe(keys[0].kid);
    // LTI_KEY_PATH (read by config.ts) moves it; a loosened file mode is tightened again.
    const elsewhere = path.join(lms.t.dir, 'keys', 'tool.json');
    const moved = createLmsRuntime({ ...lms.t.config, ltiKeyPath: loadConfig({ LTI_KEY_PATH: elsewhere }).ltiKeyPath });
    await moved.keys();
    fs.chmodSync(elsewhere, 0o644);
    await createLmsRuntime({ ...lms.t.config, ltiKeyPath: loadConfig({ LTI_KEY_PATH: elsewhere }).ltiKeyPath }).keys();
    expect(fs.statSync(elsewhere).mode & 0o777).toBe(0o600);
  });
});
