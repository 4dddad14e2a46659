import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import {
  attendanceMarks,
  calendarFeeds,
  classSessions,
  cohorts,
  enrolments,
  hourEntries,
  lessonActivity,
  readerState,
  remotePresence,
  selfCheckAnswers,
} from '../db/schema.js';

// Every query of the hours feature. The ledger (hour_entries) is only ever inserted into.

export type HourEntry = typeof hourEntries.$inferSelect;
export type NewHourEntry = Omit<typeof hourEntries.$inferInsert, 'id'>;
export type ClassSession = typeof classSessions.$inferSelect;
export type AttendanceMark = typeof attendanceMarks.$inferSelect;
export type Mode = HourEntry['mode'];

/**
 * The instant a ledger row starts to count. Minutes of a class session are time that has to pass
 * first: every row of a session (check-in, roster, presence, import, a correction of it) counts
 * from the session's end, never while it is still running; any other row from when it was
 * recorded. Sessions are never rescheduled, so a row's instant never moves.
 */
// Both tables named in full: drizzle writes a one-table query's columns without their table, and
// the subquery's columns must not bind to the wrong side.
export const effectiveAt: SQL<number> = sql<number>`max("hour_entries"."recorded_at", coalesce((select "cs"."ends_at" from "class_sessions" as "cs" where "cs"."id" = "hour_entries"."session_id"), 0))`;

/** Rows that count at `now` (a number or a prepared statement's placeholder). Every hours total filters on it. */
export const countsAt = (now: unknown): SQL => sql`${effectiveAt} <= ${now}`;

export function insertEntry(db: Db, entry: NewHourEntry): HourEntry {
  return db.insert(hourEntries).values(entry).returning().get();
}

export function findEntry(db: Db, id: number): HourEntry | undefined {
  return db.select().from(hourEntries).where(eq(hourEntries.id, id)).get();
}

/** Sum of minutes per (level, mode) for one trainee, of the rows that count at `now`. */
export function traineeMinutes(db: Db, traineeId: number, now: number) {
  return prepared(db, 'hours.traineeMinutes', (d) =>
    d
      .select({ level: hourEntries.level, mode: hourEntries.mode, minutes: sql<number>`sum(${hourEntries.minutes})` })
      .from(hourEntries)
      .where(and(eq(hourEntries.traineeId, sql.placeholder('traineeId')), countsAt(sql.placeholder('now'))))
      .groupBy(hourEntries.level, hourEntries.mode)
      .prepare(),
  ).all({ traineeId, now });
}

/** Sum of minutes per (trainee, mode) for everyone enrolled in a cohort, at the cohort's level, counting at `now`. */
export function cohortMinutes(db: Db, cohortId: number, level: HourEntry['level'], now: number) {
  return db
    .select({ traineeId: hourEntries.traineeId, mode: hourEntries.mode, minutes: sql<number>`sum(${hourEntries.minutes})` })
    .from(hourEntries)
    .where(
      and(
        eq(hourEntries.level, level),
        inArray(hourEntries.traineeId, db.select({ id: enrolments.userId }).from(enrolments).where(eq(enrolments.cohortId, cohortId))),
        countsAt(now),
      ),
    )
    .groupBy(hourEntries.traineeId, hourEntries.mode)
    .all();
}

/** Minutes per course a trainee earned at a level, counting at `now` (assistant-level credit, certificate lines). */
export function traineeCourseMinutes(db: Db, traineeId: number, level: HourEntry['level'], now: number) {
  return db
    .select({ courseSlug: hourEntries.courseSlug, minutes: sql<number>`sum(${hourEntries.minutes})` })
    .from(hourEntries)
    .where(and(eq(hourEntries.traineeId, traineeId), eq(hourEntries.level, level), countsAt(now)))
    .groupBy(hourEntries.courseSlug)
    .all();
}

export function traineeEntries(db: Db, traineeId: number): HourEntry[] {
  return db.select().from(hourEntries).where(eq(hourEntries.traineeId, traineeId)).orderBy(desc(hourEntries.recordedAt), desc(hourEntries.id)).all();
}

export function lessonCredited(db: Db, traineeId: number, courseSlug: string, lessonSlug: string): boolean {
  return (
    prepared(db, 'hours.lessonCredited', (d) =>
      d
        .select({ one: sql`1` })
        .from(hourEntries)
        .where(
          and(
            eq(hourEntries.traineeId, sql.placeholder('traineeId')),
            eq(hourEntries.courseSlug, sql.placeholder('courseSlug')),
            eq(hourEntries.lessonSlug, sql.placeholder('lessonSlug')),
            eq(hourEntries.mode, 'selfStudy'),
            eq(hourEntries.source, 'heartbeat'),
          ),
        )
        .prepare(),
    ).get({ traineeId, courseSlug, lessonSlug }) !== undefined
  );
}

