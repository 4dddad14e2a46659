import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, primaryKey, index, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { cohorts, institutions, users } from '../institutions/foreign-keys/index.js';

// The exams feature's tables: attempts, their answers and extra-time grants.
// Times are epoch milliseconds (UTC); the UI formats them in the configured time zone.
// Foreign keys name other features' tables through their foreign-keys/index.ts: a schema imports
// nothing else of another feature.

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
    /** How it ended: the trainee submitted, the deadline passed, the sweep closed it, staff ended it
     * (a sitting's live room) or a sitting's integrity limit was passed. */
    submittedBy: text('submitted_by', { enum: ['trainee', 'deadline', 'sweep', 'staff', 'integrity'] }),
    score: integer('score'),
    maxScore: integer('max_score'),
    passed: integer('passed', { mode: 'boolean' }),
    result: text('result', { mode: 'json' }),
    /** Highest save sequence number acknowledged for this attempt. */
    lastSeq: integer('last_seq').notNull().default(0),
    /** The scheduled sitting (统一模拟考) this attempt was sat in; null for self-scheduled and practice. */
    sittingId: integer('sitting_id').references((): AnySQLiteColumn => examSittings.id),
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

/**
 * A mock-exam sitting an institution runs like the real exam day (统一模拟考, issue 16): one
 * blueprint for one cohort in a window. No start after `latestStartAt` (迟到禁止入场); an
 * attempt's deadline is never later than `closesAt`. `candidates` null: everyone enrolled.
 */
export const examSittings = sqliteTable(
  'exam_sittings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    /** The blueprint id. */
    examKey: text('exam_key').notNull(),
    opensAt: integer('opens_at').notNull(),
    closesAt: integer('closes_at').notNull(),
    latestStartAt: integer('latest_start_at').notNull(),
    timeLimitMinutes: integer('time_limit_minutes').notNull(),
    /** What a trainee sees of their attempt, and only once the window has closed. */
    review: text('review', { enum: ['none', 'score', 'full'] }).notNull(),
    /** Trainee ids who may sit; null for everyone enrolled in the cohort. */
    candidates: text('candidates', { mode: 'json' }).$type<number[] | null>(),
    /** Integrity limit (off when null): more departures than this submits the attempt. */
    maxDepartures: integer('max_departures'),
    /** Integrity limit (off when null): more seconds away in total than this submits the attempt. */
    maxAwaySeconds: integer('max_away_seconds'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('exam_sittings_cohort_idx').on(t.cohortId, t.opensAt)],
);

/**
 * What the exam page of a sitting reported (recorded, never guessed): leaving the page and coming
 * back (with the time away measured by the server), copy/paste attempts, and a second tab or device
 * seen on the same attempt (recorded by the server from the page tokens).
 */
export const attemptSignals = sqliteTable(
  'attempt_signals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => examAttempts.id),
    kind: text('kind', { enum: ['away', 'back', 'copy', 'paste', 'contextmenu', 'second-device'] }).notNull(),
    at: integer('at').notNull(),
    /** For 'back': milliseconds away, by the server's clock. */
    awayMs: integer('away_ms'),
    /** For 'away': what the browser saw ('hidden' or 'blur'). */
    detail: text('detail'),
  },
  (t) => [index('attempt_signals_attempt_idx').on(t.attemptId, t.at)],
);

/** The page tokens (one per browser tab, kept in its sessionStorage) seen on a sitting's attempt. */
export const attemptPresence = sqliteTable(
  'attempt_presence',
  {
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => examAttempts.id),
    token: text('token').notNull(),
    firstSeenAt: integer('first_seen_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.token] })],
);
