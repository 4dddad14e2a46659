import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Database } from './database.js';
import * as schemaPg from './schema.pg.js';
import { PROJECT_ROOT } from '../platform/project-root.js';

// Opening the PostgreSQL database named by DATABASE_URL (decision 007): a pool, and the schema
// brought up to date from src/db/migrations-pg before anything else uses it.

export type PgDatabase = Extract<Database, { kind: 'pg' }>;

const migrationsFolder = path.join(PROJECT_ROOT, 'src', 'db', 'migrations-pg');

// One advisory lock key for "migrating BCM Academy's schema" (any fixed bigint; this one spells "bcm").
const MIGRATION_LOCK = 0x62636d;

/** DATABASE_URL without its password, for logs and messages. */
export function describePostgresUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/**
 * A pool on the database at `url`, migrated. Fails with the server named (never the password)
 * when it cannot be reached or the role may not migrate.
 */
export async function openPostgres(url: string, opts: { poolMax?: number } = {}): Promise<PgDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: opts.poolMax ?? 10 });
  // An idle client's error (the server restarted) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  try {
    await migratePostgres(pool);
  } catch (err) {
    await pool.end().catch(() => {});
    throw new Error(`DATABASE_URL (${describePostgresUrl(url)}): ${(err as Error).message}`, { cause: err });
  }
  return { kind: 'pg', db: drizzle(pool, { schema: schemaPg }), pool };
}

/**
 * Applies the pending migrations on one connection while holding a session advisory lock, so
 * that several app servers starting at once on one database migrate one after another: drizzle's
 * migrator reads what is applied before its transaction, and two at once would both try to
 * create the same tables (the second fails). The one that waits then finds nothing to do.
 */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client, { schema: schemaPg }), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** `GET /healthz` on PostgreSQL: a pooled connection answers a query. */
export async function isPostgresHealthy(database: PgDatabase): Promise<boolean> {
  try {
    const { rows } = await database.pool.query('select 1 as ok');
    return rows.length === 1;
  } catch {
    return false;
  }
}
