import { and, asc, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import { traineeCohortIds } from '../../institutions/index.js';
import { attendanceMarks, classSessions, remotePresence } from '../schema.js';
import type { AttendanceMark, ClassSession } from '../store.js';

// Queries of the class-session feature (face-to-face and remote) that store.ts does not have.
// Nothing here decides access or credit; see access.ts and credit.ts.

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
export function openCheckInClasses(db: Db, traineeId: number, at: number, opensBeforeMs: number): ClassSession[] {
  return db
    .select({ s: classSessions })
    .from(classSessions)
    .where(
      and(
        inArray(classSessions.cohortId, traineeCohortIds(db, traineeId)),
        eq(classSessions.mode, 'faceToFace'),
        lte(classSessions.startsAt, at + opensBeforeMs),
        gt(classSessions.endsAt, at),
      ),
    )
    .orderBy(asc(classSessions.startsAt), asc(classSessions.id))
    .all()
    .map((r) => r.s);
}
