import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env.js';
import { requireRole } from '../auth/middleware.js';
import { viewContext } from '../http/view-context.js';
import { setFlash } from '../http/flash.js';
import { findCohort, listCohorts, writeAudit } from '../institutions/store.js';
import { AdminLmsPage, PLATFORM_FIELDS, type PlatformForm } from '../../views/lms/admin.js';
import { lmsRuntime } from './settings.js';
import * as store from './store.js';
import { xapiSummary } from './queue-store.js';
import { DEEP_LINKING_PATH, JWKS_PATH, LAUNCH_PATH, LOGIN_PATH } from './lti/login.js';

// The institution admin's LMS page: our tool values to copy into the LMS, the platforms
// registered, which LMS course feeds which cohort, and the state of the xAPI queue.

/** https only, except a loopback http address so a local test LMS can be registered. */
export function isAllowedUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.username || url.password) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

const URL_FIELDS = new Set(['issuer', 'jwksUrl', 'authUrl', 'tokenUrl']);

export function validatePlatform(form: PlatformForm, t: AppEnv['Variables']['t']): { errors: string[]; value?: Omit<store.NewPlatform, 'institutionId'> } {
  const errors: string[] = [];
  const v: Record<string, string> = {};
  for (const [name, label] of PLATFORM_FIELDS) {
    const value = (form[name] ?? '').trim();
    const field = t(label);
    if (!value) errors.push(t('form.required', { field }));
    else if (value.length > (name === 'name' ? 80 : 500)) errors.push(t('lti.admin.tooLong', { field }));
    else if (URL_FIELDS.has(name) && !isAllowedUrl(value)) errors.push(t('lti.admin.badUrl', { field }));
    v[name] = value;
  }
  if (errors.length) return { errors };
  return { errors, value: { name: v.name, issuer: v.issuer, clientId: v.clientId, deploymentId: v.deploymentId, jwksUrl: v.jwksUrl, authUrl: v.authUrl, tokenUrl: v.tokenUrl } };
}

function institutionOf(c: Context<AppEnv>): number {
  const id = c.var.user?.institutionId;
  if (id == null) throw new HTTPException(403);
  return id;
}

function render(c: Context<AppEnv>, extra: { form?: PlatformForm; errors?: string[] } = {}, status: 200 | 400 = 200) {
  const { db } = c.var.deps;
  const rt = lmsRuntime(c.var.deps);
  const institutionId = institutionOf(c);
  const x = xapiSummary(db);
  return c.html(
    <AdminLmsPage
      ctx={viewContext(c)}
      tool={{ loginUrl: rt.url(LOGIN_PATH), launchUrl: rt.url(LAUNCH_PATH), jwksUrl: rt.url(JWKS_PATH), deepLinkingUrl: rt.url(DEEP_LINKING_PATH) }}
      platforms={store.listPlatforms(db, institutionId)}
      contexts={store.listInstitutionContexts(db, institutionId)}
      cohorts={listCohorts(db, institutionId)}
      xapi={{ lrs: rt.settings.xapi?.endpoint.origin ?? null, pending: x.pending, sent: x.sent, lastError: x.lastError }}
      {...extra}
    />,
    status,
  );
}

export function lmsAdminRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/admin/lms', requireRole('admin'));
  app.use('/admin/lms/*', requireRole('admin'));

  app.get('/admin/lms', (c) => render(c));

  app.post('/admin/lms/platforms', async (c) => {
    const { db } = c.var.deps;
    const institutionId = institutionOf(c);
    const body = await c.req.parseBody();
    const form: PlatformForm = Object.fromEntries(PLATFORM_FIELDS.map(([name]) => [name, typeof body[name] === 'string' ? (body[name] as string) : '']));
    const { errors, value } = validatePlatform(form, c.var.t);
    if (!value) return render(c, { form, errors }, 400);
    if (store.findDeployment(db, value.issuer, value.clientId, value.deploymentId)) return render(c, { form, errors: [c.var.t('lti.admin.duplicate')] }, 400);
    const platform = store.insertPlatform(db, { ...value, institutionId });
    writeAudit(db, { actorId: c.var.user!.id, institutionId, action: 'lti.platform.register', subject: `lti-platform:${platform.id}`, detail: { issuer: platform.issuer, clientId: platform.clientId, deploymentId: platform.deploymentId } });
    setFlash(c, 'ok', 'lti.admin.registered', { name: platform.name });
    return c.redirect('/admin/lms', 303);
  });

  app.post('/admin/lms/contexts', async (c) => {
    const { db } = c.var.deps;
    const institutionId = institutionOf(c);
    const body = await c.req.parseBody();
    const platform = store.findPlatform(db, Number(body.platformId));
    const contextId = typeof body.contextId === 'string' ? body.contextId : '';
    // Another institution's platform or cohort answers 404, like one that does not exist.
    if (!platform || platform.institutionId !== institutionId || !store.findContext(db, platform.id, contextId)) throw new HTTPException(404);
    let cohortId: number | null = null;
    if (body.cohortId) {
      const cohort = findCohort(db, Number(body.cohortId));
      if (!cohort || cohort.institutionId !== institutionId) throw new HTTPException(404);
      cohortId = cohort.id;
    }
    store.setContextCohort(db, platform.id, contextId, cohortId);
    writeAudit(db, { actorId: c.var.user!.id, institutionId, action: 'lti.context.link', subject: `cohort:${cohortId ?? 'none'}`, detail: { platformId: platform.id, contextId } });
    setFlash(c, 'ok', 'lti.admin.linked');
    return c.redirect('/admin/lms', 303);
  });

  return app;
}
