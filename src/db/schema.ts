import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, blob, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

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

// --- learning hours ---------------------------------------------------------------------------

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

// --- mock exams -------------------------------------------------------------------------------

/** Questions an institution imported (spreadsheet or GIFT); file banks live in courses/. */
export const importedQuestions = sqliteTable(
  'imported_questions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    courseSlug: text('course_slug').notNull(),
    /** Stable id, unique per institution (e.g. "SH01-BCM-101-0001"). */
    questionId: text('question_id').notNull(),
    type: text('type', { enum: ['single', 'multiple', 'truefalse', 'case'] }).notNull(),
    /** The question in the same shape as a questions.yaml entry. */
    data: text('data', { mode: 'json' }).notNull(),
    importedBy: integer('imported_by').references(() => users.id),
    importedAt: integer('imported_at').notNull(),
  },
  (t) => [uniqueIndex('imported_questions_qid_idx').on(t.institutionId, t.questionId), index('imported_questions_course_idx').on(t.institutionId, t.courseSlug)],
);

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

// --- training certificates and proof ----------------------------------------------------------

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

// --- LMS integration: LTI 1.3 and xAPI ----------------------------------------------------------

/** An LMS (Moodle, Canvas, …) registered by an institution admin as an LTI 1.3 platform. */
export const ltiPlatforms = sqliteTable(
  'lti_platforms',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    institutionId: integer('institution_id')
      .notNull()
      .references(() => institutions.id),
    name: text('name').notNull(),
    issuer: text('issuer').notNull(),
    clientId: text('client_id').notNull(),
    deploymentId: text('deployment_id').notNull(),
    jwksUrl: text('jwks_url').notNull(),
    authUrl: text('auth_url').notNull(),
    tokenUrl: text('token_url').notNull(),
    createdAt: integer('created_at').notNull(),
    /** Set when the admin removes the registration: the row stays so its history keeps its platform. */
    removedAt: integer('removed_at'),
  },
  // One live registration per deployment. An (issuer, client_id) pair belongs to one institution:
  // triggers in migration 0005 refuse a live row whose pair another institution already holds
  // (several deployments of one pair within the same institution stay several rows).
  (t) => [uniqueIndex('lti_platforms_live_identity_idx').on(t.issuer, t.clientId, t.deploymentId).where(sql`removed_at is null`)],
);

/** OIDC login state, bound to the browser that started the login, used once. */
export const ltiStates = sqliteTable(
  'lti_states',
  {
    state: text('state').primaryKey(),
    nonce: text('nonce').notNull(),
    platformId: integer('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id),
    /** SHA-256 of the random value in the browser's state cookie. */
    browserHash: text('browser_hash').notNull(),
    targetLinkUri: text('target_link_uri').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  // Counting a platform's live login states (the cap on anonymous logins) stays an index range.
  (t) => [index('lti_states_platform_idx').on(t.platformId, t.expiresAt)],
);

/** id_token nonces already accepted (replay protection), kept until they expire. */
export const ltiNonces = sqliteTable('lti_nonces', {
  nonce: text('nonce').primaryKey(),
  platformId: integer('platform_id')
    .notNull()
    .references(() => ltiPlatforms.id),
  expiresAt: integer('expires_at').notNull(),
});

/** Which of our users an LMS user (`sub`) is. */
export const ltiUsers = sqliteTable(
  'lti_users',
  {
    platformId: integer('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id),
    subject: text('subject').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.subject] })],
);

/** An LMS course (context) linked to one of our cohorts, with its service endpoints. */
export const ltiContexts = sqliteTable(
  'lti_contexts',
  {
    platformId: integer('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id),
    contextId: text('context_id').notNull(),
    cohortId: integer('cohort_id').references(() => cohorts.id),
    title: text('title'),
    membershipsUrl: text('memberships_url'),
    lineItemsUrl: text('line_items_url'),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.contextId] })],
);

/** A placement in the LMS (resource link) and what it opens here. */
export const ltiResourceLinks = sqliteTable(
  'lti_resource_links',
  {
    platformId: integer('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id),
    resourceLinkId: text('resource_link_id').notNull(),
    contextId: text('context_id'),
    /** e.g. { kind: 'lesson', course, lesson } | { kind: 'exam', examKey } */
    target: text('target', { mode: 'json' }).notNull(),
    lineItemUrl: text('line_item_url'),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.resourceLinkId] })],
);

/** Scores waiting to be posted to an LMS gradebook (AGS), retried with backoff. */
export const ltiGradeSync = sqliteTable(
  'lti_grade_sync',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platformId: integer('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id),
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => examAttempts.id),
    lineItemUrl: text('line_item_url').notNull(),
    userSubject: text('user_subject').notNull(),
    scoreGiven: integer('score_given').notNull(),
    scoreMaximum: integer('score_maximum').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull(),
    tries: integer('tries').notNull().default(0),
    nextTryAt: integer('next_try_at').notNull(),
    lastError: text('last_error'),
    sentAt: integer('sent_at'),
  },
  (t) => [index('lti_grade_sync_due_idx').on(t.status, t.nextTryAt)],
);

/** xAPI statements queued durably for the Learning Record Store; never lost when it is down. */
export const xapiQueue = sqliteTable(
  'xapi_queue',
  {
    id: text('id').primaryKey(), // the statement id (UUID), so a retry is idempotent at the LRS
    statement: text('statement', { mode: 'json' }).notNull(),
    createdAt: integer('created_at').notNull(),
    tries: integer('tries').notNull().default(0),
    nextTryAt: integer('next_try_at').notNull(),
    sentAt: integer('sent_at'),
    lastError: text('last_error'),
  },
  (t) => [index('xapi_queue_due_idx').on(t.sentAt, t.nextTryAt)],
);
