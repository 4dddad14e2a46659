import { inTransaction, type Db } from '../../db/client.js';
import type { CurrentUser } from '../../env.js';
import { findCohort, isEnrolled, type Cohort } from '../../institutions/index.js';
import { getThrottle, putThrottle, clearThrottle, lockRemaining, recordFailure, type Limits } from '../../auth/index.js';
import { checkInStatus, DEFAULT_OPENS_BEFORE_MS, isWithinCheckInWindow, rosterCredit, type RosterCreditError, type RosterStatus } from '../rules/attendance.js';
import { verifyCheckInCode } from '../rules/checkin-code.js';
import { findClass, insertMark, type AttendanceMark, type ClassSession, type HourEntry } from '../store.js';
import { currentMark, openCheckInClasses } from '../classes/store.js';
import { scheduledMinutes, settleClassCredit, type AttendanceEvents } from '../classes/credit.js';

// Face-to-face attendance: a mark from the instructor's roster or the trainee's classroom check-in,
// and the ledger brought in line with it in the same transaction.

export type MarkInput = {
  session: ClassSession;
  cohort: Pick<Cohort, 'id' | 'level' | 'institutionId'>;
  traineeId: number;
  status: RosterStatus;
  /** Minutes late / left early; ignored for the other statuses. */
  minutes: number | null;
  note: string | null;
  source: 'roster' | 'check-in';
  recordedBy: number | null;
};

export type MarkResult = { ok: true; mark: AttendanceMark; creditMinutes: number; entry: HourEntry | null } | { ok: false; error: RosterCreditError };

const takesMinutes = (s: RosterStatus) => s === 'late' || s === 'leftEarly';

/** Appends a mark (never updates one) and the ledger delta it implies (rosterCredit). */
export function recordMark(db: Db, lms: AttendanceEvents, input: MarkInput, now = Date.now()): MarkResult {
  const minutes = takesMinutes(input.status) ? input.minutes : null;
  const credit = rosterCredit(input.status, { scheduledMinutes: scheduledMinutes(input.session), minutes });
  if (!credit.ok) return credit;
  return inTransaction(db, () => {
    const mark = insertMark(db, {
      sessionId: input.session.id,
      traineeId: input.traineeId,
      status: input.status,
      minutes: minutes ?? 0,
      note: input.note,
      source: input.source,
      recordedBy: input.recordedBy,
      recordedAt: now,
    });
    const entry = settleClassCredit(
      db,
      lms,
      {
        session: input.session,
        cohort: input.cohort,
        traineeId: input.traineeId,
        creditMinutes: credit.creditMinutes,
        source: input.source,
        evidence: { status: input.status, minutes: minutes ?? 0, markId: mark.id },
        recordedBy: input.recordedBy,
      },
      now,
    );
    return { ok: true as const, mark, creditMinutes: credit.creditMinutes, entry };
  });
}

// --- classroom check-in ------------------------------------------------------------------------

/** Ten wrong codes in ten minutes pause a trainee's check-ins for five: 2 valid codes in 10⁶ make
 * guessing hopeless at that rate, while a mistyped code or two costs nothing. */
export const CHECK_IN_LIMITS: Limits = { maxFailures: 10, windowMs: 10 * 60_000, lockMs: 5 * 60_000 };
const throttleKey = (userId: number) => `checkin:${userId}`;

export type CheckInOutcome =
  | { kind: 'recorded'; session: ClassSession; mark: AttendanceMark }
  /** The trainee already has a mark (a check-in or the instructor's roster): nothing changes. */
  | { kind: 'already'; session: ClassSession; mark: AttendanceMark }
  | { kind: 'notFound' }
  | { kind: 'notEnrolled' }
  | { kind: 'outsideWindow'; session: ClassSession | null }
  | { kind: 'wrongCode' }
  | { kind: 'locked'; minutes: number };

const window = (s: ClassSession) => ({ start: s.startsAt, end: s.endsAt });

/**
 * The session a QR code names, if this trainee may check in to it: a face-to-face session of their
 * own institution (anything else is answered like a missing one) in a cohort they are enrolled in.
 */
export function checkInTarget(
  db: Db,
  user: Pick<CurrentUser, 'id' | 'institutionId'>,
  sessionId: number,
): { kind: 'ok'; session: ClassSession } | { kind: 'notFound' } | { kind: 'notEnrolled' } {
  const session = Number.isSafeInteger(sessionId) ? findClass(db, sessionId) : undefined;
  const cohort = session && findCohort(db, session.cohortId);
  if (!session || !cohort || session.mode !== 'faceToFace' || cohort.institutionId !== user.institutionId) return { kind: 'notFound' };
  if (!isEnrolled(db, cohort.id, user.id)) return { kind: 'notEnrolled' };
  return { kind: 'ok', session };
}

/**
 * A trainee's check-in with the code on the classroom screen. With a session id (from the QR
 * code) that session is checked; without one, the trainee's sessions whose window is open now.
 * The first mark wins: a check-in never overrides an earlier check-in or the instructor's roster.
 */
export function checkIn(
  db: Db,
  lms: AttendanceEvents,
  user: Pick<CurrentUser, 'id' | 'institutionId'>,
  code: string,
  sessionId: number | null,
  now = Date.now(),
): CheckInOutcome {
  const wait = lockRemaining(getThrottle(db, throttleKey(user.id)), now);
  if (wait > 0) return { kind: 'locked', minutes: Math.ceil(wait / 60_000) };

  let candidates: ClassSession[];
  if (sessionId !== null) {
    const target = checkInTarget(db, user, sessionId);
    if (target.kind !== 'ok') return target;
    if (!isWithinCheckInWindow(now, window(target.session))) return { kind: 'outsideWindow', session: target.session };
    candidates = [target.session];
  } else {
    candidates = openCheckInClasses(db, user.id, now, DEFAULT_OPENS_BEFORE_MS);
    if (candidates.length === 0) return { kind: 'outsideWindow', session: null };
  }

  const session = candidates.find((s) => verifyCheckInCode(s.checkInSecret, code, now));
  if (!session) {
    // Read and written in one IMMEDIATE transaction: two processes (WORKERS=N) counting this
    // trainee's wrong codes at once both count. (The lock check above may let one guess per
    // other process through at the moment the lock begins; the code changes every minute anyway.)
    inTransaction(
      db,
      () => putThrottle(db, { key: throttleKey(user.id), ...recordFailure(getThrottle(db, throttleKey(user.id)), CHECK_IN_LIMITS, now) }),
      'immediate',
    );
    return { kind: 'wrongCode' };
  }
  clearThrottle(db, throttleKey(user.id));
  const cohort = findCohort(db, session.cohortId)!;
  return inTransaction(db, () => {
    // Inside the transaction, so two quick taps cannot both pass this check.
    const existing = currentMark(db, session.id, user.id);
    if (existing) return { kind: 'already' as const, session, mark: existing };
    const status = checkInStatus(now, window(session));
    const result = recordMark(
      db,
      lms,
      {
        session,
        cohort,
        traineeId: user.id,
        status: status.status,
        minutes: status.status === 'late' ? status.minutes : null,
        note: null,
        source: 'check-in',
        recordedBy: user.id,
      },
      now,
    );
    if (!result.ok) throw new Error(`check-in produced an invalid mark: ${result.error.code}`);
    return { kind: 'recorded' as const, session, mark: result.mark };
  });
}
