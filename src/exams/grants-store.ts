// Extra time (e.g. for an accessibility need): queries for granting it and for adding it to a
// deadline. Read at every start, so the sum is a prepared statement.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { examAttempts, extraTimeGrants, users } from '../db/schema.js';
import { GRACE_MS } from './clock.js';
import { traineesTaughtBy, type TraineeScope } from './scope-store.js';

export function extraMinutes(db: Db, traineeId: number, examKey: string): number {
  return (
    prepared(db, 'exams.extraMinutes', (d) =>
      d
        .select({ minutes: sql<number>`coalesce(sum(${extraTimeGrants.extraMinutes}), 0)` })
        .from(extraTimeGrants)
        .where(and(eq(extraTimeGrants.traineeId, sql.placeholder('traineeId')), eq(extraTimeGrants.examKey, sql.placeholder('examKey'))))
        .prepare(),
    ).get({ traineeId, examKey })?.minutes ?? 0
  );
}

export function insertGrant(db: Db, row: Omit<typeof extraTimeGrants.$inferInsert, 'id'>): void {
  db.insert(extraTimeGrants).values(row).run();
}

/** Pushes back the deadline of the trainee's open attempt at this exam, if it is still running
 * (one already past its deadline and grace stays over: it is finalised as it stands). */
export function extendOpenAttempt(db: Db, traineeId: number, examKey: string, ms: number, now: number): boolean {
  const res = db
    .update(examAttempts)
    .set({ deadlineAt: sql`${examAttempts.deadlineAt} + ${ms}` })
    .where(and(eq(examAttempts.traineeId, traineeId), eq(examAttempts.examKey, examKey), eq(examAttempts.status, 'open'), sql`${examAttempts.deadlineAt} >= ${now - GRACE_MS}`))
    .run();
  return res.changes > 0;
}

/** Trainees in the scope: the institution's, or only those an instructor teaches. */
function inScope(db: Db, scope: TraineeScope) {
  const institution = eq(users.institutionId, scope.institutionId);
  return scope.instructorId === undefined ? institution : and(institution, inArray(users.id, traineesTaughtBy(db, scope.instructorId, scope.institutionId)));
}

/** The latest grants to trainees in the scope. */
export function scopedGrants(db: Db, scope: TraineeScope, limit = 200) {
  return db
    .select({
      id: extraTimeGrants.id,
      traineeName: users.name,
      traineeEmail: users.email,
      examKey: extraTimeGrants.examKey,
      extraMinutes: extraTimeGrants.extraMinutes,
      reason: extraTimeGrants.reason,
      grantedAt: extraTimeGrants.grantedAt,
    })
    .from(extraTimeGrants)
    .innerJoin(users, eq(users.id, extraTimeGrants.traineeId))
    .where(inScope(db, scope))
    .orderBy(desc(extraTimeGrants.grantedAt), desc(extraTimeGrants.id))
    .limit(limit)
    .all();
}

/** The trainees in the scope, for the grant form's picker. */
export function scopedTrainees(db: Db, scope: TraineeScope) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(inScope(db, scope), eq(users.role, 'trainee')))
    .orderBy(users.name, users.id)
    .all();
}

export function findTrainee(db: Db, id: number) {
  return db.select({ id: users.id, institutionId: users.institutionId }).from(users).where(and(eq(users.id, id), eq(users.role, 'trainee'))).get();
}
