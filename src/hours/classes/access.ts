import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../env.js';
import { assertCohortAccess } from '../../auth/index.js';
import { findCohort, isEnrolled } from '../../institutions/index.js';
import { findClass, type ClassSession } from '../store.js';

// Routes behind classAccess carry the class session (and, as on cohort routes, its cohort). Declared
// on hono's variable map rather than as a wider env, so these routes share AppEnv (and viewContext).
declare module 'hono' {
  interface ContextVariableMap {
    /** Set by classAccess on /sessions/:sessionId routes, and only there. */
    classSession: ClassSession;
  }
}

export type ClassEnv = AppEnv;

/**
 * Loads the class session named by the route's `:sessionId`, then applies the cohort policy to
 * the session's cohort, so a session id can never reach further than its cohort id would:
 * - teach: the institution's admin or an instructor assigned to the cohort (auth/access.ts);
 * - attend: a trainee enrolled in the cohort.
 * Another institution's session answers 404 exactly like a missing one; within the institution,
 * someone without the right gets 403.
 */
export function classAccess(mode: 'teach' | 'attend'): MiddlewareHandler<ClassEnv> {
  return async function classAccess(c, next) {
    const user = c.var.user;
    const { db } = c.var.deps;
    const id = Number(c.req.param('sessionId'));
    if (!user || !Number.isSafeInteger(id)) throw new HTTPException(404);
    const session = findClass(db, id);
    const cohort = session && findCohort(db, session.cohortId);
    if (!session || !cohort) throw new HTTPException(404);
    if (mode === 'teach') {
      assertCohortAccess(db, user, cohort, 'teach');
    } else if (user.role !== 'trainee' || user.institutionId !== cohort.institutionId || !isEnrolled(db, cohort.id, user.id)) {
      throw new HTTPException(user.institutionId === cohort.institutionId || user.role === 'office' ? 403 : 404);
    }
    c.set('classSession', session);
    c.set('cohort', cohort);
    await next();
  };
}
