import { doublePrecision, pgTable, text } from 'drizzle-orm/pg-core';
import { epochMs } from '../db/pg-columns.js';

// The PostgreSQL twin of ./schema.ts (decision 007): the same tables, columns and `$inferSelect`
// types (test/db/schema-parity.test.ts). Change both together. SQLite's `real` is 8 bytes: double.

export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: epochMs('expires_at').notNull(),
});

export const rateBuckets = pgTable('rate_buckets', {
  key: text('key').primaryKey(),
  tokens: doublePrecision('tokens').notNull(),
  at: epochMs('at').notNull(),
});
