import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requireRole, cohortAccess } from '../auth/index.js';
import { viewContext } from '../http/view-context.js';
import { setFlash } from '../http/flash.js';
import { isAssignedInstructor, listInstructorCohorts } from '../institutions/index.js';
import { LtiErrorPage } from '../../views/lms/error.js';
import { DeepLinkPicker, DeepLinkReturn } from '../../views/lms/deep-link.js';
import { GradesPage } from '../../views/lms/grades.js';
import { CohortLmsPage, type RosterOutcome } from '../../views/lms/cohort.js';
import * as store from './store.js';
import * as queue from './queue-store.js';
import { lmsAdminRoutes } from './admin-routes.js';
import { pickerLevels } from './picker.js';
import { parseTargetParam, targetExists, targetTitle } from './targets.js';
import { contentItem, deepLinkingResponse, readTicket } from './lti/deep-linking.js';
import { originsOf, type LmsEnv } from './lti/frame.js';
import { JWKS_PATH } from './lti/login.js';
import { RosterError, syncRoster } from './lti/roster.js';

// The LMS pages that sit behind the app's usual middleware (session, language, same-origin CSRF
// check): our public key set, the deep-linking choice, grade passback status, roster sync and the
// admin's registration page. The cross-site endpoints are in front-door.tsx.

export { lmsFrontDoor } from './front-door.js';

export function lmsRoutes() {
  const app = new Hono<LmsEnv>();

  // Public: platforms verify our deep-linking responses and service assertions with it.
  app.get(JWKS_PATH, async (c) => {
    const keys = await c.var.deps.lms.keys();
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ keys: [keys.publicJwk] });
  });

  app.route('/', lmsAdminRoutes());

  app.post('/lti/deep-link', requireRole('instructor'), async (c) => {
    const { db, config } = c.var.deps;
    const rt = c.var.deps.lms;
    const keys = await rt.keys();
    const user = c.var.user!;
    const body = await c.req.parseBody();
    const ticketText = typeof body.ticket === 'string' ? body.ticket : '';
    const ticket = await readTicket(keys, ticketText, user.id);
    const platform = ticket && store.findPlatform(db, ticket.platformId);
    if (!ticket || !platform || platform.removedAt !== null || platform.institutionId !== user.institutionId) {
      return c.html(<LtiErrorPage ctx={viewContext(c, null)} message="lti.error.deepLinkExpired" />, 400);
    }
    const target = parseTargetParam(body.target);
    if (!target || !targetExists(c.var.deps.catalog, c.var.deps.lms.blueprints, target)) {
      return c.html(
        <DeepLinkPicker
          ctx={viewContext(c, null)}
          ticket={ticketText}
          levels={pickerLevels(c.var.deps.catalog, c.var.deps.lms.blueprints, c.var.locale)}
          error
        />,
        400,
      );
    }
    const title = targetTitle(c.var.deps.catalog, c.var.deps.lms.blueprints, target, c.var.locale);
    const jwt = await deepLinkingResponse(keys, platform, ticket, [contentItem(config.publicUrl, target, title)]);
    // Our CSP lets forms post only to ourselves; this one form goes back to the platform.
    c.set('lmsFormAction', originsOf([ticket.returnUrl]));
    c.header('Cache-Control', 'no-store');
    return c.html(<DeepLinkReturn ctx={viewContext(c, null)} returnUrl={ticket.returnUrl} jwt={jwt} title={title} />);
  });

  app.get('/lms/grades', requireRole('admin', 'instructor'), (c) => {
    const { db } = c.var.deps;
    const user = c.var.user!;
    if (user.institutionId == null) throw new HTTPException(403);
    // Instructors see the scores of their own cohorts' attempts; admins their institution's.
    const cohortIds = user.role === 'instructor' ? listInstructorCohorts(db, user.id).map((x) => x.id) : undefined;
    const rows = queue.listGrades(db, user.institutionId, cohortIds);
    const title = (examKey: string) => targetTitle(c.var.deps.catalog, c.var.deps.lms.blueprints, { kind: 'exam', examKey }, c.var.locale);
    return c.html(<GradesPage ctx={viewContext(c)} rows={rows} examTitle={title} />);
  });

  app.post('/lms/grades/:id/retry', requireRole('admin', 'instructor'), (c) => {
    const { db } = c.var.deps;
    const user = c.var.user!;
    const scope = queue.findGradeScope(db, Number(c.req.param('id')));
    const allowed =
      scope &&
      scope.institutionId === user.institutionId &&
      (user.role === 'admin' || (scope.cohortId != null && isAssignedInstructor(db, scope.cohortId, user.id)));
    if (!allowed) throw new HTTPException(404);
    if (queue.retryGrade(db, scope.id, Date.now())) setFlash(c, 'ok', 'lti.grades.retried');
    return c.redirect('/lms/grades', 303);
  });

  const renderCohort = (c: Context<LmsEnv>, outcome?: RosterOutcome) =>
    c.html(
      <CohortLmsPage
        ctx={viewContext(c, outcome ? null : undefined)}
        cohort={c.var.cohort}
        contexts={store.cohortContexts(c.var.deps.db, c.var.cohort.id)}
        outcome={outcome}
      />,
    );

  app.get('/lms/cohorts/:cohortId', requireRole('admin', 'instructor'), cohortAccess('teach'), (c) => renderCohort(c));

  app.post('/lms/cohorts/:cohortId/sync', requireRole('admin', 'instructor'), cohortAccess('teach'), async (c) => {
    const { db } = c.var.deps;
    const t = c.var.t;
    const body = await c.req.parseBody();
    const ctx = store.findContext(db, Number(body.platformId), typeof body.contextId === 'string' ? body.contextId : '');
    if (!ctx || ctx.cohortId !== c.var.cohort.id) throw new HTTPException(404);
    // The result is shown on the page itself rather than as a flash: this page may run inside
    // the LMS iframe, where the (SameSite=Lax) flash cookie would not come back.
    try {
      const r = await syncRoster(c.var.deps.lms, db, ctx, c.var.user!.id);
      return renderCohort(c, {
        ok: true,
        text: t('lti.roster.done', {
          members: r.members,
          created: r.created,
          enrolled: r.enrolled,
          already: r.alreadyEnrolled,
          instructors: r.instructors,
          skipped: r.skipped,
        }),
      });
    } catch (err) {
      if (!(err instanceof RosterError)) throw err;
      c.var.deps.logger.warn({ reqId: c.var.requestId, err: err.message }, 'roster sync failed');
      return renderCohort(c, { ok: false, text: t('lti.roster.failed', { error: err.message }) });
    }
  });

  return app;
}
