import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv, CurrentUser } from '../env.js';
import type { Db } from '../db/client.js';
import { findCohort, isAssignedInstructor, type Cohort } from '../institutions/index.js';
import { canManageCohort, canTeachCohort, canViewCohort } from './policy.js';

export type CohortEnv = AppEnv;

/** view: see it; manage: change it (admin); teach: run its class sessions (admin or assigned instructor). */
export type CohortAccessMode = 'view' | 'manage' | 'teach';

/**
 * Throws unless the user may reach the cohort in this mode. Someone outside the cohort's
 * institution gets 404 — the same answer as for a cohort that does not exist, so ids of other
 * institutions' cohorts cannot be probed. Shared by cohortAccess and hours/classes/access.ts.
 */
export function assertCohortAccess(db: Db, user: CurrentUser, cohort: Cohort, mode: CohortAccessMode): void {
  const assigned = () => user.role === 'instructor' && isAssignedInstructor(db, cohort.id, user.id);
  const allowed =
    mode === 'manage' ? canManageCohort(user, cohort) : mode === 'teach' ? canTeachCohort(user, cohort, assigned()) : canViewCohort(user, cohort, assigned());
  if (!allowed) {
    // Same institution but not allowed (e.g. an unassigned instructor): 403; otherwise hide it.
    throw new HTTPException(user.institutionId === cohort.institutionId || user.role === 'office' ? 403 : 404);
  }
}

/** The one place that decides whether the current user may reach the route's `:cohortId`. */
export function cohortAccess(mode: CohortAccessMode): MiddlewareHandler<CohortEnv> {
  return async function cohortAccess(c, next) {
    const user = c.var.user;
    const id = Number(c.req.param('cohortId'));
    if (!user || !Number.isSafeInteger(id)) throw new HTTPException(404);
    const cohort = findCohort(c.var.deps.db, id);
    if (!cohort) throw new HTTPException(404);
    assertCohortAccess(c.var.deps.db, user, cohort, mode);
    c.set('cohort', cohort);
    await next();
  };
}
