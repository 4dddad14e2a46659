import { sqliteTable, text, integer, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

// The institutions feature's tables: institutions, people (accounts and trainee profiles), cohorts,
// who is enrolled in or teaches them, and the audit log every feature writes through this feature.
// Times are epoch milliseconds (UTC); the UI formats them in the configured time zone.

export const institutions = sqliteTable('institutions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    role: text('role', { enum: ['trainee', 'instructor', 'admin', 'office'] }).notNull(),
    // null only for the programme office, the one cross-institution role
    institutionId: integer('institution_id').references(() => institutions.id),
    passwordHash: text('password_hash'),
    locale: text('locale', { enum: ['zh-CN', 'en'] }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('users_institution_idx').on(t.institutionId)],
);

// Enrolment data a trainee brings (PIPL: national ID and phone are sensitive personal information).
export const traineeProfiles = sqliteTable('trainee_profiles', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  nationalId: text('national_id'),
  employeeNo: text('employee_no'),
  phone: text('phone'),
  education: text('education', { enum: ['associate', 'bachelor', 'master', 'doctorate', 'other'] }),
  yearsInFinance: integer('years_in_finance').notNull().default(0),
  assistantCertificate: integer('assistant_certificate', { mode: 'boolean' }).notNull().default(false),
  majorViolation: integer('major_violation', { mode: 'boolean' }).notNull().default(false),
});

export const cohorts = sqliteTable(
  'cohorts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    name: text('name').notNull(),
    level: text('level', { enum: ['assistant', 'retail', 'corporate', 'senior'] }).notNull(),
    startsOn: text('starts_on').notNull(), // ISO date, Asia/Shanghai calendar day
    endsOn: text('ends_on').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('cohorts_institution_idx').on(t.institutionId)],
);

export const enrolments = sqliteTable(
  'enrolments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    enrolledAt: integer('enrolled_at').notNull(),
  },
  (t) => [uniqueIndex('enrolments_cohort_user_idx').on(t.cohortId, t.userId), index('enrolments_user_idx').on(t.userId)],
);

export const cohortInstructors = sqliteTable(
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

// Who did what, for records that must be defended later. Never holds passwords, tokens or raw IDs.
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    actorId: integer('actor_id').references(() => users.id),
    institutionId: integer('institution_id').references(() => institutions.id),
    action: text('action').notNull(),
    subject: text('subject').notNull(),
    detail: text('detail', { mode: 'json' }),
  },
  (t) => [index('audit_institution_idx').on(t.institutionId, t.at)],
);

/**
 * A roster file's validated rows between its preview and its confirmation (roster-previews.ts):
 * in the database so the confirmation may reach any process of WORKERS=N. Short-lived (15 min),
 * used once, and deleted when taken, replaced or expired. No foreign keys: a row outlives nothing
 * it names by more than those minutes, and it must never block a change to them.
 */
export const rosterPreviews = sqliteTable(
  'roster_previews',
  {
    id: text('id').primaryKey(),
    adminId: integer('admin_id').notNull(),
    cohortId: integer('cohort_id').notNull(),
    digest: text('digest').notNull(),
    rows: text('rows', { mode: 'json' }).notNull(),
    signature: text('signature').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('roster_previews_owner_idx').on(t.adminId, t.cohortId)],
);
