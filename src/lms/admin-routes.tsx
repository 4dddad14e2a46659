import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env.js';
import { requireRole } from '../auth/index.js';
import { viewContext } from '../http/view-context.js';
import { setFlash } from '../http/flash.js';
import { findCohort, listCohorts, writeAudit } from '../institutions/index.js';
import { inTransaction } from '../db/client.js';
import { AdminLmsPage, EditPlatformPage, PLATFORM_FIELDS, type PlatformForm } from '../../views/lms/admin.js';
import * as store from './store.js';
import { xapiSummary } from './queue-store.js';
import { DEEP_LINKING_PATH, JWKS_PATH, LAUNCH_PATH, LOGIN_PATH } from './lti/login.js';

// The institution admin's LMS page: our tool values to copy into the LMS, the platforms
// registered, which LMS course feeds which cohort, and the state of the xAPI queue.

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An LMS address we will fetch keys and tokens from or send browsers to: https, no credentials in
 * it, and not this machine. Outside production (a local test LMS) loopback http is allowed too.
 */
export function isAllowedUrl(value: string, opts: { allowLoopback: boolean }): boolean {
  try {
    const url = new URL(value);
    if (url.username || url.password) return false;
    const loopback = LOOPBACK_HOSTS.has(url.hostname) || url.hostname.endsWith('.localhost') || /^127\./.test(url.hostname);
    if (loopback) return opts.allowLoopback && (url.protocol === 'https:' || url.protocol === 'http:');
    return url.protocol === 'https:';
  } catch {
    return false;
  }
}

const URL_FIELDS = new Set(['issuer', 'jwksUrl', 'authUrl', 'tokenUrl']);

export function validatePlatform(
  form: PlatformForm,
  t: AppEnv['Variables']['t'],
  opts: { allowLoopback: boolean },
): { errors: string[]; value?: Omit<store.NewPlatform, 'institutionId'> } {
  const errors: string[] = [];
  const v: Record<string, string> = {};
  for (const [name, label] of PLATFORM_FIELDS) {
    const value = (form[name] ?? '').trim();
    const field = t(label);
    if (!value) errors.push(t('form.required', { field }));
    else if (value.length > (name === 'name' ? 80 : 500)) errors.push(t('lti.admin.tooLong', { field }));
    else if (URL_FIELDS.has(name) && !isAllowedUrl(value, opts)) errors.push(t(opts.allowLoopback ? 'lti.admin.badUrlLocal' : 'lti.admin.badUrl', { field }));
    v[name] = value;
  }
  if (errors.length) return { errors };
  return {
    errors,
    value: { name: v.name, issuer: v.issuer, clientId: v.clientId, deploymentId: v.deploymentId, jwksUrl: v.jwksUrl, authUrl: v.authUrl, tokenUrl: v.tokenUrl },
  };
}

const formOf = (body: Record<string, unknown>): PlatformForm =>
  Object.fromEntries(PLATFORM_FIELDS.map(([name]) => [name, typeof body[name] === 'string' ? (body[name] as string) : '']));

function institutionOf(c: Context<AppEnv>): number {
  const id = c.var.user?.institutionId;
  if (id == null) throw new HTTPException(403);
  return id;
}