// --- self-study -------------------------------------------------------------------------------

export function getReaderState(db: Db, traineeId: number) {
  return prepared(db, 'hours.getReaderState', (d) =>
    d.select().from(readerState).where(eq(readerState.traineeId, sql.placeholder('traineeId'))).prepare(),
  ).get({ traineeId });
}

export function putReaderState(db: Db, traineeId: number, lessonKey: string, lastBeatAt: number): void {
  prepared(db, 'hours.putReaderState', (d) =>
    d
      .insert(readerState)
      .values({ traineeId: sql.placeholder('traineeId'), lessonKey: sql.placeholder('lessonKey'), lastBeatAt: sql.placeholder('lastBeatAt') })
      .onConflictDoUpdate({ target: readerState.traineeId, set: { lessonKey: sql`excluded.lesson_key`, lastBeatAt: sql`excluded.last_beat_at` } })
      .prepare(),
  ).run({ traineeId, lessonKey, lastBeatAt });
}

export function addActiveTime(db: Db, traineeId: number, courseSlug: string, lessonSlug: string, ms: number, at: number): void {
  prepared(db, 'hours.addActiveTime', (d) =>
    d
      .insert(lessonActivity)
      .values({
        traineeId: sql.placeholder('traineeId'),
        courseSlug: sql.placeholder('courseSlug'),
        lessonSlug: sql.placeholder('lessonSlug'),
        activeMs: sql.placeholder('ms'),
        firstAt: sql.placeholder('at'),
        lastAt: sql.placeholder('at'),
      })
      .onConflictDoUpdate({
        target: [lessonActivity.traineeId, lessonActivity.courseSlug, lessonActivity.lessonSlug],
        set: { activeMs: sql`${lessonActivity.activeMs} + excluded.active_ms`, lastAt: sql`excluded.last_at` },
      })
      .prepare(),
  ).run({ traineeId, courseSlug, lessonSlug, ms, at });
}

export function getActivity(db: Db, traineeId: number, courseSlug: string, lessonSlug: string) {
  return prepared(db, 'hours.getActivity', (d) =>
    d
      .select()
      .from(lessonActivity)
      .where(
        and(
          eq(lessonActivity.traineeId, sql.placeholder('traineeId')),
          eq(lessonActivity.courseSlug, sql.placeholder('courseSlug')),
          eq(lessonActivity.lessonSlug, sql.placeholder('lessonSlug')),
        ),
      )
      .prepare(),
  ).get({ traineeId, courseSlug, lessonSlug });
}

export function markLessonCompleted(db: Db, traineeId: number, courseSlug: string, lessonSlug: string, at: number): void {
  db.update(lessonActivity)
    .set({ completedAt: at })
    .where(and(eq(lessonActivity.traineeId, traineeId), eq(lessonActivity.courseSlug, courseSlug), eq(lessonActivity.lessonSlug, lessonSlug)))
    .run();
}

/** The lesson the trainee read last (its newest heartbeat), if any. */
export function lastActivity(db: Db, traineeId: number) {
  return db.select().from(lessonActivity).where(eq(lessonActivity.traineeId, traineeId)).orderBy(desc(lessonActivity.lastAt)).limit(1).get();
}

/** Lessons whose self-study hours the ledger holds for this trainee, as `course/lesson` keys. */
export function creditedLessonKeys(db: Db, traineeId: number): Set<string> {
  const rows = db
    .selectDistinct({ courseSlug: hourEntries.courseSlug, lessonSlug: hourEntries.lessonSlug })
    .from(hourEntries)
    .where(and(eq(hourEntries.traineeId, traineeId), eq(hourEntries.mode, 'selfStudy'), eq(hourEntries.source, 'heartbeat')))
    .all();
  return new Set(rows.map((r) => `${r.courseSlug}/${r.lessonSlug}`));
}

export function traineeActivity(db: Db, traineeId: number) {
  return db.select().from(lessonActivity).where(eq(lessonActivity.traineeId, traineeId)).all();
}

export function saveSelfCheckAnswer(db: Db, row: typeof selfCheckAnswers.$inferInsert): void {
  db.insert(selfCheckAnswers)
    .values(row)
    .onConflictDoUpdate({
      target: [selfCheckAnswers.traineeId, selfCheckAnswers.courseSlug, selfCheckAnswers.lessonSlug, selfCheckAnswers.questionId],
      set: { answer: row.answer, correct: row.correct, answeredAt: row.answeredAt },
    })
    .run();
}

export function answeredSelfChecks(db: Db, traineeId: number, courseSlug: string, lessonSlug: string): Set<string> {
  const rows = prepared(db, 'hours.answeredSelfChecks', (d) =>
    d
      .select({ id: selfCheckAnswers.questionId })
      .from(selfCheckAnswers)
      .where(
        and(
          eq(selfCheckAnswers.traineeId, sql.placeholder('traineeId')),
          eq(selfCheckAnswers.courseSlug, sql.placeholder('courseSlug')),
          eq(selfCheckAnswers.lessonSlug, sql.placeholder('lessonSlug')),
        ),
      )
      .prepare(),
  ).all({ traineeId, courseSlug, lessonSlug });
  return new Set(rows.map((r) => r.id));
}

