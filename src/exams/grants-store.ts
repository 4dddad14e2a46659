// Extra time (e.g. for an accessibility need): queries for granting it and for adding it to a
// deadline. Read at every start, so the sum is a prepared statement.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { personContacts, scopedPersonIds, type TraineeScope } from '../institutions/index.js';
import { GRACE_MS } from './clock.js';
import { examAttempts, extraTimeGrants } from './schema.js';

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
    .where(
      and(
        eq(examAttempts.traineeId, traineeId),
        eq(examAttempts.examKey, examKey),
        eq(examAttempts.status, 'open'),
        sql`${examAttempts.deadlineAt} >= ${now - GRACE_MS}`,
      ),
    )
    .run();
  return res.changes > 0;
}

/** The latest grants to trainees in the scope, with the trainee's name and e-mail. */
export function scopedGrants(db: Db, scope: TraineeScope, limit = 200) {
  const rows = db
    .select({
      id: extraTimeGrants.id,
      traineeId: extraTimeGrants.traineeId,
      examKey: extraTimeGrants.examKey,
      extraMinutes: extraTimeGrants.extraMinutes,
      reason: extraTimeGrants.reason,
      grantedAt: extraTimeGrants.grantedAt,
    })
    .from(extraTimeGrants)
    .where(inArray(extraTimeGrants.traineeId, scopedPersonIds(db, scope)))
    .orderBy(desc(extraTimeGrants.grantedAt), desc(extraTimeGrants.id))
    .limit(limit)
    .all();
  const who = personContacts(
    db,
    rows.map((r) => r.traineeId),
  );
  return rows.flatMap(({ traineeId, ...g }) => {
    const person = who.get(traineeId);
    return person ? [{ ...g, traineeName: person.name, traineeEmail: person.email }] : [];
  });
}
