import type { Db } from './client.js';

// drizzle's query builder re-plans every call; hot paths (session lookup on every request, exam
// autosaves) use statements prepared once per connection. The cache is the connection's own
// (`db.$prepared`, made by db/client.ts with it), so nothing here outlives or outnumbers databases.

export function prepared<T>(db: Db, key: string, build: (db: Db) => T): T {
  let stmt = db.$prepared.get(key) as T | undefined;
  if (stmt === undefined) {
    stmt = build(db);
    db.$prepared.set(key, stmt);
  }
  return stmt;
}
