import { and, asc, desc, eq, gt, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { attendanceMarks, classSessions, enrolments, hourEntries, remotePresence } from '../db/schema.js';
import type { AttendanceMark, ClassSession } from './store.js';

// Queries of the class-session feature (face-to-face and remote) that store.ts does not have.
// Nothing here decides access or credit; see session-access.ts and session-credit.ts.

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
export function creditedBySession(db: Db, sessionId: number): Map<number, number> {
  const rows = db
    .select({ traineeId: hourEntries.traineeId, minutes: sql<number>`sum(${hourEntries.minutes})` })
    .from(hourEntries)
    .where(eq(hourEntries.sessionId, sessionId))
    .groupBy(hourEntries.traineeId)
    .all();
  return new Map(rows.map((r) => [r.traineeId, r.minutes]));
}

/** The newest mark of one trainee for a session (marks are appended, never changed). */
export function currentMark(db: Db, sessionId: number, traineeId: number): AttendanceMark | undefined {
  return db
    .select()
    .from(attendanceMarks)
    .where(and(eq(attendanceMarks.sessionId, sessionId), eq(attendanceMarks.traineeId, traineeId)))
    .orderBy(desc(attendanceMarks.id))
    .get();
}

/** Every presence interval of one trainee in a session, platform and imported alike. */
export function presenceIntervals(db: Db, sessionId: number, traineeId: number): { start: number; end: number }[] {
  return prepared(db, 'sessions.presenceIntervals', (d) =>
    d
      .select({ start: remotePresence.startAt, end: remotePresence.endAt })
      .from(remotePresence)
      .where(and(eq(remotePresence.sessionId, sql.placeholder('sessionId')), eq(remotePresence.traineeId, sql.placeholder('traineeId'))))
      .orderBy(asc(remotePresence.startAt))
      .prepare(),
  ).all({ sessionId, traineeId });
}

/**
 * Face-to-face sessions of the trainee's cohorts whose check-in window contains `at`
 * (start − opensBeforeMs ≤ at < end), soonest first.
 */
export function openCheckInSessions(db: Db, traineeId: number, at: number, opensBeforeMs: number): ClassSession[] {
  return db
    .select({ s: classSessions })
    .from(classSessions)
    .innerJoin(enrolments, eq(enrolments.cohortId, classSessions.cohortId))
    .where(
      and(
        eq(enrolments.userId, traineeId),
        eq(classSessions.mode, 'faceToFace'),
        lte(classSessions.startsAt, at + opensBeforeMs),
        gt(classSessions.endsAt, at),
      ),
    )
    .orderBy(asc(classSessions.startsAt), asc(classSessions.id))
    .all()
    .map((r) => r.s);
}