function render(c: Context<AppEnv>, extra: { form?: PlatformForm; errors?: string[] } = {}, status: 200 | 400 = 200) {
  const { db } = c.var.deps;
  const rt = c.var.deps.lms;
  const institutionId = institutionOf(c);
  const x = xapiSummary(db);
  return c.html(
    <AdminLmsPage
      ctx={viewContext(c)}
      tool={{ loginUrl: rt.url(LOGIN_PATH), launchUrl: rt.url(LAUNCH_PATH), jwksUrl: rt.url(JWKS_PATH), deepLinkingUrl: rt.url(DEEP_LINKING_PATH) }}
      platforms={store.listPlatforms(db, institutionId)}
      removedPlatforms={store.listRemovedPlatforms(db, institutionId)}
      gradedPlacements={store.gradedNonExamPlacements(db, institutionId).length}
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
    const t = c.var.t;
    const institutionId = institutionOf(c);
    const form = formOf(await c.req.parseBody());
    const { errors, value } = validatePlatform(form, t, { allowLoopback: c.var.deps.lms.settings.allowLoopbackUrls });
    if (!value) return render(c, { form, errors }, 400);
    // Checked and written in one transaction: the (issuer, client id) pair stays with one
    // institution (the database triggers of migration 0005 refuse it too).
    const outcome = inTransaction<{ error: string } | { platform: store.Platform }>(
      db,
      () => {
        if (store.clientHeldElsewhere(db, value.issuer, value.clientId, institutionId)) return { error: t('lti.admin.takenElsewhere') };
        if (store.findDeployment(db, value.issuer, value.clientId, value.deploymentId)) return { error: t('lti.admin.duplicate') };
        const platform = store.insertPlatform(db, { ...value, institutionId });
        writeAudit(db, {
          actorId: c.var.user!.id,
          institutionId,
          action: 'lti.platform.register',
          subject: `lti-platform:${platform.id}`,
          detail: { issuer: platform.issuer, clientId: platform.clientId, deploymentId: platform.deploymentId },
        });
        return { platform };
      },
      'immediate',
    );
    if ('error' in outcome) return render(c, { form, errors: [outcome.error] }, 400);
    setFlash(c, 'ok', 'lti.admin.registered', { name: outcome.platform.name });
    return c.redirect('/admin/lms', 303);
  });

  /** The institution's own live registration, else 404 (another institution's looks like none). */
  const ownPlatform = (c: Context<AppEnv>) => {
    const platform = store.findPlatform(c.var.deps.db, Number(c.req.param('id')));
    if (!platform || platform.institutionId !== institutionOf(c) || platform.removedAt !== null) throw new HTTPException(404);
    return platform;
  };
  const renderEdit = (c: Context<AppEnv>, platform: store.Platform, form: PlatformForm, errors: string[] = [], status: 200 | 400 = 200) =>
    c.html(<EditPlatformPage ctx={viewContext(c)} platform={platform} form={form} errors={errors} />, status);

  app.get('/admin/lms/platforms/:id', (c) => {
    const p = ownPlatform(c);
    return renderEdit(c, p, {
      name: p.name,
      issuer: p.issuer,
      clientId: p.clientId,
      deploymentId: p.deploymentId,
      jwksUrl: p.jwksUrl,
      authUrl: p.authUrl,
      tokenUrl: p.tokenUrl,
    });
  });

  app.post('/admin/lms/platforms/:id', async (c) => {
    const { db } = c.var.deps;
    const t = c.var.t;
    const rt = c.var.deps.lms;
    const before = ownPlatform(c);
    // Issuer and client id stay as registered whatever the form says (see updatePlatform).
    const form = { ...formOf(await c.req.parseBody()), issuer: before.issuer, clientId: before.clientId };
    const { errors, value } = validatePlatform(form, t, { allowLoopback: rt.settings.allowLoopbackUrls });
    if (!value) return renderEdit(c, before, form, errors, 400);
    if (store.findDeployment(db, before.issuer, before.clientId, value.deploymentId, before.id))
      return renderEdit(c, before, form, [t('lti.admin.duplicate')], 400);
    const changes = { name: value.name, deploymentId: value.deploymentId, jwksUrl: value.jwksUrl, authUrl: value.authUrl, tokenUrl: value.tokenUrl };
    const after = inTransaction(db, () => {
      const updated = store.updatePlatform(db, before.id, changes);
      if (!updated) return undefined;
      const changed = Object.fromEntries(
        Object.entries(changes)
          .filter(([k, v]) => before[k as keyof typeof changes] !== v)
          .map(([k, v]) => [k, { from: before[k as keyof typeof changes], to: v }]),
      );
      writeAudit(db, {
        actorId: c.var.user!.id,
        institutionId: before.institutionId,
        action: 'lti.platform.update',
        subject: `lti-platform:${before.id}`,
        detail: { changed },
      });
      return updated;
    });
    if (!after) throw new HTTPException(404);
    rt.forgetPlatformTokens(after.id);
    setFlash(c, 'ok', 'lti.admin.updated', { name: after.name });
    return c.redirect('/admin/lms', 303);
  });

  app.post('/admin/lms/platforms/:id/remove', (c) => {
    const { db } = c.var.deps;
    const platform = ownPlatform(c);
    const now = Date.now();
    const removed = inTransaction(db, () => {
      if (!store.removePlatform(db, platform.id, now)) return false;
      writeAudit(
        db,
        {
          actorId: c.var.user!.id,
          institutionId: platform.institutionId,
          action: 'lti.platform.remove',
          subject: `lti-platform:${platform.id}`,
          detail: { name: platform.name, issuer: platform.issuer, clientId: platform.clientId, deploymentId: platform.deploymentId },
        },
        now,
      );
      return true;
    });
    if (!removed) throw new HTTPException(404);
    c.var.deps.lms.forgetPlatformTokens(platform.id);
    setFlash(c, 'ok', 'lti.admin.removed', { name: platform.name });
    return c.redirect('/admin/lms', 303);
  });

  app.post('/admin/lms/contexts', async (c) => {
    const { db } = c.var.deps;
    const institutionId = institutionOf(c);
    const body = await c.req.parseBody();
    const platform = store.findPlatform(db, Number(body.platformId));
    const contextId = typeof body.contextId === 'string' ? body.contextId : '';
    // Another institution's platform or cohort answers 404, like one that does not exist.
    if (!platform || platform.institutionId !== institutionId || platform.removedAt !== null || !store.findContext(db, platform.id, contextId))
      throw new HTTPException(404);
    let cohortId: number | null = null;
    if (body.cohortId) {
      const cohort = findCohort(db, Number(body.cohortId));
      if (!cohort || cohort.institutionId !== institutionId) throw new HTTPException(404);
      cohortId = cohort.id;
    }
    store.setContextCohort(db, platform.id, contextId, cohortId);
    writeAudit(db, {
      actorId: c.var.user!.id,
      institutionId,
      action: 'lti.context.link',
      subject: `cohort:${cohortId ?? 'none'}`,
      detail: { platformId: platform.id, contextId },
    });
    setFlash(c, 'ok', 'lti.admin.linked');
    return c.redirect('/admin/lms', 303);
  });

  return app;
}
