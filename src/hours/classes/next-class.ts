import type { Db } from '../../db/client.js';
import { traineeClasses, type ClassSession } from '../store.js';
import { isWithinCheckInWindow } from '../rules/attendance.js';

// The one class a trainee's home shows: the session of their cohorts that is running now or
// starts next, and whether its check-in (face-to-face) is open at this moment.

export type NextClass = {
  session: ClassSession;
  running: boolean;
  /** Face-to-face only: the check-in window (15 minutes before the start until the end) is open. */
  checkInOpen: boolean;
};

export function nextClass(db: Db, traineeId: number, now = Date.now()): NextClass | undefined {
  const session = traineeClasses(db, traineeId).find((s) => s.endsAt > now); // ordered by start
  if (!session) return undefined;
  return {
    session,
    running: session.startsAt <= now,
    checkInOpen: session.mode === 'faceToFace' && isWithinCheckInWindow(now, { start: session.startsAt, end: session.endsAt }),
  };
}
