// Deadline rules. The server's clock is the only one that counts; the browser merely displays it.

/** Saves already in flight when the clock runs out still land if they arrive this soon after. */
export const GRACE_MS = 5_000;
export const MINUTE_MS = 60_000;

export function deadlineFor(startedAt: number, timeLimitMinutes: number, extraMinutes: number): number {
  return startedAt + Math.round((timeLimitMinutes + extraMinutes) * MINUTE_MS);
}

/** May an answer arriving at `now` still be stored? Untimed attempts (practice) always may. */
export function acceptsAnswers(now: number, deadlineAt: number | null): boolean {
  return deadlineAt === null || now <= deadlineAt + GRACE_MS;
}

/** Past the deadline and its grace: the attempt must be finalised with what it has. */
export function isOverdue(now: number, deadlineAt: number | null): boolean {
  return !acceptsAnswers(now, deadlineAt);
}

/** Who ended an attempt submitted by its trainee at `now`: at or after the deadline it is the clock. */
export function submitReason(now: number, deadlineAt: number | null): 'trainee' | 'deadline' {
  return deadlineAt !== null && now >= deadlineAt ? 'deadline' : 'trainee';
}

/** Milliseconds left (never negative), for display. */
export function remainingMs(now: number, deadlineAt: number): number {
  return Math.max(0, deadlineAt - now);
}
