// Whose exam records a member of staff may see and act on (README, "Roles and who sees what"):
// the institution's admin, every trainee of the institution; an instructor, the trainees enrolled
// in the cohorts they are assigned to, plus attempts sat in those cohorts (so a trainee who has
// since left the cohort still shows in its analytics and their attempt opens from there). The
// office supervises cohorts but has no exam pages. The decision is auth/policy.ts's
// canTeachCohort; this file only gathers the facts it needs.
import type { CurrentUser } from '../env.js';
import type { Db } from '../db/client.js';
import { canTeachCohort } from '../auth/index.js';
import { isAssignedInstructor, teachesTrainee, type TraineeScope } from '../institutions/index.js';

/** undefined: this user reaches no trainee at all. */
export function staffScope(user: CurrentUser): TraineeScope | undefined {
  if (user.institutionId === null) return undefined;
  if (user.role === 'admin') return { institutionId: user.institutionId };
  if (user.role === 'instructor') return { institutionId: user.institutionId, instructorId: user.id };
  return undefined;
}

/**
 * May this staff user see (and, for extra time, act on) this trainee's exam records?
 * `attemptCohortId` is the cohort an attempt was sat in, when the question is about one attempt.
 */
export function reachesTrainee(db: Db, user: CurrentUser, trainee: { id: number; institutionId: number }, attemptCohortId: number | null = null): boolean {
  const assigned =
    user.role === 'instructor' &&
    user.institutionId === trainee.institutionId &&
    (teachesTrainee(db, user.id, trainee.institutionId, trainee.id) || (attemptCohortId !== null && isAssignedInstructor(db, attemptCohortId, user.id)));
  return canTeachCohort(user, { institutionId: trainee.institutionId }, assigned);
}
