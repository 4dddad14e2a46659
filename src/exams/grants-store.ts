// Extra time (e.g. for an accessibility need): queries for granting it and for adding it to a
// deadline. Read at every start, so the sum is a prepared statement.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { examAttempts, extraTimeGrants, users } from '../db/schema.js';
import { GRACE_MS } from './clock.js';

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

export function institutionGrants(db: Db, institutionId: number, limit = 200) {
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
    .where(eq(users.institutionId, institutionId))
    .orderBy(desc(extraTimeGrants.grantedAt), desc(extraTimeGrants.id))
    .limit(limit)
    .all();
}

export function institutionTrainees(db: Db, institutionId: number) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.institutionId, institutionId), eq(users.role, 'trainee')))
    .orderBy(users.name, users.id)
    .all();
}

export function findTrainee(db: Db, id: number) {
  return db.select({ id: users.id, institutionId: users.institutionId }).from(users).where(and(eq(users.id, id), eq(users.role, 'trainee'))).get();
}
