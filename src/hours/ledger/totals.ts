import { and, eq, gt, inArray, isNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import { cohortMemberIds, traineeCohortIds } from '../../institutions/index.js';
import { classSessions, hourEntries } from '../schema.js';
import type { StudyMode } from '../rules/requirements.js';

// The one place hours are totalled. Every sum of the ledger (hour_entries) that a page, a
// certificate, an export or a report shows comes from here, so they all apply the same clock:
// a row counts from `effectiveAt`, and a class's rows only once the class has ended.

export type LevelId = (typeof hourEntries.$inferSelect)['level'];
export type MinutesByMode = Record<StudyMode, number>;

export const emptyMinutes = (): MinutesByMode => ({ faceToFace: 0, remote: 0, selfStudy: 0 });

/**
 * The instant a ledger row starts to count towards a trainee's hours. A class credits time that has
 * passed first: every row of a session (check-in, roster, presence, import, a correction of it)
 * counts from the session's end, never while it is still running; any other row from when it was
 * recorded. Sessions are never rescheduled, so a row's instant never moves.
 */
// Both tables named in full: drizzle writes a one-table query's columns without their table, and
// the subquery's columns must not bind to the wrong side.
export const effectiveAt: SQL<number> = sql<number>`max("hour_entries"."recorded_at", coalesce((select "cs"."ends_at" from "class_sessions" as "cs" where "cs"."id" = "hour_entries"."session_id"), 0))`;

/** Rows that count at `now` (a number or a prepared statement's placeholder). Every hours total filters on it. */
export const countsAt = (now: unknown): SQL => sql`${effectiveAt} <= ${now}`;

const minutesSum = sql<number>`sum(${hourEntries.minutes})`;

function addByMode(out: Map<number, MinutesByMode>, key: number, mode: StudyMode, minutes: number): void {
  const m = out.get(key) ?? emptyMinutes();
  m[mode] += minutes;
  out.set(key, m);
}

// --- one trainee -------------------------------------------------------------------------------

/** Sum of minutes per (level, mode) for one trainee, of the rows that count at `now`. */
export function traineeMinutes(db: Db, traineeId: number, now: number) {
  return prepared(db, 'hours.traineeMinutes', (d) =>
    d
      .select({ level: hourEntries.level, mode: hourEntries.mode, minutes: minutesSum })
      .from(hourEntries)
      .where(and(eq(hourEntries.traineeId, sql.placeholder('traineeId')), countsAt(sql.placeholder('now'))))
      .groupBy(hourEntries.level, hourEntries.mode)
      .prepare(),
  ).all({ traineeId, now });
}

/**
 * Minutes by level and mode for one trainee, summed from the ledger rows that count at `now`:
 * a class session still running credits nothing yet (effectiveAt).
 */
export function traineeMinutesByLevel(db: Db, traineeId: number, now = Date.now()): Map<LevelId, MinutesByMode> {
  const out = new Map<LevelId, MinutesByMode>();
  for (const row of traineeMinutes(db, traineeId, now)) {
    const m = out.get(row.level) ?? emptyMinutes();
    m[row.mode] += row.minutes;
    out.set(row.level, m);
  }
  return out;
}

/** Minutes per course a trainee earned at a level, counting at `now` (assistant-level credit, certificate lines). */
export function traineeCourseMinutes(db: Db, traineeId: number, level: LevelId, now: number) {
  return db
    .select({ courseSlug: hourEntries.courseSlug, minutes: minutesSum })
    .from(hourEntries)
    .where(and(eq(hourEntries.traineeId, traineeId), eq(hourEntries.level, level), countsAt(now)))
    .groupBy(hourEntries.courseSlug)
    .all();
}

/**
 * When the trainee's credited learning at a level happened, as counted at `now`: the start of each
 * class session whose rows (corrections of it included) credit more than 0 minutes, and the time of
 * each positive self-study row. Not when ledger rows were written (a roster taken a week late is
 * still that day's class), and not corrections made without a session: those are paperwork, and
 * carry no date of learning.
 */
export function learningSpan(db: Db, traineeId: number, level: LevelId, now: number): { first: number | null; last: number | null } {
  const sessionDays = db
    .select({ at: sql<number>`min(${classSessions.startsAt})`.as('at') })
    .from(hourEntries)
    .innerJoin(classSessions, eq(classSessions.id, hourEntries.sessionId))
    .where(and(eq(hourEntries.traineeId, traineeId), eq(hourEntries.level, level), countsAt(now)))
    .groupBy(hourEntries.sessionId)
    .having(sql`sum(${hourEntries.minutes}) > 0`)
    .all();
  const studyDays = db
    .select({ first: sql<number | null>`min(${hourEntries.recordedAt})`, last: sql<number | null>`max(${hourEntries.recordedAt})` })
    .from(hourEntries)
    .where(
      and(
        eq(hourEntries.traineeId, traineeId),
        eq(hourEntries.level, level),
        isNull(hourEntries.sessionId),
        ne(hourEntries.source, 'correction'),
        gt(hourEntries.minutes, 0),
        lte(hourEntries.recordedAt, now),
      ),
    )
    .get();
  const days = [...sessionDays.map((r) => r.at), studyDays?.first, studyDays?.last].filter((d): d is number => typeof d === 'number');
  return days.length === 0 ? { first: null, last: null } : { first: Math.min(...days), last: Math.max(...days) };
}

/**
 * Class sessions of the trainee's cohorts at a level that have ended (held), and how many of them
 * credited the trainee any minutes (attended), whatever the evidence (roster, check-in, remote).
 */
export function classCounts(db: Db, traineeId: number, level: LevelId, now: number): { held: number; attended: number } {
  const held = db
    .select({ id: classSessions.id })
    .from(classSessions)
    .where(and(inArray(classSessions.cohortId, traineeCohortIds(db, traineeId, level)), lte(classSessions.endsAt, now)));
  const credited = db
    .select({ sessionId: hourEntries.sessionId })
    .from(hourEntries)
    .where(and(eq(hourEntries.traineeId, traineeId), eq(hourEntries.level, level), inArray(hourEntries.sessionId, held), countsAt(now)))
    .groupBy(hourEntries.sessionId)
    .having(sql`sum(${hourEntries.minutes}) > 0`)
    .all();
  return { held: held.all().length, attended: credited.length };
}

// --- a whole cohort ----------------------------------------------------------------------------

/** Minutes by mode per trainee enrolled in a cohort, at the cohort's level, counting at `now`. */
export function cohortMinutesByTrainee(db: Db, cohortId: number, level: LevelId, now: number): Map<number, MinutesByMode> {
  const rows = db
    .select({ traineeId: hourEntries.traineeId, mode: hourEntries.mode, minutes: minutesSum })
    .from(hourEntries)
    .where(and(eq(hourEntries.level, level), inArray(hourEntries.traineeId, cohortMemberIds(db, cohortId)), countsAt(now)))
    .groupBy(hourEntries.traineeId, hourEntries.mode)
    .all();
  const out = new Map<number, MinutesByMode>();
  for (const row of rows) addByMode(out, row.traineeId, row.mode, row.minutes);
  return out;
}

/**
 * Minutes per (trainee, course) at `level` for everyone in a cohort, limited to `courses` (the
 * assistant-level credit courses), of the rows that count at `now`. One grouped query for the whole cohort.
 */
export function cohortCourseMinutes(db: Db, cohortId: number, level: LevelId, courses: readonly string[], now: number) {
  if (courses.length === 0) return [];
  return db
    .select({ traineeId: hourEntries.traineeId, courseSlug: hourEntries.courseSlug, minutes: minutesSum })
    .from(hourEntries)
    .where(
      and(
        eq(hourEntries.level, level),
        inArray(hourEntries.courseSlug, [...courses]),
        inArray(hourEntries.traineeId, cohortMemberIds(db, cohortId)),
        countsAt(now),
      ),
    )
    .groupBy(hourEntries.traineeId, hourEntries.courseSlug)
    .all();
}

export type Window = {
  cohortId: number;
  level: LevelId;
  /** Only rows this institution recorded (the programme office's bundle); all rows when absent. */
  institutionId?: number;
  fromMs: number;
  toMs: number;
  now: number;
};

/**
 * Minutes by mode per trainee of the cohort, from ledger rows at the cohort's level that came to
 * count in [fromMs, toMs) and by `now` (corrections included, as the ledger sums them; a class
 * session's rows count from its end). Trainees with no such row are absent from the map.
 */
export function cohortMinutesInWindow(db: Db, w: Window): Map<number, MinutesByMode> {
  const rows = db
    .select({ traineeId: hourEntries.traineeId, mode: hourEntries.mode, minutes: minutesSum })
    .from(hourEntries)
    .where(
      and(
        eq(hourEntries.level, w.level),
        inArray(hourEntries.traineeId, cohortMemberIds(db, w.cohortId)),
        w.institutionId === undefined ? undefined : eq(hourEntries.institutionId, w.institutionId),
        sql`${effectiveAt} >= ${w.fromMs}`,
        sql`${effectiveAt} < ${w.toMs}`,
        countsAt(w.now),
      ),
    )
    .groupBy(hourEntries.traineeId, hourEntries.mode)
    .all();
  const out = new Map<number, MinutesByMode>();
  for (const row of rows) addByMode(out, row.traineeId, row.mode, row.minutes);
  return out;
}

// --- one class session -------------------------------------------------------------------------

/** The key of a (session, trainee) pair in the maps below. */
export const classTraineeKey = (sessionId: number, traineeId: number) => `${sessionId}:${traineeId}`;

/**
 * Minutes the ledger credits each trainee for each of these sessions, of the rows that came to
 * count before `cutoffMs` and by `now` (nothing while a session is still running), keyed
 * classTraineeKey.
 */
export function classMinutes(db: Db, sessionIds: readonly number[], cutoffMs: number, now: number): Map<string, number> {
  if (sessionIds.length === 0) return new Map();
  const rows = db
    .select({ sessionId: hourEntries.sessionId, traineeId: hourEntries.traineeId, minutes: minutesSum })
    .from(hourEntries)
    .where(and(inArray(hourEntries.sessionId, [...sessionIds]), sql`${effectiveAt} < ${cutoffMs}`, countsAt(now)))
    .groupBy(hourEntries.sessionId, hourEntries.traineeId)
    .all();
  return new Map(rows.map((r) => [classTraineeKey(r.sessionId!, r.traineeId), r.minutes]));
}

/**
 * What the session's own evidence (roster, check-in, heartbeats, imports) has credited a trainee:
 * every entry for the session except admin corrections, which stay additive on top.
 */
export function evidenceCredited(db: Db, sessionId: number, traineeId: number): number {
  return (
    db
      .select({ minutes: sql<number>`coalesce(sum(${hourEntries.minutes}), 0)` })
      .from(hourEntries)
      .where(and(eq(hourEntries.sessionId, sessionId), eq(hourEntries.traineeId, traineeId), ne(hourEntries.source, 'correction')))
      .get()?.minutes ?? 0
  );
}

/** Ledger total per trainee for one session, corrections included (what the trainee holds). */
export function creditedByClass(db: Db, sessionId: number): Map<number, number> {
  const rows = db
    .select({ traineeId: hourEntries.traineeId, minutes: minutesSum })
    .from(hourEntries)
    .where(eq(hourEntries.sessionId, sessionId))
    .groupBy(hourEntries.traineeId)
    .all();
  return new Map(rows.map((r) => [r.traineeId, r.minutes]));
}
