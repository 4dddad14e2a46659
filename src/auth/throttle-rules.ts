// Pure rules for login throttling, kept apart from storage so they are easy to test.

export type Counter = { failures: number; windowStart: number; lockedUntil: number | null };
export type Limits = { maxFailures: number; windowMs: number; lockMs: number };

/** Per account: 5 wrong passwords in 15 minutes lock the account's logins for 15 minutes. */
export const ACCOUNT_LIMITS: Limits = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** Per IP: 20 failures in 15 minutes (many accounts from one place) lock that IP for 15 minutes. */
export const IP_LIMITS: Limits = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Milliseconds until the lock lifts, or 0 when not locked. */
export function lockRemaining(counter: Counter | undefined, now: number): number {
  if (!counter?.lockedUntil) return 0;
  return Math.max(0, counter.lockedUntil - now);
}

export function recordFailure(counter: Counter | undefined, limits: Limits, now: number): Counter {
  const fresh = !counter || now - counter.windowStart >= limits.windowMs;
  const failures = fresh ? 1 : counter.failures + 1;
  const windowStart = fresh ? now : counter.windowStart;
  const lockedUntil = failures >= limits.maxFailures ? now + limits.lockMs : null;
  return { failures, windowStart, lockedUntil };
}

/** Hands back one reserved failure (the attempt turned out to be the right password). */
export function releaseFailure(counter: Counter, limits: Limits, now: number): Counter {
  if (now - counter.windowStart >= limits.windowMs) return counter;
  const failures = Math.max(0, counter.failures - 1);
  // A lock set by this very reservation is lifted with it; an earlier lock stays.
  const lockedUntil = failures >= limits.maxFailures ? counter.lockedUntil : counter.failures === limits.maxFailures ? null : counter.lockedUntil;
  return { failures, windowStart: counter.windowStart, lockedUntil };
}
