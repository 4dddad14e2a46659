import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env.js';
import { findCohort, isAssignedInstructor } from '../institutions/store.js';
import { canManageCohort, canViewCohort } from './policy.js';

export type CohortEnv = AppEnv;

/**
 * The one place that decides whether the current user may reach the cohort named by the route's
 * `:cohortId`. Someone outside the cohort's institution gets 404 — the same answer as for a
 * cohort that does not exist, so ids of other institutions' cohorts cannot be probed.
 */
export function cohortAccess(mode: 'view' | 'manage'): MiddlewareHandler<CohortEnv> {
  return async function cohortAccess(c, next) {
    const user = c.var.user;
    const id = Number(c.req.param('cohortId'));
    if (!user || !Number.isSafeInteger(id)) throw new HTTPException(404);
    const cohort = findCohort(c.var.deps.db, id);
    if (!cohort) throw new HTTPException(404);
    const allowed =
      mode === 'manage'
        ? canManageCohort(user, cohort)
        : canViewCohort(user, cohort, user.role === 'instructor' && isAssignedInstructor(c.var.deps.db, cohort.id, user.id));
    if (!allowed) {
      // Same institution but not allowed (e.g. an unassigned instructor): 403; otherwise hide it.
      throw new HTTPException(user.institutionId === cohort.institutionId || user.role === 'office' ? 403 : 404);
    }
    c.set('cohort', cohort);
    await next();
  };
}
