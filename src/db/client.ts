import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { prepared } from './prepared.js';
import * as schema from './schema.js';
import { PROJECT_ROOT } from '../platform/project-root.js';

export type Db = BetterSQLite3Database<typeof schema> & {
  $client: Database.Database;
  /** Statements prepared once on this connection, by key (db/prepared.ts): made with the connection, gone with it. */
  readonly $prepared: Map<string, unknown>;
};

const migrationsFolder = path.join(PROJECT_ROOT, 'src', 'db', 'migrations');

/** Opens (creating the folder if needed) and migrates the database. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  // WAL lets readers proceed during writes; busy_timeout waits out a concurrent writer (e.g. a
  // backup or the CLI) instead of failing with SQLITE_BUSY.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  const db = dbOver(sqlite);
  migrateOnce(db);
  return db;
}

/**
 * Applies the pending migrations, also when another process (a second server on the same file,
 * a `bcm` command) starts at the same moment. drizzle's migrator reads the last applied migration
 * before its transaction, so of two processes migrating at once the second re-runs what the first
 * just committed and fails ("table … already exists"), rolling back. Reading again then finds it
 * applied. (WORKERS=N does not race: its primary migrates before forking.)
 */
function migrateOnce(db: Db, tries = 5): void {
  for (let i = 1; ; i++) {
    try {
      migrate(db, { migrationsFolder });
      return;
    } catch (err) {
      if (i >= tries || db.$client.inTransaction) throw err;
    }
  }
}

/** The drizzle handle over a better-sqlite3 connection, with its own prepared-statement cache. */
export function dbOver(sqlite: Database.Database): Db {
  return Object.assign(drizzle(sqlite, { schema }), { $prepared: new Map<string, unknown>() });
}

/** `GET /healthz`: the connection answers a query (its statement prepared once per connection). */
export function isDatabaseHealthy(db: Db): boolean {
  try {
    return prepared(db, 'db.health', (d) => d.$client.prepare('select 1 as ok')).get() !== undefined;
  } catch {
    return false;
  }
}

/**
 * Runs fn in one SQLite transaction: all of it lands or none of it does. `immediate` takes the
 * write lock up front, for a read-then-write that another process must not interleave.
 */
export function inTransaction<T>(db: Db, fn: () => T, mode: 'deferred' | 'immediate' = 'deferred'): T {
  const tx = db.$client.transaction(fn);
  return mode === 'immediate' ? tx.immediate() : tx();
}
