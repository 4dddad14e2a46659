// Face-to-face attendance: the roster status an instructor records → credited minutes, the status
// a check-in time implies, and when the check-in window is open.

export type RosterStatus = 'present' | 'late' | 'leftEarly' | 'excused' | 'absent';

export const ROSTER_STATUSES: readonly RosterStatus[] = ['present', 'late', 'leftEarly', 'excused', 'absent'];

export type RosterCreditError =
  | { code: 'invalidScheduledMinutes'; scheduledMinutes: number }
  | { code: 'minutesRequired'; status: 'late' | 'leftEarly' }
  | { code: 'minutesNotInteger'; minutes: number }
  | { code: 'minutesOutOfRange'; minutes: number; min: 0; max: number };

export type RosterCreditResult = { ok: true; creditMinutes: number } | { ok: false; error: RosterCreditError };

export interface RosterCreditInput {
  scheduledMinutes: number;
  /** Minutes late (late) or minutes left early (leftEarly); required for those two statuses. */
  minutes?: number | null;
}

/**
 * present → scheduled; late / leftEarly → scheduled − minutes; excused / absent → 0. Minutes, when
 * given, must be a whole number in 0..scheduledMinutes for any status (a typed error otherwise).
 */
export function rosterCredit(status: RosterStatus, input: RosterCreditInput): RosterCreditResult {
  const { scheduledMinutes } = input;
  const minutes = input.minutes ?? null;
  if (!(Number.isInteger(scheduledMinutes) && scheduledMinutes >= 0)) {
    return fail({ code: 'invalidScheduledMinutes', scheduledMinutes });
  }
  if (minutes !== null) {
    if (!Number.isInteger(minutes)) return fail({ code: 'minutesNotInteger', minutes });
    if (minutes < 0 || minutes > scheduledMinutes) {
      return fail({ code: 'minutesOutOfRange', minutes, min: 0, max: scheduledMinutes });
    }
  }
  switch (status) {
    case 'present':
      return ok(scheduledMinutes);
    case 'late':
    case 'leftEarly':
      if (minutes === null) return fail({ code: 'minutesRequired', status });
      return ok(Math.max(0, scheduledMinutes - minutes));
    case 'excused':
    case 'absent':
      return ok(0);
  }
}

export interface ClassTimes {
  start: number;
  end: number;
}

export type CheckInStatus = { status: 'present' } | { status: 'late'; minutes: number };

export const DEFAULT_GRACE_MS = 5 * 60_000;
export const DEFAULT_OPENS_BEFORE_MS = 15 * 60_000;

/**
 * Present when checked in no later than start + grace. After that, late by the minutes since the
 * session's start (not since the end of the grace period), rounded up, and never more than the
 * session's whole minutes — so the result always fits rosterCredit's range.
 */
export function checkInStatus(checkInAt: number, session: ClassTimes, graceMs: number = DEFAULT_GRACE_MS): CheckInStatus {
  checkClassTimes(session);
  if (!Number.isFinite(checkInAt)) throw new RangeError(`checkInAt must be a finite time, got ${checkInAt}`);
  if (!(Number.isFinite(graceMs) && graceMs >= 0)) throw new RangeError(`graceMs must be non-negative, got ${graceMs}`);
  if (checkInAt <= session.start + graceMs) return { status: 'present' };
  const classMinutes = Math.floor((session.end - session.start) / 60_000);
  const minutes = Math.min(Math.ceil((checkInAt - session.start) / 60_000), classMinutes);
  return { status: 'late', minutes };
}

/** The window [start − opensBeforeMs, end): opens 15 minutes early, closes when the session ends. */
export function isWithinCheckInWindow(at: number, session: ClassTimes, options: { opensBeforeMs?: number } = {}): boolean {
  checkClassTimes(session);
  const opensBeforeMs = options.opensBeforeMs ?? DEFAULT_OPENS_BEFORE_MS;
  if (!(Number.isFinite(opensBeforeMs) && opensBeforeMs >= 0)) {
    throw new RangeError(`opensBeforeMs must be non-negative, got ${opensBeforeMs}`);
  }
  return Number.isFinite(at) && at >= session.start - opensBeforeMs && at < session.end;
}

function checkClassTimes(session: ClassTimes): void {
  if (!(Number.isFinite(session.start) && Number.isFinite(session.end) && session.end > session.start)) {
    throw new RangeError(`session must have finite start < end, got [${session.start}, ${session.end})`);
  }
}

function ok(creditMinutes: number): RosterCreditResult {
  return { ok: true, creditMinutes };
}

function fail(error: RosterCreditError): RosterCreditResult {
  return { ok: false, error };
}
