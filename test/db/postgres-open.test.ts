import { describe, expect, it } from 'vitest';
import { isPostgresHealthy, openPostgres, type PgDatabase } from '../../src/db/postgres.js';
import { testPostgres } from '../helpers/postgres.js';
import { whenDone } from '../helpers/temp.js';

// Opening DATABASE_URL (decision 007): the schema migrated at start-up, also when several app
// servers start at once on one new database, and a clear refusal when the server is not there.

async function open(url: string): Promise<PgDatabase> {
  const database = await openPostgres(url, { poolMax: 2 });
  whenDone(() => database.pool.ended || database.pool.end());
  return database;
}

async function appliedMigrations(database: PgDatabase): Promise<number> {
  const { rows } = await database.pool.query<{ n: string }>('select count(*) as n from drizzle.__drizzle_migrations');
  return Number(rows[0].n);
}

describe('opening the PostgreSQL database at start-up', () => {
  it('migrates a new database, answers the health check, and finds nothing to do the next time', async () => {
    const url = await testPostgres();
    const first = await open(url);
    const migrations = await appliedMigrations(first);
    expect(migrations).toBeGreaterThan(0);
    const { rows } = await first.pool.query("select to_regclass('public.exam_attempts') as t");
    expect(rows[0].t).toBe('exam_attempts');
    expect(await isPostgresHealthy(first)).toBe(true);
    const again = await open(url);
    expect(await appliedMigrations(again)).toBe(migrations);
  });

  it('lets five app servers start at once on one new database: each migrates or waits, none fails, every migration applied once', async () => {
    const url = await testPostgres();
    const servers = await Promise.all(Array.from({ length: 5 }, () => open(url)));
    const counts = await Promise.all(servers.map(appliedMigrations));
    expect(new Set(counts).size).toBe(1);
    const { rows } = await servers[0].pool.query<{ n: string; distinct_hashes: string }>(
      'select count(*) as n, count(distinct hash) as distinct_hashes from drizzle.__drizzle_migrations',
    );
    expect(rows[0].n).toBe(rows[0].distinct_hashes);
  });

  it('stops with DATABASE_URL and the server named, never the password, when nothing listens there', async () => {
    const url = 'postgres://bcm:s3cret-pw@127.0.0.1:1/bcm';
    const failure = await openPostgres(url).then(
      () => 'opened',
      (err: Error) => err.message,
    );
    expect(failure).toMatch(/^DATABASE_URL \(postgres:\/\/bcm:\*\*\*@127\.0\.0\.1:1\/bcm\): .*ECONNREFUSED/);
    expect(failure).not.toContain('s3cret-pw');
  });

  it('reports an unreachable database as unhealthy rather than throwing', async () => {
    const database = await open(await testPostgres());
    await database.pool.end();
    expect(await isPostgresHealthy(database)).toBe(false);
  });
});
