import { lt, and, like, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { prepared } from '../db/prepared.js';
import { refillMs, takeToken, type Limit, type RateLimiter, type Take } from '../platform/rate-limit.js';
import { rateBuckets } from './schema.js';
import { rateBuckets as rateBucketsPg } from './schema.pg.js';

// Rate limits every process of one database counts together (WORKERS=N, or two servers on one
// database): a bucket is a row, read and written in one transaction that no other take of the same
// bucket can interleave with, so two processes taking the last token at once cannot both succeed.
// On SQLite that is an IMMEDIATE transaction (one writer at a time); on PostgreSQL a transaction
// holding an advisory lock on the bucket's key first (`select … for update` cannot lock a row
// that does not exist yet: a client's first take). Only anonymous, rarely-hit routes use it
// (/verify, /lti/login), so the write per request is no cost worth keeping per process.

const PRUNE_EVERY = 1_000;

/** A limiter over the database for one scope (`verify`, `lti-login`): keys are stored as `scope|key`. */
export function sharedBuckets(database: Database, scope: string, limit: Limit): RateLimiter {
  let takes = 0;
  return {
    async take(key: string, now = Date.now()): Promise<Take> {
      const id = `${scope}|${key}`;
      const take = await takeFrom(database, id, limit, now);
      // Buckets untouched for a full refill carry no information: forget them now and then.
      if (++takes % PRUNE_EVERY === 0) await pruneBuckets(database, scope, limit, now);
      return take;
    },
  };
}

async function takeFrom(database: Database, id: string, limit: Limit, now: number): Promise<Take> {
  if (database.kind === 'sqlite') {
    const tx = prepared(database.db, 'ops.rateTake', (d) => {
      const get = d.$client.prepare<[string], { tokens: number; at: number }>('select tokens, at from rate_buckets where key = ?');
      const put = d.$client.prepare(
        'insert into rate_buckets (key, tokens, at) values (@key, @tokens, @at) on conflict (key) do update set tokens = excluded.tokens, at = excluded.at',
      );
      return d.$client.transaction((k: string, l: Limit, t: number) => {
        const out = takeToken(get.get(k), l, t);
        put.run({ key: k, ...out.bucket });
        return out.take;
      });
    });
    return tx.immediate(id, limit, now);
  }
  return database.db.transaction(async (tx) => {
    // Held until this transaction ends: every other take of this key waits here.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`rate:${id}`}, 0))`);
    const [bucket] = await tx.select({ tokens: rateBucketsPg.tokens, at: rateBucketsPg.at }).from(rateBucketsPg).where(eq(rateBucketsPg.key, id));
    const out = takeToken(bucket, limit, now);
    await tx
      .insert(rateBucketsPg)
      .values({ key: id, ...out.bucket })
      .onConflictDoUpdate({ target: rateBucketsPg.key, set: out.bucket });
    return out.take;
  });
}

export async function pruneBuckets(database: Database, scope: string, limit: Limit, now = Date.now()): Promise<number> {
  const stale = now - refillMs(limit);
  if (database.kind === 'sqlite') {
    return database.db
      .delete(rateBuckets)
      .where(and(like(rateBuckets.key, `${scope}|%`), lt(rateBuckets.at, stale)))
      .run().changes;
  }
  const result = await database.db.delete(rateBucketsPg).where(and(like(rateBucketsPg.key, `${scope}|%`), lt(rateBucketsPg.at, stale)));
  return result.rowCount ?? 0;
}
