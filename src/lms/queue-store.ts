import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, lte, max, min, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { attemptIdsInCohorts, attemptOrigins } from '../exams/index.js';
import { personNames } from '../institutions/index.js';
import { ltiGradeSync, ltiPlatforms, xapiQueue } from './schema.js';

// The two durable work queues: scores for LMS gradebooks (lti_grade_sync) and xAPI statements for
// the LRS (xapi_queue). Rows are written inside the request (a single insert) and sent later by the
// workers, so a slow or absent LMS/LRS never holds up a page.

export type GradeRow = typeof ltiGradeSync.$inferSelect;
export type GradeStatus = GradeRow['status'];

/** Queues a score unless this attempt's score is already queued for this line item. */
export function queueGrade(
  db: Db,
  row: Pick<GradeRow, 'platformId' | 'attemptId' | 'lineItemUrl' | 'userSubject' | 'scoreGiven' | 'scoreMaximum'>,
  now: number,
): boolean {
  const existing = db
    .select({ id: ltiGradeSync.id })
    .from(ltiGradeSync)
    .where(and(eq(ltiGradeSync.attemptId, row.attemptId), eq(ltiGradeSync.lineItemUrl, row.lineItemUrl)))
    .get();
  if (existing) return false;
  db.insert(ltiGradeSync)
    .values({ ...row, status: 'pending', tries: 0, nextTryAt: now })
    .run();
  return true;
}

export function dueGrades(db: Db, now: number, limit = 20) {
  const grades = db
    .select()
    .from(ltiGradeSync)
    .where(and(eq(ltiGradeSync.status, 'pending'), lte(ltiGradeSync.nextTryAt, now)))
    .orderBy(asc(ltiGradeSync.nextTryAt), asc(ltiGradeSync.id))
    .limit(limit)
    .all();
  // The attempt's submission time is the score's timestamp (attempts are never deleted).
  const attempts = attemptOrigins(
    db,
    grades.map((g) => g.attemptId),
  );
  return grades.flatMap((grade) => {
    const attempt = attempts.get(grade.attemptId);
    return attempt ? [{ grade, submittedAt: attempt.submittedAt }] : [];
  });
}

export function markGradeSent(db: Db, id: number, now: number): void {
  db.update(ltiGradeSync).set({ status: 'sent', sentAt: now, lastError: null }).where(eq(ltiGradeSync.id, id)).run();
}

export function markGradeFailure(db: Db, id: number, f: { tries: number; nextTryAt: number; error: string; giveUp: boolean }): void {
  db.update(ltiGradeSync)
    .set({ tries: f.tries, nextTryAt: f.nextTryAt, lastError: f.error.slice(0, 500), status: f.giveUp ? 'failed' : 'pending' })
    .where(eq(ltiGradeSync.id, id))
    .run();
}

/** An admin's or instructor's "try again" on a failed score: back to pending, due now. */
export function retryGrade(db: Db, id: number, now: number): boolean {
  return (
    db
      .update(ltiGradeSync)
      .set({ status: 'pending', tries: 0, nextTryAt: now })
      .where(and(eq(ltiGradeSync.id, id), eq(ltiGradeSync.status, 'failed')))
      .run().changes > 0
  );
}

export type GradeListRow = GradeRow & { traineeName: string; examKey: string; cohortId: number | null; institutionId: number; platformName: string };

/** Scores of an institution's platforms, newest first; narrowed to some cohorts for instructors. */
export function listGrades(db: Db, institutionId: number, cohortIds?: number[], limit = 200): GradeListRow[] {
  const conds = [eq(ltiPlatforms.institutionId, institutionId)];
  if (cohortIds) conds.push(cohortIds.length ? inArray(ltiGradeSync.attemptId, attemptIdsInCohorts(db, cohortIds)) : sql`0`);
  const rows = db
    .select({ grade: ltiGradeSync, institutionId: ltiPlatforms.institutionId, platformName: ltiPlatforms.name })
    .from(ltiGradeSync)
    .innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiGradeSync.platformId))
    .where(and(...conds))
    .orderBy(desc(ltiGradeSync.id))
    .limit(limit)
    .all();
  const attempts = attemptOrigins(
    db,
    rows.map((r) => r.grade.attemptId),
  );
  const names = personNames(db, [...new Set([...attempts.values()].map((a) => a.traineeId))]);
  return rows.flatMap((r) => {
    const attempt = attempts.get(r.grade.attemptId);
    const traineeName = attempt && names.get(attempt.traineeId);
    if (!attempt || traineeName === undefined) return [];
    return [{ ...r.grade, traineeName, examKey: attempt.examKey, cohortId: attempt.cohortId, institutionId: r.institutionId, platformName: r.platformName }];
  });
}

