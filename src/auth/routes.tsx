import { Hono, type Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env.js';
import { LANG_COOKIE, isLocale } from '../i18n/index.js';
import { viewContext } from '../http/view-context.js';
import { clientIp } from '../http/client-ip.js';
import { setFlash } from '../http/flash.js';
import { LoginPage, ActivatePage, ForgotPasswordPage } from '../../views/auth/login.js';
import { ErrorPage } from '../../views/errors.js';
import { findUserByEmail, setUserLocale } from '../institutions/index.js';
import { createSession, invalidateSession, invalidateUserSessions } from './sessions.js';
import { setSessionCookie, clearSessionCookie } from './cookies.js';
import { dummyPasswordHash, verifyPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.js';
import { noteLoginSuccess, reserveLoginAttempt } from './throttle.js';
import { acceptInvite, findInviteUser } from './invites.js';
import { requireRole } from './middleware.js';
import { homeFor } from './policy.js';

/** Only same-site paths are followed after login, never another origin ("//evil.example"). */
function safeNext(next: unknown): string | null {
  return typeof next === 'string' && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) ? next : null;
}

export { homeFor };

function startSession(c: Context<AppEnv>, userId: number): void {
  const session = createSession(c.var.deps.db, userId);
  setSessionCookie(c, session.token, c.var.deps.config.secureCookies);
}

export function authRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/login', (c) => {
    if (c.var.user) return c.redirect(homeFor(c.var.user.role), 303);
    return c.html(<LoginPage ctx={viewContext(c)} next={safeNext(c.req.query('next')) ?? ''} />);
  });

  app.get('/forgot-password', (c) => c.html(<ForgotPasswordPage ctx={viewContext(c)} />));

  app.post('/login', async (c) => {
    const { db } = c.var.deps;
    const form = await c.req.parseBody();
    const email = String(form.email ?? '')
      .trim()
      .toLowerCase();
    const password = String(form.password ?? '');
    const next = safeNext(form.next);
    const ip = clientIp(c);
    const t = c.var.t;

    const wait = reserveLoginAttempt(db, email, ip);
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60_000);
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      return c.html(<LoginPage ctx={viewContext(c)} email={email} next={next ?? ''} errors={[t('login.locked', { minutes })]} />, 429);
    }
    const user = email ? findUserByEmail(db, email) : undefined;
    // Unknown e-mails and accounts not yet activated are checked against a dummy hash and get the
    // same answer as a wrong password, so neither the message nor the timing says who has an account.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user?.passwordHash || !ok) {
      return c.html(<LoginPage ctx={viewContext(c)} email={email} next={next ?? ''} errors={[t('login.invalid')]} />, 400);
    }
    noteLoginSuccess(db, email, ip);
    startSession(c, user.id);
    return c.redirect(next ?? homeFor(user.role), 303);
  });

  app.post('/logout', (c) => {
    const user = c.var.user;
    if (user) invalidateSession(c.var.deps.db, user.sessionId);
    clearSessionCookie(c, c.var.deps.config.secureCookies);
    setFlash(c, 'ok', 'logout.done');
    return c.redirect('/login', 303);
  });

  app.post('/logout-everywhere', requireRole('trainee', 'instructor', 'admin', 'office'), (c) => {
    const count = invalidateUserSessions(c.var.deps.db, c.var.user!.id);
    clearSessionCookie(c, c.var.deps.config.secureCookies);
    setFlash(c, 'ok', 'logout.everywhereDone', { count });
    return c.redirect('/login', 303);
  });

  // The language switch is remembered in a cookie, and on the account when logged in.
  app.post('/lang', async (c) => {
    const form = await c.req.parseBody();
    const lang = form.lang;
    if (!isLocale(lang)) throw new HTTPException(400);
    setCookie(c, LANG_COOKIE, lang, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'Lax', secure: c.var.deps.config.secureCookies });
    if (c.var.user) setUserLocale(c.var.deps.db, c.var.user.id, lang);
    return c.redirect(safeNext(form.back) ?? '/', 303);
  });

  app.get('/activate/:token', (c) => {
    const user = findInviteUser(c.var.deps.db, c.req.param('token'));
    if (!user) return c.html(<ErrorPage ctx={viewContext(c)} status={404} message={c.var.t('activate.invalid')} />, 404);
    return c.html(<ActivatePage ctx={viewContext(c)} email={user.email} token={c.req.param('token')} min={MIN_PASSWORD_LENGTH} />);
  });

  app.post('/activate/:token', async (c) => {
    const { db } = c.var.deps;
    const token = c.req.param('token');
    const t = c.var.t;
    const user = findInviteUser(db, token);
    if (!user) return c.html(<ErrorPage ctx={viewContext(c)} status={404} message={t('activate.invalid')} />, 404);
    const form = await c.req.parseBody();
    const password = String(form.password ?? '');
    const errors: string[] = [];
    if ([...password].length < MIN_PASSWORD_LENGTH) errors.push(t('activate.tooShort', { min: MIN_PASSWORD_LENGTH }));
    else if ([...password].length > MAX_PASSWORD_LENGTH) errors.push(t('activate.tooLong', { max: MAX_PASSWORD_LENGTH }));
    else if (password !== String(form.confirm ?? '')) errors.push(t('activate.mismatch'));
    if (errors.length) {
      return c.html(<ActivatePage ctx={viewContext(c)} email={user.email} token={token} min={MIN_PASSWORD_LENGTH} errors={errors} />, 400);
    }
    const userId = await acceptInvite(db, token, password);
    if (userId === null) return c.html(<ErrorPage ctx={viewContext(c)} status={404} message={t('activate.invalid')} />, 404);
    startSession(c, userId);
    return c.redirect(homeFor(user.role), 303);
  });

  return app;
}
