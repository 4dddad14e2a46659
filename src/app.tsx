import path from 'node:path';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { getCookie } from 'hono/cookie';
import type { AppDeps, AppEnv, Deps } from './env.js';
import { DEFAULT_LOCALE, LANG_COOKIE, formatter, isLocale, translator, type Locale, type Translate } from './i18n/index.js';
import { CSRF_REJECTED, csrfProtection, loadSession } from './auth/middleware.js';
import { authRoutes, homeFor } from './auth/routes.js';
import { adminRoutes } from './institutions/admin-routes.js';
import { catalogRoutes } from './catalog/routes.js';
import { dashboardRoutes } from './hours/dashboard-routes.js';
import { classRoutes } from './hours/classes/routes.js';
import { studyAside, studyCompleted, studyRoutes, studySelfCheckEcho, studySelfCheckListener } from './hours/self-study/routes.js';
import { instructorRoutes, officeRoutes, traineeRoutes } from './institutions/people-routes.js';
import { questionRoutes } from './questions/routes.js';
import { proofRoutes } from './proof/routes.js';
import { examRoutes } from './exams/routes.js';
import { analyticsRoutes } from './exams/analytics-routes.js';
import { markingRoutes } from './exams/marking/routes.js';
import { sittingRoutes } from './exams/sittings/routes.js';
import { lmsFrontDoor, lmsRoutes } from './lms/routes.js';
import { createLmsRuntime } from './lms/settings.js';
import { loadOrCreateSigningKey } from './proof/keys.js';
import { ExamsRuntime } from './exams/runtime.js';
import { isDatabaseHealthy } from './db/client.js';
import { requestLog } from './http/logging.js';
import { securityHeaders } from './http/security.js';
import { BodyTooLarge, MULTIPART_OVERHEAD_BYTES, bodyLimits } from './http/body-limit.js';
import { MAX_ROSTER_BYTES } from './institutions/roster-file.js';
import { MAX_EXPORT_BYTES } from './hours/attendance/export-file.js';
import { MAX_QUESTION_FILE_BYTES } from './questions/import.js';
import { ANSWER_MAX_CHARS } from './catalog/index.js';
import { staticRoutes } from './http/static.js';
import { viewContext } from './http/view-context.js';
import { PROJECT_ROOT } from './platform/project-root.js';
import { ErrorPage } from '../views/errors.js';
import { HomePage } from '../views/home.js';

/** Request body limits (docs/security.md): small for forms, each upload's documented file limit. */
export const BODY_LIMITS = {
  defaultBytes: 64 * 1024,
  routes: [
    { method: 'POST', path: /^\/admin\/cohorts\/\d+\/roster(?:\/preview)?$/, maxBytes: MAX_ROSTER_BYTES + MULTIPART_OVERHEAD_BYTES },
    { method: 'POST', path: /^\/sessions\/\d+\/import$/, maxBytes: MAX_EXPORT_BYTES + MULTIPART_OVERHEAD_BYTES },
    { method: 'POST', path: /^\/questions\/import$/, maxBytes: MAX_QUESTION_FILE_BYTES + MULTIPART_OVERHEAD_BYTES },
    // A written answer of ANSWER_MAX_CHARS Chinese characters is ~90 KB as a form (9 bytes each).
    { method: 'POST', path: /^\/exams\/attempts\/\d+\/save$/, maxBytes: 9 * ANSWER_MAX_CHARS + 16 * 1024 },
    // A submission carries the answers the browser could not save while offline (written ones too).
    { method: 'POST', path: /^\/exams\/attempts\/\d+\/submit$/, maxBytes: 1024 * 1024 },
    // A sitting's integrity signal is a few short fields.
    { method: 'POST', path: /^\/exams\/attempts\/\d+\/signals$/, maxBytes: 1024 },
  ],
};

/**
 * The composition root: what lives across requests is built here, once, from the config — the
 * proof signing key (loaded or created now, never inside a request), the exams runtime (the
 * blueprints, question pools, parsed papers, the autosave queue) and the LMS runtime (the tool key, platform key sets,
 * token caches, the hooks hours and exams call). Each is passed on in `deps`; server.ts gives the
 * same exams and LMS runtimes to the sweep and the workers.
 */
