import { getTableName } from 'drizzle-orm';
import { bigint, index, integer, type PgColumnBuilderBase, PgTable, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as pgSchema from '../../src/db/schema.pg.js';
import * as sqliteSchema from '../../src/db/schema.js';
import { pgShape, schemaDifference, sqliteShape, tablesOf } from './parity.js';

// Every table of src/db/schema.ts has a PostgreSQL twin in src/db/schema.pg.ts (decision 007) with
// the same columns (kind, enum, nullability, default, generated id), primary key, unique column
// sets, indexes (columns, uniqueness, partial condition) and foreign keys (target and actions); its
// times are bigint. The second half proves the comparison catches a deliberately different table.

const sqlite = tablesOf(sqliteSchema, SQLiteTable);
const pg = tablesOf(pgSchema, PgTable);

describe('the PostgreSQL schema', () => {
  it('has every SQLite table, and each the same as its twin', () => {
    // (not empty: every table a module exports is found)
    expect(sqlite.size).toBeGreaterThan(30);
    expect(schemaDifference(sqlite, pg) ?? 'no difference').toBe('no difference');
  });

  it('is described with what matters: ids, unique sets, foreign keys and their actions, composite keys, partial indexes', () => {
    const users = pgShape(pg.get('users')!);
    expect(users.columns.id).toEqual({ kind: 'integer', enum: null, notNull: true, default: null, generated: true });
    expect(users.columns.role.enum).toEqual(['trainee', 'instructor', 'admin', 'office']);
    expect(users.unique).toEqual(['email']);
    expect(users.foreignKeys).toEqual({ institution_id: { table: 'institutions', columns: ['id'], onDelete: 'no action', onUpdate: 'no action' } });
    expect(pgShape(pg.get('sessions')!).foreignKeys.user_id.onDelete).toBe('cascade');
    expect(pgShape(pg.get('sessions')!).columns.secret_hash.kind).toBe('bytes');
    expect(pgShape(pg.get('attempt_answers')!).primaryKey).toEqual(['attempt_id', 'question_key']);
    expect(pgShape(pg.get('enrolments')!).unique).toEqual(['cohort_id,user_id']);
    const lti = { columns: ['issuer', 'client_id', 'deployment_id'], unique: true, where: 'removed_at is null' };
    expect(sqliteShape(sqlite.get('lti_platforms')!).indexes.lti_platforms_live_identity_idx).toEqual(lti);
    expect(pgShape(pg.get('lti_platforms')!).indexes.lti_platforms_live_identity_idx).toEqual(lti);
  });
});

describe('the parity check', () => {
  // The real schemas with one PostgreSQL table swapped for a deliberately different one.
  const withPg = (table: PgTable) => schemaDifference(sqlite, new Map([...pg, [getTableName(table), table]]));
  const leases = (expiresAt: PgColumnBuilderBase) => pgTable('leases', { name: text('name').primaryKey(), holder: text('holder').notNull(), expiresAt });
  const ms = (name: string) => bigint(name, { mode: 'number' });

  it('passes the real twin of a table and names a table missing on one side', () => {
    expect(withPg(leases(ms('expires_at').notNull()))).toBeNull();
    const fewer = new Map(pg);
    fewer.delete('xapi_queue');
    expect(schemaDifference(sqlite, fewer)).toBe('table xapi_queue: in SQLite only');
    expect(withPg(pgTable('extra', { id: integer('id') }))).toBe('table extra: in PostgreSQL only');
  });

  it('names a column whose nullability, kind or default differs, or that is missing', () => {
    expect(withPg(leases(ms('expires_at')))).toBe('leases columns expires_at notNull: SQLite true, PostgreSQL false');
    expect(withPg(leases(text('expires_at').notNull()))).toBe('leases columns expires_at kind: SQLite "integer", PostgreSQL "text"');
    expect(withPg(leases(ms('expires_at').notNull().default(0)))).toBe('leases columns expires_at default: SQLite null, PostgreSQL 0');
    expect(withPg(pgTable('leases', { name: text('name').primaryKey(), holder: text('holder').notNull() }))).toBe('leases columns expires_at: in SQLite only');
  });

  it('names a time stored as a 32-bit integer, and refuses a timestamp', () => {
    expect(withPg(leases(integer('expires_at').notNull()))).toBe(
      "leases.expires_at: a time in epoch ms must be bigint({ mode: 'number' }) (epochMs), not PgInteger",
    );
    expect(() => withPg(leases(timestamp('expires_at').notNull()))).toThrow("leases.expires_at: no neutral kind for PostgreSQL's PgTimestamp");
  });

  it('names a foreign key whose action or target differs, a unique constraint missing, and an index only on one side', () => {
    const invites = (userOnDelete: 'cascade' | 'set null', createdBy: 'users' | 'institutions') =>
      pgTable('invites', {
        tokenHash: text('token_hash').primaryKey(),
        userId: integer('user_id')
          .notNull()
          .references(() => pgSchema.users.id, { onDelete: userOnDelete }),
        createdBy: integer('created_by').references(() => (createdBy === 'users' ? pgSchema.users.id : pgSchema.institutions.id)),
        expiresAt: ms('expires_at').notNull(),
        usedAt: ms('used_at'),
      });
    expect(withPg(invites('cascade', 'users'))).toBeNull();
    expect(withPg(invites('set null', 'users'))).toBe('invites foreignKeys user_id onDelete: SQLite "cascade", PostgreSQL "set null"');
    expect(withPg(invites('cascade', 'institutions'))).toBe('invites foreignKeys created_by table: SQLite "users", PostgreSQL "institutions"');
    const institutions = pgTable('institutions', {
      id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
      code: text('code').notNull(),
      name: text('name').notNull(),
      createdAt: ms('created_at').notNull(),
    });
    expect(withPg(institutions)).toBe('institutions unique: SQLite ["code"], PostgreSQL []');
    const indexed = pgTable('leases', { name: text('name').primaryKey(), holder: text('holder').notNull(), expiresAt: ms('expires_at').notNull() }, (t) => [
      index('leases_holder_idx').on(t.holder),
    ]);
    expect(withPg(indexed)).toBe('leases indexes leases_holder_idx: in PostgreSQL only');
  });
});
