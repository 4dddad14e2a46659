import { sqliteTable, text, integer, real } from 'drizzle-orm/sqlite-core';

// Tables of the shared plumbing that lets several app processes serve one database (README,
// "Several processes"): who runs each background loop, and the rate limits every process counts.

/** One row per background loop (the exam sweep, the LMS senders): the process running it, until when. */
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  /** The holding process (`host:pid:random`, ops/lease.ts). */
  holder: text('holder').notNull(),
  /** Epoch ms; from then on any process may take the lease. */
  expiresAt: integer('expires_at').notNull(),
});

/** A token bucket per scope and client key (`verify|203.0.113.9`), shared by every process. */
export const rateBuckets = sqliteTable('rate_buckets', {
  key: text('key').primaryKey(),
  tokens: real('tokens').notNull(),
  /** Epoch ms of the last take: the bucket has refilled since then. */
  at: integer('at').notNull(),
});
