import { afterEach } from 'vitest';
import { makeTestApp, ORIGIN, type TestApp } from '../helpers/app.js';
import type { LmsSettings } from '../../src/lms/settings.js';
import * as lmsStore from '../../src/lms/store.js';
import { startPlatform, CLIENT_ID, DEPLOYMENT_ID, type Platform } from './platform.js';

// Shared set-up for the LMS tests: a real app on a temporary database with our tool key, two
// institutions, a simulated platform registered for institution A, and a browser-like cookie jar.

export const LESSON = { course: 'bcm-intro', lesson: '01-role-and-duties' };
export const LESSON_URL = `${ORIGIN}/courses/${LESSON.course}/${LESSON.lesson}`;
export const ROLE = {
  learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
  instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
  contentDeveloper: 'http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper',
  admin: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
};
const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';

/** Cookies as a browser keeps them: later Set-Cookie wins, Max-Age=0 deletes. */
export class Jar {
  readonly cookies = new Map<string, { value: string; attrs: string }>();
  absorb(res: Response): this {
    for (const header of res.headers.getSetCookie()) {
      const [pair, ...attrs] = header.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      if (/max-age=0/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, { value: pair.slice(i + 1), attrs: attrs.join(';') });
    }
    return this;
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v.value}`).join('; ');
  }
  attrs(name: string): string {
    return this.cookies.get(name)?.attrs ?? '';
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

export type LmsTest = Awaited<ReturnType<typeof lmsTest>>;

export async function lmsTest(opts: { overrides?: Partial<LmsSettings>; courseLinked?: boolean } = {}) {
  const t: TestApp = await makeTestApp({}, { lmsOverrides: opts.overrides });
  const rt = t.lms;
  const people = await t.twoInstitutions();
  const platform: Platform = await startPlatform(async () => (await (await t.app.request('/.well-known/jwks.json')).json()) as never);
  cleanups.push(platform.close);
  const registered = lmsStore.insertPlatform(t.db, { ...platform.registration, institutionId: people.a.inst.id });
  if (opts.courseLinked !== false) {
    // The LMS course of the default claims, already linked by A's admin to A's cohort (a trainee
    // launching from a course no cohort is linked to is told so instead: see lti-platform-admin).
    lmsStore.upsertContext(t.db, { platformId: registered.id, contextId: 'course-1', title: null, membershipsUrl: null, lineItemsUrl: null });
    lmsStore.setContextCohort(t.db, registered.id, 'course-1', people.a.cohort.id);
  }

  /** The claims a platform sends for a resource-link launch (override any of them). */
  function claims(nonce: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      iss: platform.issuer,
      aud: CLIENT_ID,
      sub: 'lms-user-1',
      nonce,
      name: '张三',
      email: 'zhang.san@a.example',
      locale: 'zh-CN',
      [`${LTI}message_type`]: 'LtiResourceLinkRequest',
      [`${LTI}version`]: '1.3.0',
      [`${LTI}deployment_id`]: DEPLOYMENT_ID,
      [`${LTI}target_link_uri`]: LESSON_URL,
      [`${LTI}resource_link`]: { id: 'link-1', title: '第一课' },
      [`${LTI}roles`]: [ROLE.learner],
      [`${LTI}context`]: { id: 'course-1', title: 'BCM 助理级（LMS）' },
      ...extra,
    };
  }

  /** Step 1: the platform's login initiation, as the browser follows it. */
  async function login(jar = new Jar(), params: Record<string, string> = {}) {
    const query = new URLSearchParams({
      iss: platform.issuer,
      login_hint: 'hint-1',
      target_link_uri: LESSON_URL,
      client_id: CLIENT_ID,
      lti_deployment_id: DEPLOYMENT_ID,
      ...params,
    });
    const res = await t.app.request(`/lti/login?${query}`, { headers: { Cookie: jar.header(), 'Sec-Fetch-Site': 'cross-site' } });
    jar.absorb(res);
    const location = res.headers.get('Location');
    const auth = location ? new URL(location) : null;
    return { res, jar, auth, state: auth?.searchParams.get('state') ?? '', nonce: auth?.searchParams.get('nonce') ?? '' };
  }

  /** Step 2: the id_token form post, cross-site from the platform's origin like a real browser. */
  async function post(path: string, form: Record<string, string>, jar: Jar) {
    const res = await t.app.request(path, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { Cookie: jar.header(), Origin: platform.base, 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    jar.absorb(res);
    return res;
  }

  /** Login initiation, then a launch with a token the platform signed (claims/signing adjustable). */
  async function launch(
    o: {
      extra?: Record<string, unknown>;
      sign?: Parameters<Platform['sign']>[1];
      jar?: Jar;
      mutate?: (c: Record<string, unknown>) => void;
      loginParams?: Record<string, string>;
    } = {},
  ) {
    const start = await login(o.jar, o.loginParams);
    const c = claims(start.nonce, o.extra);
    o.mutate?.(c);
    const idToken = await platform.sign(c, o.sign);
    const stateCookie = start.jar.cookies.get(`bcm_lti_state_${start.state}`)?.value ?? '';
    const res = await post('/lti/launch', { id_token: idToken, state: start.state }, start.jar);
    return { res, jar: start.jar, idToken, state: start.state, nonce: start.nonce, stateCookie };
  }

  /** A GET of one of our pages inside the iframe, with the cookies the browser holds. */
  async function get(path: string, jar: Jar) {
    const res = await t.app.request(path, { headers: { Cookie: jar.header() } });
    jar.absorb(res);
    return res;
  }

  return { t, rt, people, platform, registered, claims, login, post, launch, get };
}
