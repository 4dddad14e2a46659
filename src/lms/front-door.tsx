import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createSession } from '../auth/index.js';
import { securityHeaders } from '../http/security.js';
import { viewContext } from '../http/view-context.js';
import { DEFAULT_LOCALE, LANG_COOKIE, formatter, isLocale, translator, type Locale } from '../i18n/index.js';
import { LtiErrorPage, LtiUnlinkedCoursePage } from '../../views/lms/error.js';
import { clientIp } from '../http/client-ip.js';
import { DeepLinkPicker } from '../../views/lms/deep-link.js';
import { admit } from './lti/admit.js';
import { LtiError } from './lti/errors.js';
import { clearStateCookie, lmsFraming, originsOf, readStateCookie, setFrameCookie, setLtiSessionCookie, setStateCookie, type LmsEnv } from './lti/frame.js';
import { verifyLaunch } from './lti/launch.js';
import { DEEP_LINKING_PATH, LAUNCH_PATH, LOGIN_PATH, startLogin } from './lti/login.js';
import { issueTicket } from './lti/deep-linking.js';
import { CLAIM } from './lti/claims.js';
import { pickerLevels } from './picker.js';

// The LTI front door: the two endpoints an LMS reaches with a cross-site browser request (OIDC
// login initiation and the id_token form post), plus the framing middleware.
//
// Mounted in src/app.tsx BEFORE securityHeaders and the same-origin CSRF check:
//  - the platform posts these forms from its own origin, which hono/csrf rightly refuses for our
//    session-authenticated forms. These two are not authenticated by a cookie at all: the login
//    only starts a state, and the launch is proved by the platform-signed id_token plus the
//    browser-bound state, so the origin check adds nothing here and would block every launch;
//  - lmsFraming must wrap securityHeaders to adjust frame-ancestors afterwards.
// The routes apply securityHeaders themselves, so their responses carry the same policy.

function pickLocale(c: Context<LmsEnv>, hint?: string | null): Locale {
  const cookie = getCookie(c, LANG_COOKIE);
  if (isLocale(cookie)) return cookie;
  const tag = hint ?? c.req.header('Accept-Language') ?? '';
  if (/^en\b/i.test(tag)) return 'en';
  if (/^zh\b/i.test(tag)) return 'zh-CN';
  return DEFAULT_LOCALE;
}

function useLocale(c: Context<LmsEnv>, locale: Locale): void {
  c.set('locale', locale);
  c.set('t', translator(locale));
  c.set('fmt', formatter(locale, c.var.deps.config.timeZone));
}

function refuse(c: Context<LmsEnv>, err: LtiError) {
  c.var.deps.logger.warn({ reqId: c.var.requestId, route: c.req.path, reason: err.message }, 'LTI request refused');
  // The page has no form or personal data: letting any LMS frame it is what lets it be read there.
  c.set('lmsFrameAncestors', '*');
  if (err.retryAfterSeconds !== undefined) c.header('Retry-After', String(err.retryAfterSeconds));
  return c.html(<LtiErrorPage ctx={viewContext(c, null)} message={err.key} params={err.params} />, err.status);
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function lmsFrontDoor() {
  const app = new Hono<LmsEnv>();
  app.use('*', lmsFraming());
  const headers = securityHeaders();
  const prepare = async (c: Context<LmsEnv>, next: () => Promise<void>) => {
    useLocale(c, pickLocale(c));
    c.set('user', null);
    c.header('Cache-Control', 'no-store');
    await next();
  };

  app.on(['GET', 'POST'], LOGIN_PATH, headers, prepare, async (c) => {
    const raw = c.req.method === 'POST' ? await c.req.parseBody() : c.req.query();
    const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, text(v)]));
    try {
      const login = await startLogin(c.var.deps.lms, c.var.deps.db, params, clientIp(c));
      setStateCookie(c, login.state, login.browserSecret);
      return c.redirect(login.redirectTo, 302);
    } catch (err) {
      if (err instanceof LtiError) return refuse(c, err);
      throw err;
    }
  });

  const launch = async (c: Context<LmsEnv>) => {
    const { db } = c.var.deps;
    const rt = c.var.deps.lms;
    const body = await c.req.parseBody();
    const state = text(body.state);
    try {
      const verified = await verifyLaunch(rt, db, { idToken: text(body.id_token), state, browserSecret: readStateCookie(c, state) });
      clearStateCookie(c, state!);
      const admission = admit(rt, db, verified);
      const user = admission.user;

      const session = createSession(db, user.id);
      setLtiSessionCookie(c, session.token);
      const keys = await rt.keys();
      // Who may frame this session's pages: the platform's own origins and the page that posted
      // the launch (the LMS page holding the iframe when its login form is served from there).
      const frameOrigins = originsOf([verified.platform.issuer, verified.platform.authUrl, c.req.header('Origin')]);
      setFrameCookie(c, keys.hmacSecret, session.id, frameOrigins);
      c.set('lmsFrameAncestors', frameOrigins);
      c.set('user', {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        institutionId: user.institutionId,
        sessionId: session.id,
        locale: null,
      });
      useLocale(c, pickLocale(c, verified.claims.locale));

      if (!admission.deepLinking && admission.unlinkedCourse !== null) {
        return c.html(<LtiUnlinkedCoursePage ctx={viewContext(c, null)} course={admission.unlinkedCourse} landing={admission.landing} />);
      }
      if (!admission.deepLinking) return c.redirect(admission.landing, 303);
      const settings = verified.claims[CLAIM.deepLinkingSettings]!;
      const ticket = await issueTicket(keys, {
        platformId: verified.platform.id,
        returnUrl: settings.deep_link_return_url,
        data: settings.data,
        userId: user.id,
        acceptMultiple: settings.accept_multiple === true,
      });
      return c.html(
        <DeepLinkPicker ctx={viewContext(c, null)} ticket={ticket} levels={pickerLevels(c.var.deps.catalog, c.var.deps.lms.blueprints, c.var.locale)} />,
      );
    } catch (err) {
      if (err instanceof LtiError) return refuse(c, err);
      throw err;
    }
  };
  app.post(LAUNCH_PATH, headers, prepare, launch);
  // Some LMSs (Moodle's "content selection URL") send deep-linking requests to their own address.
  app.post(DEEP_LINKING_PATH, headers, prepare, launch);
  return app;
}
