import { sql } from 'drizzle-orm';
import { index, integer, json, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { epochMs } from '../db/pg-columns.js';
import { examAttempts } from '../exams/foreign-keys/pg/index.js';
import { cohorts, institutions, users } from '../institutions/foreign-keys/pg/index.js';

// The PostgreSQL twin of ./schema.ts (decision 007): the same tables, columns, constraints and
// `$inferSelect` types (test/db/schema-parity.test.ts). Change both together.

export const ltiPlatforms = pgTable(
  'lti_platforms',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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
    createdAt: epochMs('created_at').notNull(),
    removedAt: epochMs('removed_at'),
  },
  // One live registration per deployment. An (issuer, client_id) pair belongs to one institution:
  // a trigger (migrations-pg 0001, as SQLite's migration 0005) refuses a live row whose pair
  // another institution already holds.
  (t) => [
    uniqueIndex('lti_platforms_live_identity_idx')
      .on(t.issuer, t.clientId, t.deploymentId)
      .where(sql`removed_at is null`),
  ],
);

export const ltiStates = pgTable(
  'lti_states',
  {
    state: text('state').primaryKey(),
    nonce: text('nonce').notNull(),
    platformId: integer('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id),
    browserHash: text('browser_hash').notNull(),
    targetLinkUri: text('target_link_uri').notNull(),
    expiresAt: epochMs('expires_at').notNull(),
    usedAt: epochMs('used_at'),
  },
  (t) => [index('lti_states_platform_idx').on(t.platformId, t.expiresAt)],
);

export const ltiNonces = pgTable('lti_nonces', {
  nonce: text('nonce').primaryKey(),
  platformId: integer('platform_id')
    .notNull()
    .references(() => ltiPlatforms.id),
  expiresAt: epochMs('expires_at').notNull(),
});

export const ltiUsers = pgTable(
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

export const ltiContexts = pgTable(
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

export const ltiResourceLinks = pgTable(
  'lti_resource_links',
  {
    platformId: integer('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id),
    resourceLinkId: text('resource_link_id').notNull(),
    contextId: text('context_id'),
    target: json('target').notNull(),
    lineItemUrl: text('line_item_url'),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.resourceLinkId] })],
);

export const ltiGradeSync = pgTable(
  'lti_grade_sync',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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
    nextTryAt: epochMs('next_try_at').notNull(),
    lastError: text('last_error'),
    sentAt: epochMs('sent_at'),
  },
  (t) => [index('lti_grade_sync_due_idx').on(t.status, t.nextTryAt)],
);

export const xapiQueue = pgTable(
  'xapi_queue',
  {
    id: text('id').primaryKey(),
    statement: json('statement').notNull(),
    createdAt: epochMs('created_at').notNull(),
    tries: integer('tries').notNull().default(0),
    nextTryAt: epochMs('next_try_at').notNull(),
    sentAt: epochMs('sent_at'),
    lastError: text('last_error'),
  },
  (t) => [index('xapi_queue_due_idx').on(t.sentAt, t.nextTryAt)],
);
