import { inTransaction, type Db } from '../../db/client.js';
import type { HoursRules } from '../../catalog/index.js';
import type { Cohort } from '../../institutions/index.js';
import { remoteCredit, type Interval, type RemoteCredit } from '../rules/intervals.js';
import { extendPresence, insertPresence, lastPresence, type ClassSession } from '../store.js';
import { presenceIntervals } from '../classes/store.js';
import { settleClassCredit, type AttendanceEvents, type EvidenceSource } from '../classes/credit.js';

// Remote attendance: the platform's own evidence (the trainee pressed "join" and kept the session
// page open, which sends a beat about every 30 s) and imported meeting exports, both stored as
// intervals; the credit is remoteCredit over their union.

export type PresenceStep = { kind: 'ignore' } | { kind: 'extend'; id: number; endAt: number } | { kind: 'start'; startAt: number; endAt: number };

/**
 * What one beat at `at` (server time) does to the trainee's latest platform interval. A beat up to
 * `idleMs` after the latest one extends it; a longer silence means the trainee was away, so a new
 * interval starts. Times are clipped to the session window; beats more than `idleMs` before the
 * start or after the end say nothing about the session and are ignored.
 */
export function presenceStep(last: { id: number; endAt: number } | undefined, at: number, window: Interval, idleMs: number): PresenceStep {
  if (at < window.start - idleMs || at >= window.end + idleMs) return { kind: 'ignore' };
  const clipped = Math.min(Math.max(at, window.start), window.end);
  if (last && at - last.endAt <= idleMs) {
    return clipped > last.endAt ? { kind: 'extend', id: last.id, endAt: clipped } : { kind: 'ignore' };
  }
  // A zero-length interval at the end would credit nothing and never be extended.
  if (clipped >= window.end) return { kind: 'ignore' };
  return { kind: 'start', startAt: clipped, endAt: clipped };
}

const windowOf = (s: ClassSession): Interval => ({ start: s.startsAt, end: s.endsAt });

/** The trainee's remote credit for the session from every stored interval. */
export function remoteStanding(db: Db, session: ClassSession, traineeId: number, rules: Pick<HoursRules, 'remoteFullCreditShare'>): RemoteCredit {
  return remoteCredit({ attended: presenceIntervals(db, session.id, traineeId), scheduled: windowOf(session), fullCreditShare: rules.remoteFullCreditShare });
}

type Scope = {
  session: ClassSession;
  cohort: Pick<Cohort, 'id' | 'level' | 'institutionId'>;
  rules: Pick<HoursRules, 'remoteFullCreditShare' | 'heartbeatIdleSeconds'>;
};

/** Re-derives the credit after the intervals changed and appends the ledger delta. */
export function settleRemote(
  db: Db,
  lms: AttendanceEvents,
  scope: Scope,
  traineeId: number,
  source: EvidenceSource,
  recordedBy: number | null,
  now: number,
): RemoteCredit {
  const standing = remoteStanding(db, scope.session, traineeId, scope.rules);
  settleClassCredit(
    db,
    lms,
    {
      session: scope.session,
      cohort: scope.cohort,
      traineeId,
      creditMinutes: standing.creditMinutes,
      source,
      evidence: { attendedMinutes: standing.attendedMinutes, share: Math.round(standing.share * 1000) / 1000 },
      recordedBy,
    },
    now,
  );
  return standing;
}

/** One presence beat (or the "join" press) from an enrolled trainee's session page. */
export function recordPresence(db: Db, lms: AttendanceEvents, scope: Scope, traineeId: number, now = Date.now()): RemoteCredit {
  const idleMs = scope.rules.heartbeatIdleSeconds * 1000;
  return inTransaction(db, () => {
    const step = presenceStep(lastPresence(db, scope.session.id, traineeId), now, windowOf(scope.session), idleMs);
    if (step.kind === 'extend') extendPresence(db, step.id, step.endAt);
    if (step.kind === 'start') insertPresence(db, { sessionId: scope.session.id, traineeId, startAt: step.startAt, endAt: step.endAt, source: 'platform' });
    if (step.kind === 'ignore') return remoteStanding(db, scope.session, traineeId, scope.rules);
    return settleRemote(db, lms, scope, traineeId, 'heartbeat', null, now);
  });
}

/**
 * Stores an imported export's intervals (already matched to trainees, see remote-import.ts),
 * clipped to the session window, and settles each trainee's credit: all of it or none of it.
 */
export function importPresence(
  db: Db,
  lms: AttendanceEvents,
  scope: Scope,
  byTrainee: ReadonlyMap<number, readonly Interval[]>,
  actorId: number,
  now = Date.now(),
): Map<number, RemoteCredit> {
  const window = windowOf(scope.session);
  return inTransaction(db, () => {
    const out = new Map<number, RemoteCredit>();
    for (const [traineeId, intervals] of byTrainee) {
      for (const i of intervals) {
        const startAt = Math.max(i.start, window.start);
        const endAt = Math.min(i.end, window.end);
        if (endAt > startAt) insertPresence(db, { sessionId: scope.session.id, traineeId, startAt, endAt, source: 'import' });
      }
      out.set(traineeId, settleRemote(db, lms, scope, traineeId, 'import', actorId, now));
    }
    return out;
  });
}
