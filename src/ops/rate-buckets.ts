import { lt, and, like } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { refillMs, takeToken, type Limit, type RateLimiter, type Take } from '../platform/rate-limit.js';
import { rateBuckets } from './schema.js';

// Rate limits every process of one database counts together (WORKERS=N, or two servers on one
// file): a bucket is a row, read and written in one IMMEDIATE transaction so two processes
// taking the last token at once cannot both succeed. Only anonymous, rarely-hit routes use it
// (/verify, /lti/login), so the write per request is no cost worth keeping per process.

const PRUNE_EVERY = 1_000;

/** A limiter over the database for one scope (`verify`, `lti-login`): keys are stored as `scope|key`. */
export function sharedBuckets(db: Db, scope: string, limit: Limit): RateLimiter {
  let takes = 0;
  return {
    take(key: string, now = Date.now()): Take {
      const id = `${scope}|${key}`;
      const tx = prepared(db, 'ops.rateTake', (d) => {
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
      const take = tx.immediate(id, limit, now);
      // Buckets untouched for a full refill carry no information: forget them now and then.
      if (++takes % PRUNE_EVERY === 0) pruneBuckets(db, scope, limit, now);
      return take;
    },
  };
}

export function pruneBuckets(db: Db, scope: string, limit: Limit, now = Date.now()): number {
  return db
    .delete(rateBuckets)
    .where(and(like(rateBuckets.key, `${scope}|%`), lt(rateBuckets.at, now - refillMs(limit))))
    .run().changes;
}
