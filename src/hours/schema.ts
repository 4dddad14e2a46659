import { sqliteTable, text, integer, blob, primaryKey, index } from 'drizzle-orm/sqlite-core';
import { cohorts, institutions, users } from '../institutions/foreign-keys/index.js';

// The hours feature's tables: classes, the hours ledger, attendance, self-study reading, calendar feeds.
// Times are epoch milliseconds (UTC); the UI formats them in the configured time zone.
// Foreign keys name other features' tables through their foreign-keys/index.ts: a schema imports
// nothing else of another feature.

export const MODES = ['faceToFace', 'remote', 'selfStudy'] as const;

export const HOUR_SOURCES = ['heartbeat', 'check-in', 'roster', 'import', 'correction'] as const;

export const classSessions = sqliteTable(
  'class_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    mode: text('mode', { enum: ['faceToFace', 'remote'] }).notNull(),
    courseSlug: text('course_slug').notNull(),
    title: text('title').notNull(),
    room: text('room'),
    meetingUrl: text('meeting_url'),
    recordingUrl: text('recording_url'),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    // Secret for the rotating classroom check-in code (never sent to trainees).
    checkInSecret: blob('check_in_secret', { mode: 'buffer' }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('class_sessions_cohort_idx').on(t.cohortId, t.startsAt)],
);

/**
 * The ledger: every credited minute is a row; rows are never updated or deleted. A correction
 * is a new row (source 'correction', signed minutes, reason, correctsId) and totals are sums.
 */
export const hourEntries = sqliteTable(
  'hour_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    cohortId: integer('cohort_id').references(() => cohorts.id),
    level: text('level', { enum: ['assistant', 'retail', 'corporate', 'senior'] }).notNull(),
    courseSlug: text('course_slug'),
    lessonSlug: text('lesson_slug'),
    sessionId: integer('session_id').references(() => classSessions.id),
    mode: text('mode', { enum: MODES }).notNull(),
    minutes: integer('minutes').notNull(),
    source: text('source', { enum: HOUR_SOURCES }).notNull(),
    evidence: text('evidence', { mode: 'json' }),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedAt: integer('recorded_at').notNull(),
    correctsId: integer('corrects_id'),
    reason: text('reason'),
  },
  (t) => [
    index('hour_entries_trainee_idx').on(t.traineeId, t.level),
    index('hour_entries_cohort_idx').on(t.cohortId),
    index('hour_entries_session_idx').on(t.sessionId, t.traineeId),
  ],
);

/** Where each trainee last sent a self-study heartbeat from: one reader per trainee. */
export const readerState = sqliteTable('reader_state', {
  traineeId: integer('trainee_id')
    .primaryKey()
    .references(() => users.id),
  lessonKey: text('lesson_key').notNull(),
  lastBeatAt: integer('last_beat_at').notNull(),
});

/** Raw active reading time per lesson, kept for reports even when no hours are credited. */
export const lessonActivity = sqliteTable(
  'lesson_activity',
  {
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    courseSlug: text('course_slug').notNull(),
    lessonSlug: text('lesson_slug').notNull(),
    activeMs: integer('active_ms').notNull().default(0),
    firstAt: integer('first_at').notNull(),
    lastAt: integer('last_at').notNull(),
    completedAt: integer('completed_at'),
  },
  (t) => [primaryKey({ columns: [t.traineeId, t.courseSlug, t.lessonSlug] })],
);

export const selfCheckAnswers = sqliteTable(
  'self_check_answers',
  {
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    courseSlug: text('course_slug').notNull(),
    lessonSlug: text('lesson_slug').notNull(),
    questionId: text('question_id').notNull(),
    answer: text('answer').notNull(),
    correct: integer('correct', { mode: 'boolean' }).notNull(),
    answeredAt: integer('answered_at').notNull(),
    /** Wrong answers so far: a retry replaces the answer above but never these (the 错题本 lists them). */
    misses: integer('misses').notNull().default(0),
    lastMissedAt: integer('last_missed_at'),
  },
  (t) => [primaryKey({ columns: [t.traineeId, t.courseSlug, t.lessonSlug, t.questionId] })],
);

/** Roster marks are appended; the newest per (session, trainee) is the current status. */
export const attendanceMarks = sqliteTable(
  'attendance_marks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => classSessions.id),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ['present', 'late', 'leftEarly', 'excused', 'absent'] }).notNull(),
    minutes: integer('minutes').notNull().default(0),
    note: text('note'),
    source: text('source', { enum: ['roster', 'check-in'] }).notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedAt: integer('recorded_at').notNull(),
  },
  (t) => [index('attendance_marks_session_idx').on(t.sessionId, t.traineeId, t.id)],
);

/** Remote attendance intervals, from the platform's join + heartbeats or an imported export. */
export const remotePresence = sqliteTable(
  'remote_presence',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => classSessions.id),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    startAt: integer('start_at').notNull(),
    endAt: integer('end_at').notNull(),
    source: text('source', { enum: ['platform', 'import'] }).notNull(),
  },
  (t) => [index('remote_presence_session_idx').on(t.sessionId, t.traineeId)],
);

/** Secret URLs for iCalendar feeds (calendar apps cannot log in); only hashes stored. */
export const calendarFeeds = sqliteTable('calendar_feeds', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id').references(() => users.id),
  cohortId: integer('cohort_id').references(() => cohorts.id),
  createdAt: integer('created_at').notNull(),
});
