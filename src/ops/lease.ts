import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { leases } from './schema.js';
import { holderGone, type LeaseRow } from './rules/lease.js';

// Background loops (the exam sweep, the LMS senders) run in one process of several on one database
// (WORKERS=N): each tick first takes or renews the loop's lease row, and only the holder works.
// Taking is one statement — an upsert whose WHERE is rules/lease.ts's mayTake — so two processes
// (mayTake) can never both succeed, and a killed holder's lease simply expires and the next taker wins.

/** This process's name as a lease holder: host, pid and a random part (a pid can be reused). */
export const PROCESS_HOLDER = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/** Takes (or renews) the lease `name` for `ttlMs` from now; true when this holder has it. */
export function takeLease(db: Db, name: string, holder: string, ttlMs: number, now = Date.now()): boolean {
  const stmt = prepared(db, 'ops.takeLease', (d) =>
    d.$client.prepare(
      `insert into leases (name, holder, expires_at) values (@name, @holder, @expiresAt)
       on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
       where leases.holder = excluded.holder or leases.expires_at <= @now`,
    ),
  );
  return stmt.run({ name, holder, expiresAt: now + ttlMs, now }).changes === 1;
}

/** Takes the lease from `from` only if it still holds it (a holder known dead, rules/lease.ts holderGone). */
function takeFrom(db: Db, name: string, from: string, holder: string, ttlMs: number, now: number): boolean {
  return (
    db
      .update(leases)
      .set({ holder, expiresAt: now + ttlMs })
      .where(and(eq(leases.name, name), eq(leases.holder, from)))
      .run().changes === 1
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

/** Lets go of a lease this holder has (graceful shutdown), so another process takes it on its next tick. */
export function releaseLease(db: Db, name: string, holder: string): void {
  db.update(leases)
    .set({ expiresAt: 0 })
    .where(and(eq(leases.name, name), eq(leases.holder, holder)))
    .run();
}

export function leaseRow(db: Db, name: string): LeaseRow | undefined {
  return db.select({ holder: leases.holder, expiresAt: leases.expiresAt }).from(leases).where(eq(leases.name, name)).get();
}

/** Every lease and its holder, for operators (`bcm` or a health page) and tests. */
export function allLeases(db: Db): (LeaseRow & { name: string })[] {
  return db.select().from(leases).orderBy(asc(leases.name)).all();
}

/**
 * A loop's lease for this process: `held(now)` takes or renews it and says whether to work this
 * tick; `release()` gives it up. Logs when this process becomes or stops being the holder.
 */
export function leaseFor(db: Db, name: string, ttlMs: number, log?: (msg: string) => void, holder = PROCESS_HOLDER) {
  let had = false;
  return {
    held(now = Date.now()): boolean {
      let has = takeLease(db, name, holder, ttlMs, now);
      if (!has) {
        const row = leaseRow(db, name);
        if (row && holderGone(row.holder, holder, { host: os.hostname(), pid: process.pid }, isAlive)) has = takeFrom(db, name, row.holder, holder, ttlMs, now);
      }
      if (has !== had) log?.(has ? `took the ${name} lease` : `another process holds the ${name} lease`);
      had = has;
      return has;
    },
    release(): void {
      if (had) releaseLease(db, name, holder);
      had = false;
    },
  };
}
export type Lease = ReturnType<typeof leaseFor>;
