import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { csrf } from 'hono/csrf';
import type { AppEnv } from '../env.js';
import type { Role } from './store.js';
import { SESSION_COOKIE, validateSessionToken } from './sessions.js';
import { clearSessionCookie, setSessionCookie } from './cookies.js';
import { hasRole } from './policy.js';

// Middleware on every request reads variables with c.get(): c.var copies all of them into a new
// object on each access.

/** Reads the session cookie and sets c.var.user (null when anonymous or the token is invalid). */
export function loadSession(): MiddlewareHandler<AppEnv> {
  return async function loadSession(c, next) {
    const { db, config } = c.get('deps');
    const token = getCookie(c, SESSION_COOKIE);
    c.set('user', null);
    if (token) {
      const result = validateSessionToken(db, token);
      if (result) {
        const user = result.user;
        c.set('user', {
          id: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
          institutionId: user.institutionId,
          sessionId: result.session.id,
          locale: user.locale,
        });
        if (result.refreshed) setSessionCookie(c, token, config.secureCookies);
      } else {
        clearSessionCookie(c, config.secureCookies);
      }
    }
    await next();
  };
}

/**
 * Anonymous visitors are sent to the login page (pages) or get 401 (htmx/API); a logged-in user
 * without one of the roles gets 403.
 */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async function requireRole(c, next) {
    const user = c.get('user');
    if (!user) {
      const wantsPage = c.req.method === 'GET' && !c.req.header('HX-Request') && !c.req.path.startsWith('/api/');
      if (wantsPage) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
      throw new HTTPException(401);
    }
    if (!hasRole(user, roles)) throw new HTTPException(403);
    await next();
  };
}

export const CSRF_REJECTED = 'csrf';

/**
 * CSRF: form posts must come from our own origin (Origin or Sec-Fetch-Site), the check hono/csrf
 * makes. Together with SameSite=Lax session cookies this replaces per-form tokens.
 */
export function csrfProtection(allowedOrigins: string[]): MiddlewareHandler<AppEnv> {
  const check = csrf({
    // The configured origin first: it is the usual case and needs no URL parsed.
    origin: (origin, c) => allowedOrigins.includes(origin) || origin === new URL(c.req.url).origin,
  });
  return async function csrfProtection(c, next) {
    // Run the check alone so errors thrown by later handlers are not mistaken for CSRF failures.
    try {
      await check(c, async () => {});
    } catch {
      throw new HTTPException(403, { message: CSRF_REJECTED });
    }
    await next();
  };
}
