import type { Table } from 'drizzle-orm';
import { pgTable, integer as pgInteger, text as pgText } from 'drizzle-orm/pg-core';
import { describe, expectTypeOf, it } from 'vitest';
import type * as pgSchema from '../../src/db/schema.pg.js';
import type * as sqliteSchema from '../../src/db/schema.js';
import { leases } from '../../src/db/schema.pg.js';

// The row types agree (decision 007): for every table, `$inferSelect` and `$inferInsert` of the
// SQLite table and of its PostgreSQL twin are the same type, so a store can later run the same
// code on either. Checked by the type checker (`npx tsc --noEmit`, part of `npm test`): a
// difference is a compile error naming the table and the column.

type TablesOf<M> = { [K in keyof M as M[K] extends Table ? K : never]: M[K] };
type Selects<M> = { [K in keyof TablesOf<M>]: TablesOf<M>[K] extends { $inferSelect: infer R } ? R : never };
type Inserts<M> = { [K in keyof TablesOf<M>]: TablesOf<M>[K] extends { $inferInsert: infer R } ? R : never };

type Sqlite = typeof sqliteSchema;
type Pg = typeof pgSchema;

/**
 * The one known difference: an `integer primary key` without AUTOINCREMENT is SQLite's rowid, so
 * drizzle lets a SQLite insert leave it out (SQLite would make one up); PostgreSQL requires it.
 * Every insert the stores make gives these keys, so the twin is right to require them.
 */
type RowidKeys = { traineeProfiles: 'userId'; readerState: 'traineeId' };
type Simplify<T> = { [P in keyof T]: T[P] };
type WithRowidRequired<I> = {
  [K in keyof I]: K extends keyof RowidKeys ? Simplify<Omit<I[K], RowidKeys[K]> & Required<Pick<I[K], RowidKeys[K] & keyof I[K]>>> : I[K];
};

describe('the row types of both dialects', () => {
  it('are the same for every table, selected and inserted', () => {
    expectTypeOf<keyof TablesOf<Pg>>().toEqualTypeOf<keyof TablesOf<Sqlite>>();
    expectTypeOf<Selects<Pg>>().toEqualTypeOf<Selects<Sqlite>>();
    expectTypeOf<Inserts<Pg>>().toEqualTypeOf<WithRowidRequired<Inserts<Sqlite>>>();
    // so every insert written for PostgreSQL is one SQLite takes
    expectTypeOf<Inserts<Pg>>().toExtend<Inserts<Sqlite>>();
  });

  it('tell a different table apart (the check can fail)', () => {
    // leases with its time as text: no longer the SQLite row type.
    const textLeases = pgTable('leases', { name: pgText('name').primaryKey(), holder: pgText('holder').notNull(), expiresAt: pgText('expires_at').notNull() });
    expectTypeOf(textLeases.$inferSelect).not.toEqualTypeOf<Selects<Sqlite>['leases']>();
    // ... and with a nullable column, no longer the SQLite insert type.
    const looseLeases = pgTable('leases', { name: pgText('name').primaryKey(), holder: pgText('holder'), expiresAt: pgInteger('expires_at').notNull() });
    expectTypeOf(looseLeases.$inferInsert).not.toEqualTypeOf<Inserts<Sqlite>['leases']>();
    expectTypeOf<(typeof leases)['$inferInsert']>().toEqualTypeOf<Inserts<Sqlite>['leases']>();
  });
});
