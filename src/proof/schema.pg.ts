import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { epochMs } from '../db/pg-columns.js';
import { cohorts, institutions, users } from '../institutions/foreign-keys/pg/index.js';

// The PostgreSQL twin of ./schema.ts (decision 007): the same table, columns, constraints and
// `$inferSelect` type (test/db/schema-parity.test.ts). Change both together.

export const certificates = pgTable(
  'certificates',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    serial: text('serial').notNull().unique(),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    cohortId: integer('cohort_id').references(() => cohorts.id),
    level: text('level', { enum: ['assistant', 'retail', 'corporate', 'senior'] }).notNull(),
    /** The signed facts, exactly as signed (canonical JSON text): text, never json. */
    facts: text('facts').notNull(),
    signature: text('signature').notNull(),
    keyId: text('key_id').notNull(),
    issuedBy: integer('issued_by').references(() => users.id),
    issuedAt: epochMs('issued_at').notNull(),
    status: text('status', { enum: ['valid', 'revoked', 'superseded'] }).notNull(),
    revokedAt: epochMs('revoked_at'),
    revokeReason: text('revoke_reason'),
    supersededBy: text('superseded_by'),
  },
  (t) => [index('certificates_trainee_idx').on(t.traineeId, t.level), index('certificates_institution_idx').on(t.institutionId)],
);
