import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ORIGIN, cookieFrom } from '../helpers/app.js';
import { users, enrolments, ltiUsers, ltiResourceLinks, auditLog } from '../../src/db/schema.js';
import * as people from '../../src/institutions/store.js';
import * as lmsStore from '../../src/lms/store.js';
import { Jar, LESSON, lmsTest, ROLE } from './helpers.js';
import { CLIENT_ID, DEPLOYMENT_ID } from './platform.js';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const frameAncestors = (res: Response) => /frame-ancestors ([^;]*)/.exec(res.headers.get('Content-Security-Policy') ?? '')?.[1];

describe('LTI 1.3 launch', () => {
  it('goes from login initiation to the linked lesson with an iframe-capable session', async () => {
    const lms = await lmsTest();
    const start = await lms.login();
    expect(start.res.status).toBe(302);
    const auth = start.auth!;
    expect(auth.origin + auth.pathname).toBe(`${lms.platform.base}/auth`);
    expect(Object.fromEntries(auth.searchParams)).toMatchObject({
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: CLIENT_ID,
      redirect_uri: `${ORIGIN}/lti/launch`,
      login_hint: 'hint-1',
    });
    expect(start.state.length).toBeGreaterThan(30);
    expect(start.nonce.length).toBeGreaterThan(30);
    // The state is bound to this browser by a short-lived third-party-capable cookie.
    const stateCookie = `bcm_lti_state_${start.state}`;
    expect(start.jar.attrs(stateCookie)).toMatch(/Max-Age=600/);
    expect(start.jar.attrs(stateCookie)).toMatch(/HttpOnly/);
    expect(start.jar.attrs(stateCookie)).toMatch(/Secure/);
    expect(start.jar.attrs(stateCookie)).toMatch(/SameSite=None/);
    expect(start.jar.attrs(stateCookie)).toMatch(/Partitioned/);

    const idToken = await lms.platform.sign(lms.claims(start.nonce));
    const res = await lms.post('/lti/launch', { id_token: idToken, state: start.state }, start.jar);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe(`/courses/${LESSON.course}/${LESSON.lesson}`);
    expect(start.jar.cookies.has(stateCookie)).toBe(false); // spent
    const session = start.jar.attrs('bcm_session');
    for (const attr of ['HttpOnly', 'Secure', 'SameSite=None', 'Partitioned']) expect(session).toContain(attr);

    const page = await lms.get(`/courses/${LESSON.course}/${LESSON.lesson}`, start.jar);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('张三');
    expect(html).toContain('data-lesson-key');

    const user = people.findPersonByEmail(lms.t.db, 'zhang.san@a.example')!;
    expect(user).toMatchObject({ role: 'trainee', institutionId: lms.people.a.inst.id, name: '张三', activated: false });
    const link = lms.t.db.select().from(ltiResourceLinks).get()!;
    expect(link.target).toEqual({ kind: 'lesson', course: LESSON.course, lesson: LESSON.lesson });
    expect(lms.t.db.select().from(auditLog).where(eq(auditLog.action, 'lti.launch')).all()).toHaveLength(1);
  });

  it('maps LMS roles: Learner → trainee, Instructor/ContentDeveloper/Administrator → instructor, none → refused', async () => {
    const lms = await lmsTest();
    const cases: [string, string[], string | null][] = [
      ['s-learner', [ROLE.learner], 'trainee'],
      ['s-instructor', [ROLE.instructor, ROLE.learner], 'instructor'],
      ['s-developer', [ROLE.contentDeveloper], 'instructor'],
      ['s-admin', [ROLE.admin], 'instructor'],
      ['s-guest', ['http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor'], null],
    ];
    for (const [sub, roles, expected] of cases) {
      const { res } = await lms.launch({ extra: { sub, email: `${sub}@a.example`, [`${LTI}roles`]: roles } });
      const user = people.findPersonByEmail(lms.t.db, `${sub}@a.example`);
      if (expected) {
        expect(res.status, sub).toBe(303);
        expect(user?.role, sub).toBe(expected);
      } else {
        expect(res.status).toBe(403);
        expect(await res.text()).toContain('需要学员或教师角色');
        expect(user).toBeUndefined();
      }
    }
  });

  it('recognises a returning LMS user by sub, links an existing trainee by e-mail, and never an admin or another institution', async () => {
    const lms = await lmsTest();
    const { a } = lms.people;
    // An existing trainee of institution A with the same address is linked, not duplicated.
    await lms.launch({ extra: { sub: 'u-a', email: 'trainee@a.example' } });
    await lms.launch({ extra: { sub: 'u-a', email: 'changed@a.example' } });
    expect(lms.t.db.select().from(ltiUsers).where(eq(ltiUsers.subject, 'u-a')).get()?.userId).toBe(a.trainee.id);
    expect(people.findPersonByEmail(lms.t.db, 'changed@a.example')).toBeUndefined();

    for (const email of ['admin@a.example', 'trainee@b.example']) {
      const before = lms.t.db.select().from(users).all().length;
      const { res } = await lms.launch({ extra: { sub: `u-${email}`, email } });
      expect(res.status, email).toBe(403);
      expect(await res.text()).toContain('不能通过 LMS 登录');
      expect(lms.t.db.select().from(users).all()).toHaveLength(before);
    }
    // No e-mail shared: a placeholder address that never delivers.
    await lms.launch({ extra: { sub: 'u-anon', email: undefined, name: undefined, given_name: '小明', family_name: '李' } });
    const anon = lms.t.db.select().from(ltiUsers).where(eq(ltiUsers.subject, 'u-anon')).get()!;
    expect(people.findPerson(lms.t.db, anon.userId)).toMatchObject({ name: '李小明', role: 'trainee' });
    expect(people.findPerson(lms.t.db, anon.userId)!.email).toMatch(/@lti\.invalid$/);
  });

  it('enrols learners in the cohort the admin linked to the LMS course', async () => {
    const lms = await lmsTest();
    await lms.launch({ extra: { sub: 'first' } }); // the course becomes known
    lmsStore.setContextCohort(lms.t.db, lms.registered.id, 'course-1', lms.people.a.cohort.id);
    const { res } = await lms.launch({ extra: { sub: 'second', email: 'second@a.example' } });
    expect(res.status).toBe(303);
    const second = people.findPersonByEmail(lms.t.db, 'second@a.example')!;
    expect(
      lms.t.db
        .select()
        .from(enrolments)
        .where(eq(enrolments.userId, second.id))
        .all()
        .map((e) => e.cohortId),
    ).toEqual([lms.people.a.cohort.id]);
    await lms.launch({ extra: { sub: 'teacher', email: 'teacher@a.example', [`${LTI}roles`]: [ROLE.instructor] } });
    const teacher = people.findPersonByEmail(lms.t.db, 'teacher@a.example')!;
    expect(people.isAssignedInstructor(lms.t.db, lms.people.a.cohort.id, teacher.id)).toBe(true);
  });

  it('follows a platform key rotation: an unknown kid makes us fetch the key set again', async () => {
    const lms = await lmsTest({ overrides: { jwksCooldownMs: 100 } });
    expect((await lms.launch()).res.status).toBe(303);
    expect(lms.platform.state.jwksFetches).toBe(1);
    expect((await lms.launch({ extra: { sub: 'again' } })).res.status).toBe(303);
    expect(lms.platform.state.jwksFetches).toBe(1); // cached
    await lms.platform.rotate();
    await new Promise((r) => setTimeout(r, 150)); // past the cooldown that protects the platform
    expect((await lms.launch({ extra: { sub: 'after-rotation' } })).res.status).toBe(303);
    expect(lms.platform.state.jwksFetches).toBe(2);
  });
});

