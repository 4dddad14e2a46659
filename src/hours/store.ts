import { and, asc, desc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { traineeCohortIds } from '../institutions/index.js';
import { attendanceMarks, calendarFeeds, classSessions, hourEntries, lessonActivity, readerState, remotePresence, selfCheckAnswers } from './schema.js';

// Every query of the hours feature. The ledger (hour_entries) is only ever inserted into.

export type HourEntry = typeof hourEntries.$inferSelect;
export type NewHourEntry = Omit<typeof hourEntries.$inferInsert, 'id'>;
export type ClassSession = typeof classSessions.$inferSelect;
export type AttendanceMark = typeof attendanceMarks.$inferSelect;
export type Mode = HourEntry['mode'];

export function insertEntry(db: Db, entry: NewHourEntry): HourEntry {
  return db.insert(hourEntries).values(entry).returning().get();
}

export function findEntry(db: Db, id: number): HourEntry | undefined {
  return db.select().from(hourEntries).where(eq(hourEntries.id, id)).get();
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
    d
      .select()
      .from(readerState)
      .where(eq(readerState.traineeId, sql.placeholder('traineeId')))
      .prepare(),
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
  return prepared(db, 'hours.lastActivity', (d) =>
    d
      .select()
      .from(lessonActivity)
      .where(eq(lessonActivity.traineeId, sql.placeholder('traineeId')))
      .orderBy(desc(lessonActivity.lastAt))
      .limit(1)
      .prepare(),
  ).get({ traineeId });
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

/** The latest answer replaces the previous one; a wrong one also adds to the misses, which stay. */
export function saveSelfCheckAnswer(db: Db, row: Omit<typeof selfCheckAnswers.$inferInsert, 'misses' | 'lastMissedAt'>): void {
  const missed = !row.correct;
  db.insert(selfCheckAnswers)
    .values({ ...row, misses: missed ? 1 : 0, lastMissedAt: missed ? row.answeredAt : null })
    .onConflictDoUpdate({
      target: [selfCheckAnswers.traineeId, selfCheckAnswers.courseSlug, selfCheckAnswers.lessonSlug, selfCheckAnswers.questionId],
      set: {
        answer: row.answer,
        correct: row.correct,
        answeredAt: row.answeredAt,
        ...(missed ? { misses: sql`${selfCheckAnswers.misses} + 1`, lastMissedAt: row.answeredAt } : {}),
      },
    })
    .run();
}

/** Self-check questions the trainee ever answered wrongly, newest miss first (the 错题本's lesson part). */
export function missedSelfChecks(db: Db, traineeId: number) {
  return db
    .select({
      courseSlug: selfCheckAnswers.courseSlug,
      lessonSlug: selfCheckAnswers.lessonSlug,
      questionId: selfCheckAnswers.questionId,
      misses: selfCheckAnswers.misses,
      lastMissedAt: selfCheckAnswers.lastMissedAt,
      correctNow: selfCheckAnswers.correct,
    })
    .from(selfCheckAnswers)
    .where(and(eq(selfCheckAnswers.traineeId, traineeId), sql`${selfCheckAnswers.misses} > 0`))
    .orderBy(desc(selfCheckAnswers.lastMissedAt))
    .all()
    .map((r) => ({ ...r, lastMissedAt: r.lastMissedAt ?? 0 }));
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

// --- class sessions ---------------------------------------------------------------------------

export function insertClass(db: Db, row: Omit<typeof classSessions.$inferInsert, 'id'>): ClassSession {
  return db.insert(classSessions).values(row).returning().get();
}

export function findClass(db: Db, id: number): ClassSession | undefined {
  return db.select().from(classSessions).where(eq(classSessions.id, id)).get();
}

export function cohortClasses(db: Db, cohortId: number, range?: { from: number; to: number }): ClassSession[] {
  const where = range
    ? and(eq(classSessions.cohortId, cohortId), gte(classSessions.startsAt, range.from), lte(classSessions.startsAt, range.to))
    : eq(classSessions.cohortId, cohortId);
  return db.select().from(classSessions).where(where).orderBy(asc(classSessions.startsAt), asc(classSessions.id)).all();
}

/** The cohort's class sessions starting in [fromMs, toMs), in time order. */
export function classesStartingIn(db: Db, cohortId: number, fromMs: number, toMs: number): ClassSession[] {
  return db
    .select()
    .from(classSessions)
    .where(and(eq(classSessions.cohortId, cohortId), gte(classSessions.startsAt, fromMs), lt(classSessions.startsAt, toMs)))
    .orderBy(asc(classSessions.startsAt), asc(classSessions.id))
    .all();
}

export function traineeClasses(db: Db, traineeId: number): ClassSession[] {
  return prepared(db, 'hours.traineeClasses', (d) =>
    d
      .select({ s: classSessions })
      .from(classSessions)
      .where(inArray(classSessions.cohortId, traineeCohortIds(d, sql.placeholder('traineeId'))))
      .orderBy(asc(classSessions.startsAt))
      .prepare(),
  )
    .all({ traineeId })
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

/**
 * The newest mark recorded before `cutoffMs` per (session, trainee) of these sessions, keyed
 * `${sessionId}:${traineeId}`: the roster as it stood at the cutoff.
 */
export function marksBefore(db: Db, sessionIds: readonly number[], cutoffMs: number): Map<string, AttendanceMark> {
  if (sessionIds.length === 0) return new Map();
  const rows = db
    .select()
    .from(attendanceMarks)
    .where(and(inArray(attendanceMarks.sessionId, [...sessionIds]), lt(attendanceMarks.recordedAt, cutoffMs)))
    .orderBy(asc(attendanceMarks.id))
    .all();
  return new Map(rows.map((m) => [`${m.sessionId}:${m.traineeId}`, m]));
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