export function findGradeScope(db: Db, id: number) {
  const row = db
    .select({ id: ltiGradeSync.id, attemptId: ltiGradeSync.attemptId, institutionId: ltiPlatforms.institutionId })
    .from(ltiGradeSync)
    .innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiGradeSync.platformId))
    .where(eq(ltiGradeSync.id, id))
    .get();
  const attempt = row && attemptOrigins(db, [row.attemptId]).get(row.attemptId);
  return row && attempt ? { id: row.id, institutionId: row.institutionId, cohortId: attempt.cohortId } : undefined;
}

// --- xAPI -------------------------------------------------------------------------------------

export type StatementRow = typeof xapiQueue.$inferSelect;

export function enqueueStatement(db: Db, id: string, statement: unknown, now: number, notBefore = now): void {
  // The id is a fresh UUID; "do nothing" on conflict only guards a caller that retries its insert.
  db.insert(xapiQueue)
    .values({ id, statement, createdAt: now, tries: 0, nextTryAt: Math.max(now, notBefore) })
    .onConflictDoNothing()
    .run();
}

/** Takes back a statement that has not been sent yet (a held one the facts have since changed). */
export function withdrawUnsentStatement(db: Db, id: string): void {
  db.delete(xapiQueue)
    .where(and(eq(xapiQueue.id, id), isNull(xapiQueue.sentAt)))
    .run();
}

export function dueStatements(db: Db, now: number, limit: number): StatementRow[] {
  return db
    .select()
    .from(xapiQueue)
    .where(and(isNull(xapiQueue.sentAt), lte(xapiQueue.nextTryAt, now)))
    .orderBy(asc(xapiQueue.createdAt), asc(xapiQueue.id))
    .limit(limit)
    .all();
}

export function markStatementsSent(db: Db, ids: string[], now: number): void {
  if (ids.length) db.update(xapiQueue).set({ sentAt: now, lastError: null }).where(inArray(xapiQueue.id, ids)).run();
}

export function markStatementRetry(db: Db, ids: string[], f: { nextTryAt: (tries: number) => number; error: string }): void {
  if (!ids.length) return;
  // One statement per update so each keeps its own tries count and backoff.
  for (const row of db.select({ id: xapiQueue.id, tries: xapiQueue.tries }).from(xapiQueue).where(inArray(xapiQueue.id, ids)).all()) {
    const tries = row.tries + 1;
    db.update(xapiQueue)
      .set({ tries, nextTryAt: f.nextTryAt(tries), lastError: f.error.slice(0, 500) })
      .where(eq(xapiQueue.id, row.id))
      .run();
  }
}

export function xapiSummary(db: Db) {
  const pending = db
    .select({ n: count(), oldest: min(xapiQueue.createdAt) })
    .from(xapiQueue)
    .where(isNull(xapiQueue.sentAt))
    .get();
  const sent = db
    .select({ n: count(), last: max(xapiQueue.sentAt) })
    .from(xapiQueue)
    .where(isNotNull(xapiQueue.sentAt))
    .get();
  const lastError = db
    .select({ error: xapiQueue.lastError })
    .from(xapiQueue)
    .where(and(isNull(xapiQueue.sentAt), isNotNull(xapiQueue.lastError)))
    .orderBy(desc(xapiQueue.nextTryAt))
    .get()?.error;
  return {
    pending: pending?.n ?? 0,
    oldestPendingAt: pending?.oldest ?? null,
    sent: sent?.n ?? 0,
    lastSentAt: sent?.last ?? null,
    lastError: lastError ?? null,
  };
}

/** Sent statements are the LRS's now; keep a week here for the status line, then drop them. */
export function purgeSentStatements(db: Db, before: number): void {
  db.delete(xapiQueue)
    .where(and(isNotNull(xapiQueue.sentAt), lt(xapiQueue.sentAt, before)))
    .run();
}