describe('refused launches show a clear page with the right status and no internals', () => {
  async function expectRefusal(res: Response, status: number, text: string) {
    expect(res.status).toBe(status);
    const html = await res.text();
    expect(html).toContain('data-testid="lti-error"');
    expect(html).toContain('无法从 LMS 打开');
    expect(html).toContain(text);
    expect(html).not.toMatch(/LtiError|JWS|JWT|at \w+ \(|node_modules/);
    // The error page is shown inside the LMS frame; it holds nothing to click.
    expect(frameAncestors(res)).toBe('*');
  }

  it('bad signature', async () => {
    const lms = await lmsTest();
    await expectRefusal((await lms.launch({ sign: { stray: true } })).res, 401, '签名无法验证');
  });

  it('wrong audience, and several audiences without azp', async () => {
    const lms = await lmsTest();
    await expectRefusal((await lms.launch({ extra: { aud: 'someone-else' } })).res, 401, 'audience 不符');
    await expectRefusal((await lms.launch({ extra: { aud: [CLIENT_ID, 'other'] } })).res, 401, 'audience 不符');
    expect((await lms.launch({ extra: { aud: [CLIENT_ID, 'other'], azp: CLIENT_ID } })).res.status).toBe(303);
  });

  it('expired token, and a token issued long ago', async () => {
    const lms = await lmsTest();
    const now = Math.floor(Date.now() / 1000);
    await expectRefusal((await lms.launch({ sign: { exp: now - 120, iat: now - 400 } })).res, 401, '已过期');
    await expectRefusal((await lms.launch({ sign: { exp: now + 300, iat: now - 3600 } })).res, 401, '已过期');
  });

  it('replayed launch (same id_token and state) and a nonce from another login', async () => {
    const lms = await lmsTest();
    const first = await lms.launch();
    expect(first.res.status).toBe(303);
    // Replayed exactly as captured, state cookie included.
    const captured = new Jar();
    captured.cookies.set(`bcm_lti_state_${first.state}`, { value: first.stateCookie, attrs: '' });
    await expectRefusal(await lms.post('/lti/launch', { id_token: first.idToken, state: first.state }, captured), 401, '已经使用过');
    // A fresh login, but the old token (old nonce) posted with it.
    const again = await lms.login(first.jar);
    await expectRefusal(await lms.post('/lti/launch', { id_token: first.idToken, state: again.state }, again.jar), 401, 'nonce');
  });

  it('unknown deployment', async () => {
    const lms = await lmsTest();
    await expectRefusal((await lms.launch({ extra: { [`${LTI}deployment_id`]: 'deployment-unknown' } })).res, 403, 'deployment_id');
  });

  it('missing state, unknown state, and a state from another browser', async () => {
    const lms = await lmsTest();
    const start = await lms.login();
    const token = await lms.platform.sign(lms.claims(start.nonce));
    await expectRefusal(await lms.post('/lti/launch', { id_token: token }, start.jar), 400, '缺少必要参数');
    await expectRefusal(await lms.post('/lti/launch', { id_token: token, state: 'x'.repeat(43) }, start.jar), 401, '登录状态无效');
    // Login CSRF: the victim's browser posts a launch started in the attacker's browser.
    await expectRefusal(await lms.post('/lti/launch', { id_token: token, state: start.state }, new Jar()), 401, '与当前浏览器不匹配');
  });

  it('wrong LTI version or message type, unknown platform, foreign target', async () => {
    const lms = await lmsTest();
    await expectRefusal((await lms.launch({ extra: { [`${LTI}version`]: '1.1' } })).res, 400, 'LTI 1.3.0');
    await expectRefusal((await lms.launch({ extra: { [`${LTI}message_type`]: 'LtiSubmissionReviewRequest' } })).res, 400, '消息类型');
    await expectRefusal((await lms.login(new Jar(), { iss: 'https://unknown.example' })).res, 400, '尚未在 BCM 学院登记');
    await expectRefusal((await lms.login(new Jar(), { target_link_uri: 'https://evil.example/steal' })).res, 400, '不属于 BCM 学院');
  });
});

describe('framing and CSRF around LTI sessions', () => {
  it('lets only the launching platform frame an LTI session; every other page refuses frames', async () => {
    const lms = await lmsTest();
    const { jar } = await lms.launch();
    const framed = await lms.get(`/courses/${LESSON.course}/${LESSON.lesson}`, jar);
    expect(frameAncestors(framed)).toBe(`'self' ${lms.platform.base}`);
    expect(framed.headers.get('X-Frame-Options')).toBeNull();

    // The same page in an ordinary session (password login) refuses every frame.
    const cookie = await lms.t.login('trainee@a.example');
    const normal = await lms.t.request(`/courses/${LESSON.course}/${LESSON.lesson}`, { cookie });
    expect(normal.status).toBe(200);
    expect(frameAncestors(normal)).toBe("'none'");
    expect(normal.headers.get('X-Frame-Options')).toBe('DENY');
    for (const path of ['/', '/login', '/levels', '/admin/lms', '/.well-known/jwks.json']) {
      const res = await lms.t.request(path);
      expect(frameAncestors(res), path).toBe("'none'");
      expect(res.headers.get('X-Frame-Options'), path).toBe('DENY');
    }
    // The frame cookie is bound to its session: copied next to another session it is ignored.
    const frameCookie = `bcm_lti_frame=${jar.cookies.get('bcm_lti_frame')!.value}`;
    const copied = await lms.t.request('/levels', { cookie: `${cookie}; ${frameCookie}` });
    expect(frameAncestors(copied)).toBe("'none'");
    // After logging out of the LTI session, its pages refuse frames again.
    const logout = await lms.t.app.request('/logout', { method: 'POST', headers: { Cookie: jar.header(), Origin: ORIGIN } });
    expect(logout.status).toBe(303);
    expect(frameAncestors(await lms.t.request('/levels', { cookie: frameCookie }))).toBe("'none'");
  });

  it('keeps the same-origin check for everything but the two LTI entry points', async () => {
    const lms = await lmsTest();
    const { jar } = await lms.launch({ extra: { [`${LTI}roles`]: [ROLE.instructor], email: 'teacher@a.example' } });
    // The SameSite=None session cookie travels cross-site, so the Origin check is what refuses this.
    const forged = await lms.t.app.request('/logout', {
      method: 'POST',
      headers: { Cookie: jar.header(), Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(forged.status).toBe(403);
    const fromPlatform = await lms.t.app.request('/lti/deep-link', {
      method: 'POST',
      body: new URLSearchParams({ ticket: 'x' }),
      headers: { Cookie: jar.header(), Origin: lms.platform.base, 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(fromPlatform.status).toBe(403);
    // From our own page inside the iframe (same origin) the session works.
    const own = await lms.t.app.request('/logout', { method: 'POST', headers: { Cookie: jar.header(), Origin: ORIGIN, 'Sec-Fetch-Site': 'same-origin' } });
    expect(own.status).toBe(303);
    expect(cookieFrom(own, 'bcm_session')).toBe('bcm_session=');
  });

  it('registers the deployment it was given, not just any deployment of the issuer', async () => {
    const lms = await lmsTest();
    // Several deployments of one LMS client within one institution are several registrations.
    const second = lmsStore.insertPlatform(lms.t.db, {
      ...lms.platform.registration,
      name: '第二个部署',
      deploymentId: 'deployment-2',
      institutionId: lms.people.a.inst.id,
    });
    const { res } = await lms.launch({
      loginParams: { lti_deployment_id: 'deployment-2' },
      extra: { [`${LTI}deployment_id`]: 'deployment-2', [`${LTI}context`]: undefined, sub: 'second-user', email: 'second-user@a.example' },
    });
    expect(res.status).toBe(303);
    expect(lmsStore.findLinkedUserId(lms.t.db, second.id, 'second-user')).toBe(people.findPersonByEmail(lms.t.db, 'second-user@a.example')?.id);
    expect(lmsStore.findLinkedUserId(lms.t.db, lms.registered.id, 'second-user')).toBeUndefined();
    expect(DEPLOYMENT_ID).toBe('deployment-1');
  });
});
