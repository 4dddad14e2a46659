import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, boolean, index, integer, json, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { epochMs } from '../db/pg-columns.js';
import { cohorts, institutions, users } from '../institutions/foreign-keys/pg/index.js';

// The PostgreSQL twin of ./schema.ts (decision 007): the same tables, columns, constraints and
// `$inferSelect` types (test/db/schema-parity.test.ts). Change both together.

export const examAttempts = pgTable(
  'exam_attempts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    cohortId: integer('cohort_id').references(() => cohorts.id),
    examKey: text('exam_key').notNull(),
    mode: text('mode', { enum: ['exam', 'practice'] }).notNull(),
    seed: text('seed').notNull(),
    paper: json('paper').notNull(),
    startedAt: epochMs('started_at').notNull(),
    deadlineAt: epochMs('deadline_at'),
    status: text('status', { enum: ['open', 'submitted'] }).notNull(),
    submittedAt: epochMs('submitted_at'),
    submittedBy: text('submitted_by', { enum: ['trainee', 'deadline', 'sweep', 'staff', 'integrity'] }),
    score: integer('score'),
    maxScore: integer('max_score'),
    passed: boolean('passed'),
    result: json('result'),
    lastSeq: integer('last_seq').notNull().default(0),
    sittingId: integer('sitting_id').references((): AnyPgColumn => examSittings.id),
  },
  (t) => [
    index('exam_attempts_trainee_idx').on(t.traineeId, t.examKey, t.status),
    index('exam_attempts_open_idx').on(t.status, t.deadlineAt),
    index('exam_attempts_cohort_idx').on(t.cohortId, t.examKey),
    // At most one open attempt per trainee and exam, held by the database itself: on SQLite the
    // start's IMMEDIATE transaction already serialises two starts, but two PostgreSQL transactions
    // would both find none open and both insert (decision 007).
    uniqueIndex('exam_attempts_one_open')
      .on(t.traineeId, t.examKey)
      .where(sql`${t.status} = 'open'`),
  ],
);

export const attemptAnswers = pgTable(
  'attempt_answers',
  {
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => examAttempts.id),
    questionKey: text('question_key').notNull(),
    answer: text('answer').notNull(),
    flagged: boolean('flagged').notNull().default(false),
    seq: integer('seq').notNull(),
    savedAt: epochMs('saved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.questionKey] })],
);

export const extraTimeGrants = pgTable(
  'extra_time_grants',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    examKey: text('exam_key').notNull(),
    extraMinutes: integer('extra_minutes').notNull(),
    reason: text('reason'),
    grantedBy: integer('granted_by').references(() => users.id),
    grantedAt: epochMs('granted_at').notNull(),
  },
  (t) => [index('extra_time_trainee_idx').on(t.traineeId, t.examKey)],
);

export const writtenMarks = pgTable(
  'written_marks',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => examAttempts.id),
    slotKey: text('slot_key').notNull(),
    markerId: integer('marker_id')
      .notNull()
      .references(() => users.id),
    levels: json('levels').$type<number[]>().notNull(),
    total: integer('total').notNull(),
    comment: text('comment'),
    markedAt: epochMs('marked_at').notNull(),
  },
  (t) => [uniqueIndex('written_marks_marker_idx').on(t.attemptId, t.slotKey, t.markerId), index('written_marks_attempt_idx').on(t.attemptId)],
);

export const examSittings = pgTable(
  'exam_sittings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    examKey: text('exam_key').notNull(),
    opensAt: epochMs('opens_at').notNull(),
    closesAt: epochMs('closes_at').notNull(),
    latestStartAt: epochMs('latest_start_at').notNull(),
    timeLimitMinutes: integer('time_limit_minutes').notNull(),
    review: text('review', { enum: ['none', 'score', 'full'] }).notNull(),
    candidates: json('candidates').$type<number[] | null>(),
    maxDepartures: integer('max_departures'),
    maxAwaySeconds: integer('max_away_seconds'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [index('exam_sittings_cohort_idx').on(t.cohortId, t.opensAt)],
);

export const attemptSignals = pgTable(
  'attempt_signals',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => examAttempts.id),
    kind: text('kind', { enum: ['away', 'back', 'copy', 'paste', 'contextmenu', 'second-device'] }).notNull(),
    at: epochMs('at').notNull(),
    /** Milliseconds: bigint, as a time. */
    awayMs: bigint('away_ms', { mode: 'number' }),
    detail: text('detail'),
  },
  (t) => [index('attempt_signals_attempt_idx').on(t.attemptId, t.at)],
);

export const attemptPresence = pgTable(
  'attempt_presence',
  {
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => examAttempts.id),
    token: text('token').notNull(),
    firstSeenAt: epochMs('first_seen_at').notNull(),
    lastSeenAt: epochMs('last_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.token] })],
);
