import { sqliteTable, text, integer, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { cohorts, institutions, users } from '../institutions/schema.js';

// The exams feature's tables: attempts, their answers and extra-time grants.
// Times are epoch milliseconds (UTC); the UI formats them in the configured time zone.
// Foreign keys name other features' tables: the only import of another feature's schema allowed.

/**
 * One sitting of a mock exam (or a practice run). The paper (question keys and option orders) is
 * drawn from `seed` and stored, so it can be reproduced and survives restarts. Deadlines are
 * server time; the browser only displays them.
 */
export const examAttempts = sqliteTable(
  'exam_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    cohortId: integer('cohort_id').references(() => cohorts.id),
    /** The blueprint id (a level's mock exam) or `practice:<course>`. */
    examKey: text('exam_key').notNull(),
    mode: text('mode', { enum: ['exam', 'practice'] }).notNull(),
    seed: text('seed').notNull(),
    paper: text('paper', { mode: 'json' }).notNull(),
    startedAt: integer('started_at').notNull(),
    /** null for untimed practice. Includes any extra time granted at start. */
    deadlineAt: integer('deadline_at'),
    status: text('status', { enum: ['open', 'submitted'] }).notNull(),
    submittedAt: integer('submitted_at'),
    /** How it ended: the trainee submitted, the deadline passed, or the sweep closed it. */
    submittedBy: text('submitted_by', { enum: ['trainee', 'deadline', 'sweep'] }),
    score: integer('score'),
    maxScore: integer('max_score'),
    passed: integer('passed', { mode: 'boolean' }),
    result: text('result', { mode: 'json' }),
    /** Highest save sequence number acknowledged for this attempt. */
    lastSeq: integer('last_seq').notNull().default(0),
  },
  (t) => [
    index('exam_attempts_trainee_idx').on(t.traineeId, t.examKey, t.status),
    index('exam_attempts_open_idx').on(t.status, t.deadlineAt),
    index('exam_attempts_cohort_idx').on(t.cohortId, t.examKey),
  ],
);

/** The newest acknowledged answer per question of an attempt (saves carry a sequence number). */
export const attemptAnswers = sqliteTable(
  'attempt_answers',
  {
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => examAttempts.id),
    /** The question's key within the paper (a case part is "<caseKey>/<partId>"). */
    questionKey: text('question_key').notNull(),
    answer: text('answer').notNull(),
    flagged: integer('flagged', { mode: 'boolean' }).notNull().default(false),
    seq: integer('seq').notNull(),
    savedAt: integer('saved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.questionKey] })],
);

/** Extra time an instructor granted a trainee for an exam (e.g. an accessibility need). */
export const extraTimeGrants = sqliteTable(
  'extra_time_grants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    examKey: text('exam_key').notNull(),
    extraMinutes: integer('extra_minutes').notNull(),
    reason: text('reason'),
    grantedBy: integer('granted_by').references(() => users.id),
    grantedAt: integer('granted_at').notNull(),
  },
  (t) => [index('extra_time_trainee_idx').on(t.traineeId, t.examKey)],
);

/**
 * Marks of written answers (阅卷), one row per marker and answer, never changed once given: the
 * final mark follows from them under the blueprint's marking policy (src/exams/marking/rules.ts).
 * Each mark is also written to the audit log.
 */
export const writtenMarks = sqliteTable(
  'written_marks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => examAttempts.id),
    /** The written slot's key within the paper. */
    slotKey: text('slot_key').notNull(),
    markerId: integer('marker_id')
      .notNull()
      .references(() => users.id),
    /** The points picked per rubric criterion, in rubric order. */
    levels: text('levels', { mode: 'json' }).$type<number[]>().notNull(),
    total: integer('total').notNull(),
    /** For the trainee, shown with the final result. */
    comment: text('comment'),
    markedAt: integer('marked_at').notNull(),
  },
  (t) => [uniqueIndex('written_marks_marker_idx').on(t.attemptId, t.slotKey, t.markerId), index('written_marks_attempt_idx').on(t.attemptId)],
);
