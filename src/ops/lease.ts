import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { prepared } from '../db/prepared.js';
import { leases } from './schema.js';
import { leases as leasesPg } from './schema.pg.js';
import { holderGone, type LeaseRow } from './rules/lease.js';

// Background loops (the exam sweep, the LMS senders) run in one process of several on one database
// (WORKERS=N): each tick first takes or renews the loop's lease row, and only the holder works.
// Taking is one statement — an upsert whose WHERE is rules/lease.ts's mayTake — so two processes
// (mayTake) can never both succeed, and a killed holder's lease simply expires and the next taker wins.
// The same on SQLite and on PostgreSQL (db/database.ts), where that upsert is atomic too.

/** This process's name as a lease holder: host, pid and a random part (a pid can be reused). */
export const PROCESS_HOLDER = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

// The take, as one statement in each dialect: the same upsert, its WHERE the rule mayTake.
const TAKE_SQLITE = `insert into leases (name, holder, expires_at) values (@name, @holder, @expiresAt)
  on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
  where leases.holder = excluded.holder or leases.expires_at <= @now`;
const TAKE_PG = `insert into leases (name, holder, expires_at) values ($1, $2, $3)
  on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
  where leases.holder = excluded.holder or leases.expires_at <= $4`;

/** Takes (or renews) the lease `name` for `ttlMs` from now; true when this holder has it. */
export async function takeLease(database: Database, name: string, holder: string, ttlMs: number, now = Date.now()): Promise<boolean> {
  if (database.kind === 'sqlite') {
    const stmt = prepared(database.db, 'ops.takeLease', (d) => d.$client.prepare(TAKE_SQLITE));
    return stmt.run({ name, holder, expiresAt: now + ttlMs, now }).changes === 1;
  }
  // A named statement: PostgreSQL plans it once per connection.
  const result = await database.pool.query({ name: 'ops.takeLease', text: TAKE_PG, values: [name, holder, now + ttlMs, now] });
  return result.rowCount === 1;
}

/** Takes the lease from `from` only if it still holds it (a holder known dead, rules/lease.ts holderGone). */
async function takeFrom(database: Database, name: string, from: string, holder: string, ttlMs: number, now: number): Promise<boolean> {
  const set = { holder, expiresAt: now + ttlMs };
  if (database.kind === 'sqlite') {
    const { db } = database;
    return (
      db
        .update(leases)
        .set(set)
        .where(and(eq(leases.name, name), eq(leases.holder, from)))
        .run().changes === 1
    );
  }
  const result = await database.db
    .update(leasesPg)
    .set(set)
    .where(and(eq(leasesPg.name, name), eq(leasesPg.holder, from)));
  return result.rowCount === 1;
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
export async function releaseLease(database: Database, name: string, holder: string): Promise<void> {
  if (database.kind === 'sqlite') {
    database.db
      .update(leases)
      .set({ expiresAt: 0 })
      .where(and(eq(leases.name, name), eq(leases.holder, holder)))
      .run();
    return;
  }
  await database.db
    .update(leasesPg)
    .set({ expiresAt: 0 })
    .where(and(eq(leasesPg.name, name), eq(leasesPg.holder, holder)));
}

export async function leaseRow(database: Database, name: string): Promise<LeaseRow | undefined> {
  if (database.kind === 'sqlite') {
    return database.db.select({ holder: leases.holder, expiresAt: leases.expiresAt }).from(leases).where(eq(leases.name, name)).get();
  }
  const [row] = await database.db.select({ holder: leasesPg.holder, expiresAt: leasesPg.expiresAt }).from(leasesPg).where(eq(leasesPg.name, name));
  return row;
}

/** Every lease and its holder, for operators (`bcm` or a health page) and tests. */
export async function allLeases(database: Database): Promise<(LeaseRow & { name: string })[]> {
  if (database.kind === 'sqlite') return database.db.select().from(leases).orderBy(asc(leases.name)).all();
  return database.db.select().from(leasesPg).orderBy(asc(leasesPg.name));
}

/**
 * A loop's lease for this process: `held(now)` takes or renews it and says whether to work this
 * tick; `release()` gives it up. Logs when this process becomes or stops being the holder.
 */
export function leaseFor(database: Database, name: string, ttlMs: number, log?: (msg: string) => void, holder = PROCESS_HOLDER) {
  let had = false;
  return {
    async held(now = Date.now()): Promise<boolean> {
      let has = await takeLease(database, name, holder, ttlMs, now);
      if (!has) {
        const row = await leaseRow(database, name);
        if (row && holderGone(row.holder, holder, { host: os.hostname(), pid: process.pid }, isAlive))
          has = await takeFrom(database, name, row.holder, holder, ttlMs, now);
      }
      if (has !== had) log?.(has ? `took the ${name} lease` : `another process holds the ${name} lease`);
      had = has;
      return has;
    },
    async release(): Promise<void> {
      if (had) await releaseLease(database, name, holder);
      had = false;
    },
  };
}
export type Lease = ReturnType<typeof leaseFor>;
