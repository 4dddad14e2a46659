import { describe, expect, it, onTestFinished } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, ltiPlatforms, ltiUsers, sessions } from '../../src/db/schema.js';
import * as lmsStore from '../../src/lms/store.js';
import { Jar, lmsTest, ROLE, type LmsTest } from './helpers.js';
import { CLIENT_ID, DEPLOYMENT_ID, startPlatform } from './platform.js';

// Issue 11, item 1. Institution B's admin registers a platform with institution A's issuer and
// client ID, a deployment of their own and a key set they control, starts a login with that
// deployment, and signs an id_token that names A's deployment and A's trainee. That must never
// become a session as A's trainee.

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const B_DEPLOYMENT = 'b-deployment';

/** B's own key server: a second simulated platform whose keys B holds. */
async function attackerKeys(lms: LmsTest) {
  const keys = await startPlatform(async () => (await (await lms.t.app.request('/.well-known/jwks.json')).json()) as never);
  onTestFinished(keys.close);
  return keys;
}

function registrationForB(lms: LmsTest, keys: { base: string }) {
  return {
    name: 'B 的“Moodle”',
    issuer: lms.platform.issuer,
    clientId: CLIENT_ID,
    deploymentId: B_DEPLOYMENT,
    jwksUrl: `${keys.base}/jwks`,
    authUrl: `${keys.base}/auth`,
    tokenUrl: `${keys.base}/token`,
  };
}

function sessionsOf(lms: LmsTest, userId: number) {
  return lms.t.db.select().from(sessions).where(eq(sessions.userId, userId)).all();
}

describe('LTI across institutions (issue 11, item 1)', () => {
  it('refuses to register, for institution B, the issuer and client ID institution A has registered', async () => {
    // Loopback addresses allowed, so that the refusal below is about the pair and nothing else.
    const lms = await lmsTest({ overrides: { allowLoopbackUrls: true } });
    const keys = await attackerKeys(lms);
    const bAdmin = await lms.t.login('admin@b.example');
    const res = await lms.t.request('/admin/lms/platforms', { method: 'POST', cookie: bAdmin, body: lms.t.form(registrationForB(lms, keys)) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('这个 issuer 和 client_id 已由另一机构登记');
    expect(lmsStore.listPlatforms(lms.t.db, lms.people.b.inst.id)).toHaveLength(0);

    // The same pair with another client ID is another LMS client: that one B may register.
    const own = await lms.t.request('/admin/lms/platforms', {
      method: 'POST',
      cookie: bAdmin,
      body: lms.t.form({ ...registrationForB(lms, keys), clientId: 'b-client' }),
    });
    expect(own.status).toBe(303);
  });

  it('keeps an (issuer, client ID) pair with one institution in the database too, while one institution may have several deployments of it', async () => {
    const lms = await lmsTest();
    const keys = await attackerKeys(lms);
    const { db } = lms.t;
    expect(() => lmsStore.insertPlatform(db, { ...registrationForB(lms, keys), institutionId: lms.people.b.inst.id })).toThrow(/another institution/);
    const second = lmsStore.insertPlatform(db, { ...lms.platform.registration, deploymentId: 'deployment-2', institutionId: lms.people.a.inst.id });
    // Nor can a row of B be moved onto A's pair afterwards.
    const bOwn = lmsStore.insertPlatform(db, { ...registrationForB(lms, keys), clientId: 'b-client', institutionId: lms.people.b.inst.id });
    expect(() => db.update(ltiPlatforms).set({ clientId: CLIENT_ID }).where(eq(ltiPlatforms.id, bOwn.id)).run()).toThrow(/another institution/);
    // Once A removes every registration of the pair, it is free again.
    lmsStore.removePlatform(db, lms.registered.id, Date.now());
    lmsStore.removePlatform(db, second.id, Date.now());
    expect(lmsStore.insertPlatform(db, { ...registrationForB(lms, keys), institutionId: lms.people.b.inst.id }).institutionId).toBe(lms.people.b.inst.id);
  });

  it('does not give B a session as A’s trainee with a token B signed, even when such a registration exists', async () => {
    const lms = await lmsTest();
    const keys = await attackerKeys(lms);
    const { db } = lms.t;
    // A database that already held B's registration when the guard arrived (the triggers of
    // migration 0005 check new writes only): the launch itself must still hold.
    db.$client.exec('DROP TRIGGER IF EXISTS lti_platforms_one_institution_insert');
    const bPlatform = lmsStore.insertPlatform(db, { ...registrationForB(lms, keys), institutionId: lms.people.b.inst.id });
    const victim = lms.people.a.trainee;

    async function attack(deploymentClaim: string) {
      const start = await lms.login(new Jar(), { lti_deployment_id: B_DEPLOYMENT });
      expect(start.res.status).toBe(302);
      expect(start.auth!.origin).toBe(keys.base); // B's row was chosen: B's authorisation endpoint
      const idToken = await keys.sign({
        iss: lms.platform.issuer,
        aud: CLIENT_ID,
        sub: `attacker-${deploymentClaim}`,
        nonce: start.nonce,
        email: victim.email,
        name: victim.name,
        [`${LTI}message_type`]: 'LtiResourceLinkRequest',
        [`${LTI}version`]: '1.3.0',
        [`${LTI}deployment_id`]: deploymentClaim,
        [`${LTI}target_link_uri`]: 'http://localhost:3000/exams',
        [`${LTI}resource_link`]: { id: 'b-link' },
        [`${LTI}roles`]: [ROLE.learner],
      });
      const res = await lms.post('/lti/launch', { id_token: idToken, state: start.state }, start.jar);
      return { res, jar: start.jar, html: await res.text() };
    }

    // 1. The token names A's deployment: B's keys verified it, so only B's row speaks for it.
    const asA = await attack(DEPLOYMENT_ID);
    expect(asA.res.status).toBe(403);
    expect(asA.html).toContain(`此部署 ID（deployment_id：${DEPLOYMENT_ID}）未在 BCM 学院登记`);
    expect(asA.jar.cookies.has('bcm_session')).toBe(false);

    // 2. The token names B's own deployment: A's trainee's e-mail links nobody outside A.
    const asB = await attack(B_DEPLOYMENT);
    expect(asB.res.status).toBe(403);
    expect(asB.html).toContain('不能通过 LMS 登录');
    expect(asB.jar.cookies.has('bcm_session')).toBe(false);

    expect(sessionsOf(lms, victim.id)).toHaveLength(0);
    expect(db.select().from(ltiUsers).where(eq(ltiUsers.userId, victim.id)).all()).toHaveLength(0);
    expect(
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.actorId, victim.id), eq(auditLog.action, 'lti.launch')))
        .all(),
    ).toHaveLength(0);

    // 3. A login naming no deployment could mean either institution's row: refused, not guessed.
    const vague = await lms.login(new Jar(), { lti_deployment_id: '' });
    expect(vague.res.status).toBe(400);
    expect(await vague.res.text()).toContain('登记的平台不止一个');

    // A's own LMS is unaffected.
    expect((await lms.launch()).res.status).toBe(303);
    expect(bPlatform.institutionId).toBe(lms.people.b.inst.id);
  });
});
