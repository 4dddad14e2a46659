import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../env.js';
import { SESSION_COOKIE, INACTIVITY_TIMEOUT_MS } from '../../auth/index.js';
import { STATE_COOKIE_PREFIX, STATE_TTL_MS } from './login.js';

// Cookies and framing for pages that live inside an LMS iframe (docs/decisions/004-lms-iframe-sessions-csrf-framing.md).
//
// Inside the iframe we are a third party: SameSite=Lax cookies are neither sent nor stored, so the
// login state and the session of an LTI launch use SameSite=None; Secure; Partitioned (CHIPS: the
// cookie is kept per top-level LMS site, which third-party-cookie blocking still allows).
//
// Every page refuses framing (frame-ancestors 'none', X-Frame-Options DENY) except:
//  - the launch and login responses themselves (their error pages must show inside the LMS), and
//  - the pages of a session an LTI launch created, which the launching platform's origins may frame.
// The second rests on a cookie naming those origins, HMAC-bound to the session id, so neither
// another site nor a cookie tossed from a sibling domain can widen who frames a page.

export type LmsVariables = AppEnv['Variables'] & {
  /** Set by the launch routes: who may frame this response ('*' for a page with nothing to click). */
  lmsFrameAncestors?: string[] | '*';
  /** Set by the deep-linking return page: the LMS origin its form posts to. */
  lmsFormAction?: string[];
};
export type LmsEnv = { Variables: LmsVariables };

const FRAME_COOKIE = 'bcm_lti_frame';

const thirdParty = { httpOnly: true, secure: true, sameSite: 'None', partitioned: true, path: '/' } as const;

export function setLtiSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { ...thirdParty, maxAge: Math.floor(INACTIVITY_TIMEOUT_MS / 1000) });
}

export function setStateCookie(c: Context, state: string, browserSecret: string): void {
  setCookie(c, STATE_COOKIE_PREFIX + state, browserSecret, { ...thirdParty, maxAge: STATE_TTL_MS / 1000 });
}

export function readStateCookie(c: Context, state: string | undefined): string | undefined {
  return state && /^[A-Za-z0-9_-]{16,100}$/.test(state) ? getCookie(c, STATE_COOKIE_PREFIX + state) : undefined;
}

export function clearStateCookie(c: Context, state: string): void {
  deleteCookie(c, STATE_COOKIE_PREFIX + state, thirdParty);
}

/** Origins of a URL list, keeping only real http(s) origins (they end up inside a CSP header). */
export function originsOf(urls: (string | undefined | null)[]): string[] {
  const out = new Set<string>();
  for (const u of urls) {
    if (!u) continue;
    try {
      const url = new URL(u);
      if (url.protocol === 'https:' || url.protocol === 'http:') out.add(url.origin);
    } catch {
      // not a URL (e.g. Origin: null): nothing to allow
    }
  }
  return [...out];
}

const mac = (secret: Uint8Array, sessionId: string, payload: string) => createHmac('sha256', secret).update(`${sessionId}|${payload}`).digest('base64url');

export function setFrameCookie(c: Context, secret: Uint8Array, sessionId: string, origins: string[]): void {
  const payload = Buffer.from(JSON.stringify(origins)).toString('base64url');
  setCookie(c, FRAME_COOKIE, `${payload}.${mac(secret, sessionId, payload)}`, { ...thirdParty, maxAge: Math.floor(INACTIVITY_TIMEOUT_MS / 1000) });
}

export function readFrameCookie(value: string | undefined, secret: Uint8Array, sessionId: string): string[] | null {
  if (!value) return null;
  const [payload, tag] = value.split('.');
  if (!payload || !tag) return null;
  const expected = Buffer.from(mac(secret, sessionId, payload));
  const given = Buffer.from(tag);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const list = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return Array.isArray(list) ? originsOf(list.map(String)) : null;
  } catch {
    return null;
  }
}

function setDirective(csp: string, directive: string, value: string): string {
  const re = new RegExp(`(^|;\\s*)${directive}(\\s[^;]*)?(?=;|$)`);
  return re.test(csp) ? csp.replace(re, `$1${directive} ${value}`) : `${csp}; ${directive} ${value}`;
}

/**
 * Registered before the app's securityHeaders, so its after-step runs last and can adjust what
 * that middleware wrote. It only ever widens frame-ancestors/form-action for the cases above.
 */
export function lmsFraming(): MiddlewareHandler<LmsEnv> {
  return async function lmsFraming(c, next) {
    await next();
    // Runs on every request: c.get reads one variable, c.var would copy them all.
    let ancestors = c.get('lmsFrameAncestors');
    const cookie = getCookie(c, FRAME_COOKIE);
    const user = c.get('user');
    if (!ancestors && cookie && user) {
      const keys = await c.get('deps').lms.keys();
      const origins = readFrameCookie(cookie, keys.hmacSecret, user.sessionId);
      if (origins?.length) ancestors = origins;
    }
    const formAction = c.get('lmsFormAction');
    if (!ancestors && !formAction) return;
    let csp = c.res.headers.get('Content-Security-Policy');
    if (!csp) return; // nothing to relax
    if (ancestors) {
      csp = setDirective(csp, 'frame-ancestors', ancestors === '*' ? '*' : ["'self'", ...ancestors].join(' '));
      // X-Frame-Options cannot name an origin; frame-ancestors supersedes it where both exist.
      c.res.headers.delete('X-Frame-Options');
    }
    if (formAction?.length) csp = setDirective(csp, 'form-action', ["'self'", ...formAction].join(' '));
    c.res.headers.set('Content-Security-Policy', csp);
  };
}
