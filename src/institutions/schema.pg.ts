import { boolean, index, integer, json, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { epochMs } from '../db/pg-columns.js';

// The PostgreSQL twin of ./schema.ts (issue 18, decision 007): the same tables, columns,
// constraints and indexes, with the same `$inferSelect` types (test/db/schema-parity.test.ts and
// schema-types.test.ts hold them to it). Change both together, then `npm run db:generate`.
// Times are epoch milliseconds (bigint read as a number), ids are identity columns (SQLite's
// AUTOINCREMENT), JSON is `json` (kept as written, as SQLite's text is).

export const institutions = pgTable('institutions', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: epochMs('created_at').notNull(),
});

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    role: text('role', { enum: ['trainee', 'instructor', 'admin', 'office'] }).notNull(),
    // null only for the programme office, the one cross-institution role
    institutionId: integer('institution_id').references(() => institutions.id),
    passwordHash: text('password_hash'),
    locale: text('locale', { enum: ['zh-CN', 'en'] }),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [index('users_institution_idx').on(t.institutionId)],
);

export const traineeProfiles = pgTable('trainee_profiles', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  nationalId: text('national_id'),
  employeeNo: text('employee_no'),
  phone: text('phone'),
  education: text('education', { enum: ['associate', 'bachelor', 'master', 'doctorate', 'other'] }),
  yearsInFinance: integer('years_in_finance').notNull().default(0),
  assistantCertificate: boolean('assistant_certificate').notNull().default(false),
  majorViolation: boolean('major_violation').notNull().default(false),
});

export const cohorts = pgTable(
  'cohorts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    name: text('name').notNull(),
    level: text('level', { enum: ['assistant', 'retail', 'corporate', 'senior'] }).notNull(),
    startsOn: text('starts_on').notNull(), // ISO date, Asia/Shanghai calendar day
    endsOn: text('ends_on').notNull(),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [index('cohorts_institution_idx').on(t.institutionId)],
);

export const enrolments = pgTable(
  'enrolments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    enrolledAt: epochMs('enrolled_at').notNull(),
  },
  (t) => [uniqueIndex('enrolments_cohort_user_idx').on(t.cohortId, t.userId), index('enrolments_user_idx').on(t.userId)],
);

export const cohortInstructors = pgTable(
  'cohort_instructors',
  {
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] })],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    at: epochMs('at').notNull(),
    actorId: integer('actor_id').references(() => users.id),
    institutionId: integer('institution_id').references(() => institutions.id),
    action: text('action').notNull(),
    subject: text('subject').notNull(),
    detail: json('detail'),
  },
  (t) => [index('audit_institution_idx').on(t.institutionId, t.at)],
);

export const rosterPreviews = pgTable(
  'roster_previews',
  {
    id: text('id').primaryKey(),
    adminId: integer('admin_id').notNull(),
    cohortId: integer('cohort_id').notNull(),
    digest: text('digest').notNull(),
    rows: json('rows').notNull(),
    signature: text('signature').notNull(),
    createdAt: epochMs('created_at').notNull(),
    expiresAt: epochMs('expires_at').notNull(),
  },
  (t) => [index('roster_previews_owner_idx').on(t.adminId, t.cohortId)],
);
