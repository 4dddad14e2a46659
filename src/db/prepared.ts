import type { Db } from './client.js';

// drizzle's query builder re-plans every call; hot paths (session lookup on every request, exam
// autosaves) use statements prepared once per database handle and cached here.
const cache = new WeakMap<Db, Map<string, unknown>>();

export function prepared<T>(db: Db, key: string, build: (db: Db) => T): T {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  let stmt = perDb.get(key) as T | undefined;
  if (stmt === undefined) {
    stmt = build(db);
    perDb.set(key, stmt);
  }
  return stmt;
}
