// Self-study time from heartbeats. An open, active lesson page sends a beat about every 30 s; the
// server stamps each beat with its own clock (`at`) and credits the real time elapsed since the
// trainee's previous beat from any tab or lesson. Client timestamps are never used: a forged or
// replayed beat can at most credit time that really passed on the server.

export interface HeartbeatLimits {
  /** A gap longer than this means the reader was away: credit nothing and start afresh. */
  idleLimitMs: number;
  /** Upper bound on what one beat can credit. */
  maxCreditMs: number;
}

export const DEFAULT_HEARTBEAT_LIMITS: Readonly<HeartbeatLimits> = Object.freeze({
  idleLimitMs: 90_000,
  maxCreditMs: 60_000,
});

/** Per trainee, not per lesson or tab: that is what keeps two tabs from doubling the time. */
export type HeartbeatState = { readonly lastBeatAt: number; readonly lessonKey: string } | null;

export interface Heartbeat {
  /** Server receive time, epoch ms. */
  at: number;
  lessonKey: string;
}

export interface HeartbeatCredit {
  creditMs: number;
  /** The lesson the credit belongs to: always the beat's own lesson. */
  lessonKey: string;
  next: HeartbeatState;
}

/**
 * Credits one beat. The elapsed time since the previous beat goes to this beat's lesson, capped at
 * `maxCreditMs`; a gap over `idleLimitMs` credits 0 and restarts; a beat at or before the last one
 * (replay, duplicate, out of order) credits 0 and leaves the state as it was.
 */
export function creditHeartbeat(state: HeartbeatState, beat: Heartbeat, limits: HeartbeatLimits = DEFAULT_HEARTBEAT_LIMITS): HeartbeatCredit {
  checkLimits(limits);
  const { at, lessonKey } = beat;
  if (!Number.isFinite(at)) {
    return { creditMs: 0, lessonKey, next: state };
  }
  const started: HeartbeatState = { lastBeatAt: at, lessonKey };
  if (state === null) {
    return { creditMs: 0, lessonKey, next: started };
  }
  const gapMs = at - state.lastBeatAt;
  if (gapMs <= 0) {
    return { creditMs: 0, lessonKey, next: state };
  }
  if (gapMs > limits.idleLimitMs) {
    return { creditMs: 0, lessonKey, next: started };
  }
  return { creditMs: Math.min(gapMs, limits.maxCreditMs), lessonKey, next: started };
}

function checkLimits(limits: HeartbeatLimits): void {
  const { idleLimitMs, maxCreditMs } = limits;
  if (!(Number.isFinite(idleLimitMs) && idleLimitMs >= 0)) {
    throw new RangeError(`idleLimitMs must be a non-negative number, got ${idleLimitMs}`);
  }
  if (!(Number.isFinite(maxCreditMs) && maxCreditMs >= 0)) {
    throw new RangeError(`maxCreditMs must be a non-negative number, got ${maxCreditMs}`);
  }
}
