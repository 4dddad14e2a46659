import type pg from 'pg';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Db } from './client.js';
import type * as schemaPg from './schema.pg.js';

/**
 * A database of either kind (decision 007): the embedded SQLite file every deployment runs on
 * today, or PostgreSQL, to which the stores move one feature at a time. A store written for both
 * takes this handle, is async, and branches on `kind` only where the SQL differs; on SQLite it
 * keeps its prepared better-sqlite3 statement and does its work before the first `await`, so the
 * call costs what it did (a resolved promise more) and runs in the order it was made.
 */
export type Database = { kind: 'sqlite'; db: Db } | { kind: 'pg'; db: NodePgDatabase<typeof schemaPg>; pool: pg.Pool };

/** The handle for a SQLite connection (the app's `deps.db`). */
export function onSqlite(db: Db): Database {
  return { kind: 'sqlite', db };
}
