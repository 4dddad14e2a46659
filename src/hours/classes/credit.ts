import type { Db } from '../../db/client.js';
import type { Cohort } from '../../institutions/index.js';
import { appendEntry } from '../ledger/ledger.js';
import type { ClassSession, HourEntry } from '../store.js';
import { evidenceCredited } from '../ledger/totals.js';
import type { LmsEvents } from '../../lms/index.js';

// One rule for every class session, whatever the evidence (roster, check-in, heartbeats, import):
// the ledger for (session, trainee) always adds up to what the evidence now credits. Each change
// appends the difference; rows are never edited, so the history of changes stays readable.

/** The LMS hook attendance credit reports to (the app's `deps.lms`). */
export type AttendanceEvents = Pick<LmsEvents, 'onSessionAttended'>;

export type EvidenceSource = 'roster' | 'check-in' | 'heartbeat' | 'import';

/** The session's length in whole minutes (what "present" credits). */
export function scheduledMinutes(session: Pick<ClassSession, 'startsAt' | 'endsAt'>): number {
  return Math.max(0, Math.floor((session.endsAt - session.startsAt) / 60_000));
}

export type SettleInput = {
  session: ClassSession;
  cohort: Pick<Cohort, 'id' | 'level' | 'institutionId'>;
  traineeId: number;
  /** What the evidence credits now, whole minutes. */
  creditMinutes: number;
  source: EvidenceSource;
  evidence: Record<string, unknown>;
  recordedBy: number | null;
};

/**
 * Appends (credit − what earlier evidence credited) for the trainee, or nothing when that is 0.
 * Admin corrections are left out of the sum: they stay on top of whatever the roster says later.
 * Call inside the transaction that records the evidence, so both land or neither does.
 */
export function settleClassCredit(db: Db, lms: AttendanceEvents, input: SettleInput, now: number): HourEntry | null {
  const delta = input.creditMinutes - evidenceCredited(db, input.session.id, input.traineeId);
  if (delta === 0) return null;
  lms.onSessionAttended(db, input, now); // xAPI 'attended' when the credit becomes or changes to > 0
  return appendEntry(db, {
    traineeId: input.traineeId,
    institutionId: input.cohort.institutionId,
    cohortId: input.cohort.id,
    level: input.cohort.level,
    courseSlug: input.session.courseSlug,
    lessonSlug: null,
    sessionId: input.session.id,
    mode: input.session.mode,
    minutes: delta,
    source: input.source,
    // What the evidence credits in total, so the ledger can say "计 90 分钟" beside a delta.
    evidence: { ...input.evidence, creditMinutes: input.creditMinutes },
    recordedBy: input.recordedBy,
    recordedAt: now,
    correctsId: null,
    reason: null,
  });
}
