// The rule of a lease (a background loop run by one process of several, ops/lease.ts), apart from
// its storage. A process may take the lease when nobody holds it, when it holds it already (a
// renewal), or when the holder let it expire — killed, hung, or shut down and released it.

export type LeaseRow = { holder: string; expiresAt: number };

export function mayTake(current: LeaseRow | undefined, me: string, now: number): boolean {
  return current === undefined || current.holder === me || current.expiresAt <= now;
}

/**
 * How long a lease lasts, given how often its loop ticks: three ticks, so one slow or missed tick
 * does not hand the loop over, and never less than `floorMs`. A killed leader's work is picked up
 * by another process at most this long (plus one tick) after its last renewal.
 */
export function leaseTtl(everyMs: number, floorMs = 0): number {
  return Math.max(3 * everyMs, floorMs);
}

/** A holder is `host:pid:random` (ops/lease.ts). */
export function parseHolder(holder: string): { host: string; pid: number } | null {
  const m = /^(.*):(\d+):[0-9a-f]+$/.exec(holder);
  return m ? { host: m[1]!, pid: Number(m[2]) } : null;
}

/**
 * Whether a holder is known dead without waiting for its lease to expire: it ran on this host and
 * its pid is no living process, or its pid is ours (a restarted container's process 1) yet it is
 * not us. Then a restarted single server sweeps at once, as before leases. Elsewhere: unknown.
 */
export function holderGone(holder: string, me: string, here: { host: string; pid: number }, isAlive: (pid: number) => boolean): boolean {
  if (holder === me) return false;
  const h = parseHolder(holder);
  if (!h || h.host !== here.host) return false;
  return h.pid === here.pid || !isAlive(h.pid);
}
