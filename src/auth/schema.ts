import { sqliteTable, text, integer, blob, index } from 'drizzle-orm/sqlite-core';
import { users } from '../institutions/foreign-keys/index.js';

// The auth feature's tables: login sessions, invitations and failed-login counters.
// Times are epoch milliseconds (UTC); the UI formats them in the configured time zone.
// Foreign keys name other features' tables through their foreign-keys/index.ts: a schema imports
// nothing else of another feature.

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    lastVerifiedAt: integer('last_verified_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

// One-time links that let a new account set its password (tokens stored hashed, like sessions).
export const invites = sqliteTable('invites', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  createdBy: integer('created_by').references(() => users.id),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
});

// Failed-login counters per account ("acct:<email>") and per client IP ("ip:<addr>").
export const loginThrottle = sqliteTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: integer('window_start').notNull(),
  lockedUntil: integer('locked_until'),
});
