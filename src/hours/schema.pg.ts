import { bigint, boolean, index, integer, json, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { bytea, epochMs } from '../db/pg-columns.js';
import { cohorts, institutions, users } from '../institutions/foreign-keys/pg/index.js';
import { HOUR_SOURCES, MODES } from './schema.js';

// The PostgreSQL twin of ./schema.ts (decision 007): the same tables, columns, constraints and
// `$inferSelect` types (test/db/schema-parity.test.ts). Change both together.

export const classSessions = pgTable(
  'class_sessions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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
    startsAt: epochMs('starts_at').notNull(),
    endsAt: epochMs('ends_at').notNull(),
    checkInSecret: bytea('check_in_secret').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: epochMs('created_at').notNull(),
  },
  (t) => [index('class_sessions_cohort_idx').on(t.cohortId, t.startsAt)],
);

export const hourEntries = pgTable(
  'hour_entries',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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
    evidence: json('evidence'),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedAt: epochMs('recorded_at').notNull(),
    correctsId: integer('corrects_id'),
    reason: text('reason'),
  },
  (t) => [
    index('hour_entries_trainee_idx').on(t.traineeId, t.level),
    index('hour_entries_cohort_idx').on(t.cohortId),
    index('hour_entries_session_idx').on(t.sessionId, t.traineeId),
  ],
);

export const readerState = pgTable('reader_state', {
  traineeId: integer('trainee_id')
    .primaryKey()
    .references(() => users.id),
  lessonKey: text('lesson_key').notNull(),
  lastBeatAt: epochMs('last_beat_at').notNull(),
});

export const lessonActivity = pgTable(
  'lesson_activity',
  {
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    courseSlug: text('course_slug').notNull(),
    lessonSlug: text('lesson_slug').notNull(),
    /** Milliseconds: bigint, as a time. */
    activeMs: bigint('active_ms', { mode: 'number' }).notNull().default(0),
    firstAt: epochMs('first_at').notNull(),
    lastAt: epochMs('last_at').notNull(),
    completedAt: epochMs('completed_at'),
  },
  (t) => [primaryKey({ columns: [t.traineeId, t.courseSlug, t.lessonSlug] })],
);

export const selfCheckAnswers = pgTable(
  'self_check_answers',
  {
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    courseSlug: text('course_slug').notNull(),
    lessonSlug: text('lesson_slug').notNull(),
    questionId: text('question_id').notNull(),
    answer: text('answer').notNull(),
    correct: boolean('correct').notNull(),
    answeredAt: epochMs('answered_at').notNull(),
    misses: integer('misses').notNull().default(0),
    lastMissedAt: epochMs('last_missed_at'),
  },
  (t) => [primaryKey({ columns: [t.traineeId, t.courseSlug, t.lessonSlug, t.questionId] })],
);

export const attendanceMarks = pgTable(
  'attendance_marks',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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
    recordedAt: epochMs('recorded_at').notNull(),
  },
  (t) => [index('attendance_marks_session_idx').on(t.sessionId, t.traineeId, t.id)],
);

export const remotePresence = pgTable(
  'remote_presence',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => classSessions.id),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => users.id),
    startAt: epochMs('start_at').notNull(),
    endAt: epochMs('end_at').notNull(),
    source: text('source', { enum: ['platform', 'import'] }).notNull(),
  },
  (t) => [index('remote_presence_session_idx').on(t.sessionId, t.traineeId)],
);

export const calendarFeeds = pgTable('calendar_feeds', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id').references(() => users.id),
  cohortId: integer('cohort_id').references(() => cohorts.id),
  createdAt: epochMs('created_at').notNull(),
});