// --- enrolments as the hours feature needs them ----------------------------------------------

/** The trainee's cohorts, newest first, with their level and institution. */
export function traineeCohorts(db: Db, traineeId: number) {
  return prepared(db, 'hours.traineeCohorts', (d) =>
    d
      .select({ id: cohorts.id, level: cohorts.level, institutionId: cohorts.institutionId, name: cohorts.name, startsOn: cohorts.startsOn, endsOn: cohorts.endsOn })
      .from(enrolments)
      .innerJoin(cohorts, eq(cohorts.id, enrolments.cohortId))
      .where(eq(enrolments.userId, sql.placeholder('traineeId')))
      .orderBy(desc(cohorts.startsOn), desc(cohorts.id))
      .prepare(),
  ).all({ traineeId });
}

export function isEnrolled(db: Db, cohortId: number, traineeId: number): boolean {
  return db.select({ one: sql`1` }).from(enrolments).where(and(eq(enrolments.cohortId, cohortId), eq(enrolments.userId, traineeId))).get() !== undefined;
}

// --- class sessions ---------------------------------------------------------------------------

export function insertSession(db: Db, row: Omit<typeof classSessions.$inferInsert, 'id'>): ClassSession {
  return db.insert(classSessions).values(row).returning().get();
}

export function findSession(db: Db, id: number): ClassSession | undefined {
  return db.select().from(classSessions).where(eq(classSessions.id, id)).get();
}

export function cohortSessions(db: Db, cohortId: number, range?: { from: number; to: number }): ClassSession[] {
  const where = range
    ? and(eq(classSessions.cohortId, cohortId), gte(classSessions.startsAt, range.from), lte(classSessions.startsAt, range.to))
    : eq(classSessions.cohortId, cohortId);
  return db.select().from(classSessions).where(where).orderBy(asc(classSessions.startsAt), asc(classSessions.id)).all();
}

export function traineeSessions(db: Db, traineeId: number): ClassSession[] {
  return db
    .select({ s: classSessions })
    .from(classSessions)
    .innerJoin(enrolments, eq(enrolments.cohortId, classSessions.cohortId))
    .where(eq(enrolments.userId, traineeId))
    .orderBy(asc(classSessions.startsAt))
    .all()
    .map((r) => r.s);
}

export function insertMark(db: Db, row: Omit<typeof attendanceMarks.$inferInsert, 'id'>): AttendanceMark {
  return db.insert(attendanceMarks).values(row).returning().get();
}

/** The newest mark per trainee for a session (the current roster status). */
export function currentMarks(db: Db, sessionId: number): Map<number, AttendanceMark> {
  const rows = db.select().from(attendanceMarks).where(eq(attendanceMarks.sessionId, sessionId)).orderBy(asc(attendanceMarks.id)).all();
  return new Map(rows.map((r) => [r.traineeId, r]));
}

/** Newest marks for every session of a cohort, keyed `${sessionId}:${traineeId}`. */
export function cohortMarks(db: Db, cohortId: number): Map<string, AttendanceMark> {
  const rows = db
    .select({ m: attendanceMarks })
    .from(attendanceMarks)
    .innerJoin(classSessions, eq(classSessions.id, attendanceMarks.sessionId))
    .where(eq(classSessions.cohortId, cohortId))
    .orderBy(asc(attendanceMarks.id))
    .all();
  return new Map(rows.map(({ m }) => [`${m.sessionId}:${m.traineeId}`, m]));
}

export function insertPresence(db: Db, row: Omit<typeof remotePresence.$inferInsert, 'id'>): void {
  db.insert(remotePresence).values(row).run();
}

export function lastPresence(db: Db, sessionId: number, traineeId: number) {
  return db
    .select()
    .from(remotePresence)
    .where(and(eq(remotePresence.sessionId, sessionId), eq(remotePresence.traineeId, traineeId), eq(remotePresence.source, 'platform')))
    .orderBy(desc(remotePresence.endAt))
    .get();
}

export function extendPresence(db: Db, id: number, endAt: number): void {
  db.update(remotePresence).set({ endAt }).where(eq(remotePresence.id, id)).run();
}

// --- calendar feeds ---------------------------------------------------------------------------

export function insertFeed(db: Db, row: typeof calendarFeeds.$inferInsert): void {
  db.insert(calendarFeeds).values(row).run();
}

export function findFeed(db: Db, tokenHash: string) {
  return db.select().from(calendarFeeds).where(eq(calendarFeeds.tokenHash, tokenHash)).get();
}
