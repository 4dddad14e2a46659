// Every query of scheduled sittings: the sittings, their attempts, the integrity signals and the
// page tokens seen on an attempt. Always scoped to the institution as well as the cohort.
import { and, asc, desc, eq, gte, inArray, isNotNull, max, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { attemptAnswers, attemptPresence, attemptSignals, examAttempts, examSittings } from '../schema.js';

export type SittingRow = typeof examSittings.$inferSelect;
export type NewSitting = Omit<typeof examSittings.$inferInsert, 'id'>;
export type SignalKind = (typeof attemptSignals.$inferSelect)['kind'];
export type SignalRow = { attemptId: number; kind: SignalKind; at: number; awayMs: number | null; detail: string | null };

export function insertSitting(db: Db, row: NewSitting): number {
  return db.insert(examSittings).values(row).returning({ id: examSittings.id }).get().id;
}

export function findSitting(db: Db, id: number): SittingRow | undefined {
  return db.select().from(examSittings).where(eq(examSittings.id, id)).get();
}

/** A cohort's sittings, the latest opening first. */
export function cohortSittings(db: Db, cohort: { id: number; institutionId: number }): SittingRow[] {
  return db
    .select()
    .from(examSittings)
    .where(and(eq(examSittings.cohortId, cohort.id), eq(examSittings.institutionId, cohort.institutionId)))
    .orderBy(desc(examSittings.opensAt), desc(examSittings.id))
    .all();
}

/** Sittings of these cohorts whose window has not closed before `since`, soonest first. */
export function sittingsOfCohorts(db: Db, cohortIds: readonly number[], since: number): SittingRow[] {
  if (cohortIds.length === 0) return [];
  return db
    .select()
    .from(examSittings)
    .where(and(inArray(examSittings.cohortId, [...cohortIds]), gte(examSittings.closesAt, since)))
    .orderBy(asc(examSittings.opensAt), asc(examSittings.id))
    .all();
}

export type SittingAttempt = {
  id: number;
  traineeId: number;
  status: 'open' | 'submitted';
  startedAt: number;
  deadlineAt: number | null;
  submittedAt: number | null;
  submittedBy: string | null;
  score: number | null;
  maxScore: number | null;
  passed: boolean | null;
};

/** The attempts sat in a sitting, oldest first. */
export function sittingAttempts(db: Db, sitting: { id: number; institutionId: number }): SittingAttempt[] {
  return db
    .select({
      id: examAttempts.id,
      traineeId: examAttempts.traineeId,
      status: examAttempts.status,
      startedAt: examAttempts.startedAt,
      deadlineAt: examAttempts.deadlineAt,
      submittedAt: examAttempts.submittedAt,
      submittedBy: examAttempts.submittedBy,
      score: examAttempts.score,
      maxScore: examAttempts.maxScore,
      passed: examAttempts.passed,
    })
    .from(examAttempts)
    .where(and(eq(examAttempts.sittingId, sitting.id), eq(examAttempts.institutionId, sitting.institutionId)))
    .orderBy(asc(examAttempts.startedAt), asc(examAttempts.id))
    .all();
}

/** The trainee's latest attempt in the sitting. */
export function traineeSittingAttempt(db: Db, sittingId: number, traineeId: number) {
  return db
    .select({ id: examAttempts.id, status: examAttempts.status, deadlineAt: examAttempts.deadlineAt })
    .from(examAttempts)
    .where(and(eq(examAttempts.sittingId, sittingId), eq(examAttempts.traineeId, traineeId)))
    .orderBy(desc(examAttempts.id))
    .limit(1)
    .get();
}

/** The latest deadline among the sitting's attempts still running (null when none is). */
export function latestDeadline(db: Db, sittingId: number): number | null {
  return (
    db
      .select({ d: max(examAttempts.deadlineAt) })
      .from(examAttempts)
      .where(and(eq(examAttempts.sittingId, sittingId), eq(examAttempts.status, 'open')))
      .get()?.d ?? null
  );
}

/** Per attempt: how many answers are filled in, and when the last save arrived. */
export function answerProgress(db: Db, attemptIds: readonly number[]): Map<number, { answered: number; lastSaveAt: number | null }> {
  if (attemptIds.length === 0) return new Map();
  return new Map(
    db
      .select({
        attemptId: attemptAnswers.attemptId,
        answered: sql<number>`sum(case when ${attemptAnswers.answer} <> '' then 1 else 0 end)`,
        last: max(attemptAnswers.savedAt),
      })
      .from(attemptAnswers)
      .where(inArray(attemptAnswers.attemptId, [...attemptIds]))
      .groupBy(attemptAnswers.attemptId)
      .all()
      .map((r) => [r.attemptId, { answered: Number(r.answered ?? 0), lastSaveAt: r.last ?? null }]),
  );
}

// --- signals ------------------------------------------------------------------------------------

export function insertSignal(db: Db, row: SignalRow): void {
  db.insert(attemptSignals).values(row).run();
}

export function signalsOf(db: Db, attemptIds: readonly number[]): SignalRow[] {
  if (attemptIds.length === 0) return [];
  return db
    .select({
      attemptId: attemptSignals.attemptId,
      kind: attemptSignals.kind,
      at: attemptSignals.at,
      awayMs: attemptSignals.awayMs,
      detail: attemptSignals.detail,
    })
    .from(attemptSignals)
    .where(inArray(attemptSignals.attemptId, [...attemptIds]))
    .orderBy(asc(attemptSignals.at), asc(attemptSignals.id))
    .all();
}

/** The latest 'away' or 'back' of an attempt (is the page away now, and since when). */
export function lastAwayOrBack(db: Db, attemptId: number): { kind: SignalKind; at: number } | undefined {
  return db
    .select({ kind: attemptSignals.kind, at: attemptSignals.at })
    .from(attemptSignals)
    .where(and(eq(attemptSignals.attemptId, attemptId), inArray(attemptSignals.kind, ['away', 'back'])))
    .orderBy(desc(attemptSignals.at), desc(attemptSignals.id))
    .limit(1)
    .get();
}

export function departureTotals(db: Db, attemptId: number): { departures: number; awayMs: number } {
  const row = db
    .select({
      departures: sql<number>`sum(case when ${attemptSignals.kind} = 'away' then 1 else 0 end)`,
      awayMs: sql<number>`coalesce(sum(${attemptSignals.awayMs}), 0)`,
    })
    .from(attemptSignals)
    .where(eq(attemptSignals.attemptId, attemptId))
    .get();
  return { departures: Number(row?.departures ?? 0), awayMs: Number(row?.awayMs ?? 0) };
}

// --- page tokens --------------------------------------------------------------------------------

/** Records that this page token reported now; returns whether it was new for the attempt. */
export function touchPresence(db: Db, attemptId: number, token: string, now: number): boolean {
  const res = db
    .insert(attemptPresence)
    .values({ attemptId, token, firstSeenAt: now, lastSeenAt: now })
    .onConflictDoUpdate({ target: [attemptPresence.attemptId, attemptPresence.token], set: { lastSeenAt: now } })
    .returning({ first: attemptPresence.firstSeenAt })
    .get();
  return res.first === now;
}

/** Other tokens of the attempt seen since `since`. */
export function otherActiveTokens(db: Db, attemptId: number, token: string, since: number): number {
  return db
    .select({ token: attemptPresence.token })
    .from(attemptPresence)
    .where(and(eq(attemptPresence.attemptId, attemptId), gte(attemptPresence.lastSeenAt, since), sql`${attemptPresence.token} <> ${token}`))
    .all().length;
}

export function lastPresence(db: Db, attemptIds: readonly number[]): Map<number, number> {
  if (attemptIds.length === 0) return new Map();
  return new Map(
    db
      .select({ attemptId: attemptPresence.attemptId, last: max(attemptPresence.lastSeenAt) })
      .from(attemptPresence)
      .where(and(inArray(attemptPresence.attemptId, [...attemptIds]), isNotNull(attemptPresence.lastSeenAt)))
      .groupBy(attemptPresence.attemptId)
      .all()
      .map((r) => [r.attemptId, r.last ?? 0]),
  );
}

/** Sittings by id (for the trainee's attempts: which ones are in a sitting whose review is not open yet). */
export function sittingsById(db: Db, ids: readonly number[]): Map<number, SittingRow> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select()
      .from(examSittings)
      .where(inArray(examSittings.id, [...new Set(ids)]))
      .all()
      .map((s) => [s.id, s]),
  );
}
