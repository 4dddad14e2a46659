import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { bytea, epochMs } from '../db/pg-columns.js';
import { users } from '../institutions/foreign-keys/pg/index.js';

// The PostgreSQL twin of ./schema.ts (decision 007): the same tables, columns, constraints and
// `$inferSelect` types (test/db/schema-parity.test.ts). Change both together.

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: bytea('secret_hash').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: epochMs('created_at').notNull(),
    lastVerifiedAt: epochMs('last_verified_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const invites = pgTable('invites', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  createdBy: integer('created_by').references(() => users.id),
  expiresAt: epochMs('expires_at').notNull(),
  usedAt: epochMs('used_at'),
});

export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: epochMs('window_start').notNull(),
  lockedUntil: epochMs('locked_until'),
});
