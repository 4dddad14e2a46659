import { bigint, customType } from 'drizzle-orm/pg-core';

// Column types the PostgreSQL schemas (src/<feature>/schema.pg.ts) share, so each reads as its
// SQLite twin and `$inferSelect` is the same type in both dialects (test/db/schema-types.test.ts).

/** Epoch milliseconds (UTC), as SQLite's integer: a JS number, not a `timestamp`, so stores share code. */
export const epochMs = <N extends string>(name: N) => bigint(name, { mode: 'number' });

/** Bytes (SQLite's `blob` in buffer mode): node-postgres reads and writes `bytea` as a Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});
