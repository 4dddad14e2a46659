// Half-open time intervals [start, end) in epoch ms, and remote-session credit from the join/leave
// rows a video platform reports. Rows overlap (reconnects, two devices) and may spill outside the
// scheduled session; only the union of attended time inside the schedule counts.

export interface Interval {
  start: number;
  end: number;
}

const MINUTE_MS = 60_000;

/**
 * Sorted, disjoint union of the intervals. Overlapping, nested and touching intervals
 * ([0, 5) and [5, 10)) join; empty or inverted rows (end ≤ start) and non-finite ones are dropped.
 */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const valid = list
    .filter((i) => Number.isFinite(i.start) && Number.isFinite(i.end) && i.end > i.start)
    .map((i) => ({ start: i.start, end: i.end }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Interval[] = [];
  for (const next of valid) {
    const last = out[out.length - 1];
    if (last && next.start <= last.end) {
      last.end = Math.max(last.end, next.end);
    } else {
      out.push(next);
    }
  }
  return out;
}

/** Milliseconds of the window covered by the intervals, each instant counted once. */
export function overlapMs(intervals: readonly Interval[], window: Interval): number {
  if (!(window.end > window.start)) return 0;
  let total = 0;
  for (const i of mergeIntervals(intervals)) {
    const start = Math.max(i.start, window.start);
    const end = Math.min(i.end, window.end);
    if (end > start) total += end - start;
  }
  return total;
}

export interface RemoteCreditInput {
  attended: readonly Interval[];
  scheduled: Interval;
  /** Attending at least this share of the schedule credits the whole session. */
  fullCreditShare?: number;
}

export interface RemoteCredit {
  /** Union of attended time inside the schedule, floored to whole minutes. */
  attendedMinutes: number;
  /** The schedule's length, floored to whole minutes. */
  scheduledMinutes: number;
  /** attended ms ÷ scheduled ms, unrounded, 0..1. */
  share: number;
  /** scheduledMinutes when share ≥ fullCreditShare, otherwise attendedMinutes. */
  creditMinutes: number;
}

export const DEFAULT_FULL_CREDIT_SHARE = 0.8;

export function remoteCredit(input: RemoteCreditInput): RemoteCredit {
  const { attended, scheduled } = input;
  const fullCreditShare = input.fullCreditShare ?? DEFAULT_FULL_CREDIT_SHARE;
  if (!(Number.isFinite(scheduled.start) && Number.isFinite(scheduled.end) && scheduled.end >= scheduled.start)) {
    throw new RangeError(`scheduled must be a finite interval with end ≥ start, got [${scheduled.start}, ${scheduled.end})`);
  }
  if (!(Number.isFinite(fullCreditShare) && fullCreditShare >= 0 && fullCreditShare <= 1)) {
    throw new RangeError(`fullCreditShare must be between 0 and 1, got ${fullCreditShare}`);
  }
  const scheduledMs = scheduled.end - scheduled.start;
  if (scheduledMs === 0) {
    return { attendedMinutes: 0, scheduledMinutes: 0, share: 0, creditMinutes: 0 };
  }
  const attendedMs = overlapMs(attended, scheduled);
  const attendedMinutes = Math.floor(attendedMs / MINUTE_MS);
  const scheduledMinutes = Math.floor(scheduledMs / MINUTE_MS);
  const share = attendedMs / scheduledMs;
  // Compare in ms with a hair of tolerance so that exactly 80 % is never lost to binary rounding.
  const full = attendedMs >= fullCreditShare * scheduledMs - 1e-6;
  return { attendedMinutes, scheduledMinutes, share, creditMinutes: full ? scheduledMinutes : attendedMinutes };
}
