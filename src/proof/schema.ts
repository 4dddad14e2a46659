import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { cohorts, institutions, users } from '../institutions/foreign-keys/index.js';

// The proof feature's table: issued training certificates.
// Times are epoch milliseconds (UTC); the UI formats them in the configured time zone.
// Foreign keys name other features' tables through their foreign-keys/index.ts: a schema imports
// nothing else of another feature.

export const certificates = sqliteTable(
  'certificates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Platform-unique serial with a check character. */
    serial: text('serial').notNull().unique(),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    cohortId: integer('cohort_id').references(() => cohorts.id),
    level: text('level', { enum: ['assistant', 'retail', 'corporate', 'senior'] }).notNull(),
    /** The signed facts, exactly as signed (canonical JSON text). */
    facts: text('facts').notNull(),
    /** Ed25519 signature over `facts`, base64url. */
    signature: text('signature').notNull(),
    keyId: text('key_id').notNull(),
    issuedBy: integer('issued_by').references(() => users.id),
    issuedAt: integer('issued_at').notNull(),
    status: text('status', { enum: ['valid', 'revoked', 'superseded'] }).notNull(),
    revokedAt: integer('revoked_at'),
    revokeReason: text('revoke_reason'),
    supersededBy: text('superseded_by'),
  },
  (t) => [index('certificates_trainee_idx').on(t.traineeId, t.level), index('certificates_institution_idx').on(t.institutionId)],
);
