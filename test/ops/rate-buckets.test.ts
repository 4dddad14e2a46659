import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/client.js';
import { pruneBuckets, sharedBuckets } from '../../src/ops/rate-buckets.js';
import { onSqlite } from '../../src/db/database.js';
import { twoPostgresHandles } from '../helpers/postgres.js';
import { makeTestApp } from '../helpers/app.js';
import { whenDone } from '../helpers/temp.js';

// Two app instances on one database file stand for two processes of WORKERS=N: a client's
// lookups count against one bucket whichever process answers them.

async function twoApps(verifyLimit = { burst: 3, perMinute: 6 }) {
  const first = await makeTestApp();
  const db2 = openDatabase(first.config.databasePath);
  whenDone(() => db2.$client.close());
  const make = (db: typeof db2) => createApp({ db, config: first.config, logger: pino({ level: 'silent' }), catalog: first.catalog, proof: { verifyLimit } });
  return { a: make(first.db), b: make(db2), db: first.db, db2 };
}

describe('a rate limit shared by the processes of one database', () => {
  it('/verify: lookups spread over two app instances share one bucket, and the next one gets 429', async () => {
    const { a, b } = await twoApps();
    const statuses: number[] = [];
    for (const app of [a, b, a]) statuses.push((await app.request('/verify/BCM-12')).status);
    expect(statuses).toEqual([400, 400, 400]);
    const limited = await b.request('/verify/BCM-12', { headers: { Accept: 'application/json' } });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ result: 'rateLimited' });
    expect((await a.request('/verify/BCM-12')).status).toBe(429);
  });
});

// The limiter itself on both databases (decision 007): two connections stand for two processes.
async function sqliteConnections() {
  const { db, db2 } = await twoApps();
  return {
    one: onSqlite(db),
    two: onSqlite(db2),
    keys: async () => db.$client.prepare('select key from rate_buckets order by key').all() as { key: string }[],
  };
}

async function postgresConnections() {
  const [one, two] = await twoPostgresHandles(4);
  const keys = async () => (await one.pool.query<{ key: string }>('select key from rate_buckets order by key')).rows;
  return { one, two, keys };
}

describe.each([
  ['SQLite', sqliteConnections],
  ['PostgreSQL', postgresConnections],
])('the shared limiter (%s)', (_backend, connections) => {
  it('refills with time, keeps scopes and clients apart, and forgets full buckets when pruned', async () => {
    const { one: db, two: db2, keys } = await connections();
    const limit = { burst: 2, perMinute: 60 }; // one token a second
    const one = sharedBuckets(db, 'verify', limit);
    const two = sharedBuckets(db2, 'verify', limit);
    expect((await one.take('10.0.0.1', 0)).ok).toBe(true);
    expect((await two.take('10.0.0.1', 0)).ok).toBe(true);
    expect(await one.take('10.0.0.1', 0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect((await two.take('10.0.0.2', 0)).ok).toBe(true); // another client
    expect((await sharedBuckets(db2, 'lti-login', limit).take('10.0.0.1', 0)).ok).toBe(true); // another scope
    expect((await two.take('10.0.0.1', 1_000)).ok).toBe(true); // a second later: one token back
    expect((await one.take('10.0.0.1', 1_000)).ok).toBe(false);
    // A bucket untouched for a full refill (2 s from empty) is forgotten; the others stay.
    expect(await pruneBuckets(db, 'verify', limit, 2_500)).toBe(1); // 10.0.0.2, last taken at 0
    expect(await pruneBuckets(db, 'verify', limit, 3_001)).toBe(1); // 10.0.0.1, last taken at 1,000
    expect(await keys()).toEqual([{ key: 'lti-login|10.0.0.1' }]);
  });

  it("grants exactly the burst to many takes of one client's first bucket at once, from two processes", async () => {
    const { one: db, two: db2 } = await connections();
    const limit = { burst: 5, perMinute: 1 };
    const one = sharedBuckets(db, 'verify', limit);
    const two = sharedBuckets(db2, 'verify', limit);
    // Thirty takes in flight together, none finding a bucket yet when it starts (on PostgreSQL up
    // to eight at once on four pooled connections each): without the lock several would each
    // read "no bucket, full" and all pass.
    const takes = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? two : one).take('10.9.9.9', 1_000)));
    expect(takes.filter((t) => t.ok)).toHaveLength(5);
  });
});