export function createApp(given: Deps) {
  const { config, catalog, logger } = given;
  const signer = given.proof?.signer ?? loadOrCreateSigningKey(config.signingKeyPath);
  const exams = given.exams ?? new ExamsRuntime(config.coursesDir);
  const lms = given.lms ?? createLmsRuntime(config, { catalog, logger, blueprints: exams.blueprints });
  const deps: AppDeps = { ...given, proof: { ...given.proof, signer }, exams, lms };
  const app = new Hono<AppEnv>();
  const fmtCache = new Map<Locale, ReturnType<typeof formatter>>();
  // One translator per locale for the app's lifetime (it is pure), so caches keyed by it — e.g.
  // the exam paper's labels in views/exams/paper-html.ts — hold across requests.
  const tCache = new Map<Locale, Translate>();

  app.use('*', requestId());
  app.use('*', async function provideDeps(c, next) {
    c.set('deps', deps);
    c.set('user', null);
    await next();
  });
  app.use('*', requestLog());
  app.use('*', bodyLimits(BODY_LIMITS));
  // Before securityHeaders and the CSRF check: LTI's cross-site launch posts, and framing only for LTI sessions (src/lms/front-door.tsx).
  app.route('/', lmsFrontDoor());
  app.use('*', securityHeaders());
  app.route('/', staticRoutes(path.join(PROJECT_ROOT, 'static')));
  app.use('*', loadSession());
  // Language: the remembered switch (cookie), else the account's choice, else Chinese.
  app.use('*', async function locale(c, next) {
    const cookie = getCookie(c, LANG_COOKIE);
    // c.get, not c.var, on every request: c.var copies every variable into a new object.
    const user = c.get('user');
    const locale: Locale = isLocale(cookie) ? cookie : (user?.locale ?? DEFAULT_LOCALE);
    c.set('locale', locale);
    if (!tCache.has(locale)) tCache.set(locale, translator(locale));
    c.set('t', tCache.get(locale)!);
    if (!fmtCache.has(locale)) fmtCache.set(locale, formatter(locale, deps.config.timeZone));
    c.set('fmt', fmtCache.get(locale)!);
    await next();
  });
  app.use('*', csrfProtection([deps.config.publicUrl.origin]));
  app.use('*', async function noStorePrivatePages(c, next) {
    // Pages with personal data are never cached by browsers or proxies. Set before the handler
    // runs (a handler may override it): changing headers after the response exists makes Hono
    // rebuild the whole response.
    if (c.get('user')) c.header('Cache-Control', 'private, no-store');
    if (deps.config.secureCookies) c.header('Strict-Transport-Security', 'max-age=31536000');
    await next();
  });

  app.get('/healthz', (c) => {
    const dbOk = isDatabaseHealthy(deps.db);
    // A broken lesson does not make the service unhealthy, but it is reported here (relative
    // path:line:column and message) so operators and authors see it.
    const problems = deps.catalog.problems().map((p) => `${path.relative(deps.config.coursesDir, p.path)}:${p.line}:${p.column} ${p.message}`);
    const stats = deps.catalog.stats;
    return c.json(
      {
        status: dbOk ? 'ok' : 'error',
        database: dbOk ? 'ok' : 'error',
        courses: { lessons: stats.lessons, ok: stats.ok, errors: stats.errors, problems },
      },
      dbOk ? 200 : 503,
    );
  });

  if (deps.devReload) {
    const reload = deps.devReload;
    app.get('/dev/reload', (c) => reload.handler(c));
  }

  app.get('/', (c) => {
    if (c.var.user) return c.redirect(homeFor(c.var.user.role), 303);
    return c.html(<HomePage ctx={viewContext(c)} />);
  });
  app.route('/', authRoutes());
  app.route(
    '/',
    catalogRoutes({ lessonAside: studyAside, completedLessons: studyCompleted, onSelfCheck: studySelfCheckListener(deps), selfCheckEcho: studySelfCheckEcho }),
  );
  app.route('/', dashboardRoutes());
  app.route('/', classRoutes());
  app.route('/', studyRoutes());
  app.route('/', questionRoutes());
  app.route('/', proofRoutes());
  app.route('/', examRoutes());
  app.route('/', analyticsRoutes());
  app.route('/', markingRoutes());
  app.route('/', sittingRoutes());
  app.route('/', lmsRoutes());
  app.route('/me', traineeRoutes());
  app.route('/instructor', instructorRoutes());
  app.route('/admin', adminRoutes());
  app.route('/office', officeRoutes());

  app.notFound((c) => c.html(<ErrorPage ctx={viewContext(c, null)} status={404} />, 404));

  app.onError((err, c) => {
    // Request-ending errors carry their status; everything else is a 500 with no detail sent.
    const status = err instanceof HTTPException ? err.status : 500;
    if (!c.var.t) {
      // Refused before the locale middleware ran (e.g. a body over its limit): the language switch
      // is still honoured.
      const cookie = getCookie(c, LANG_COOKIE);
      const locale: Locale = isLocale(cookie) ? cookie : DEFAULT_LOCALE;
      c.set('t', translator(locale));
      c.set('locale', locale);
      c.set('fmt', formatter(locale, deps.config.timeZone));
    }
    const t = c.var.t;
    if (status >= 500) deps.logger.error({ reqId: c.var.requestId, err: { message: err.message, stack: err.stack } }, 'request failed');
    if (err instanceof HTTPException && status === 401 && c.req.header('HX-Request')) {
      c.header('HX-Redirect', '/login');
    }
    if (c.req.path.startsWith('/api/') || c.req.header('Accept')?.startsWith('application/json')) {
      return c.json({ error: status >= 500 ? 'internal_error' : (err as HTTPException).message || String(status), requestId: c.var.requestId }, status as 400);
    }
    const message =
      err instanceof BodyTooLarge
        ? t('error.tooLarge.body', { max: formatBytes(err.maxBytes) })
        : err instanceof HTTPException && err.message === CSRF_REJECTED
          ? t('error.csrf.body')
          : undefined;
    return c.html(
      <ErrorPage ctx={viewContext(c, null)} status={status} message={message} reference={status >= 500 ? c.var.requestId : undefined} />,
      status as 400,
    );
  });

  return app;
}

/** 65536 → "64 KB", 5308416 → "5.1 MB": limits as people read them. */
function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
