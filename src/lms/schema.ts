import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { examAttempts } from '../exams/foreign-keys/index.js';
import { cohorts, institutions, users } from '../institutions/foreign-keys/index.js';

// The LMS feature's tables: LTI 1.3 registrations, launches and grade sync, and the xAPI queue.
// Times are epoch milliseconds (UTC); the UI formats them in the configured time zone.
// Foreign keys name other features' tables through their foreign-keys/index.ts: a schema imports
// nothing else of another feature.

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
  (t) => [
    uniqueIndex('lti_platforms_live_identity_idx')
      .on(t.issuer, t.clientId, t.deploymentId)
      .where(sql`removed_at is null`),
  ],
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
