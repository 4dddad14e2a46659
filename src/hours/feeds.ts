import { inTransaction, type Db } from '../db/client.js';
import { randomToken, sha256Hex, canViewCohort } from '../auth/index.js';
import type { CurrentUser } from '../env.js';
import { findCohort, findUserById, isAssignedInstructor, writeAudit, type Cohort } from '../institutions/index.js';
import * as store from './store.js';
import { deleteFeeds } from './ledger/report-store.js';

// Secret calendar feed addresses. Calendar apps cannot log in, so the URL carries a token; we keep
// only its SHA-256, show the token once, and a person's new feed for the same scope replaces
// their old one (the way to revoke a leaked address).

export type FeedUrls = { https: string; webcal: string };

export function feedUrls(publicUrl: URL, token: string): FeedUrls {
  const https = new URL(`/calendar/${token}.ics`, publicUrl).toString();
  return { https, webcal: https.replace(/^https?:/, 'webcal:') };
}

/** Makes a feed for the person (cohortId null: all their own cohorts) and returns its token. */
export function createFeed(db: Db, owner: { id: number; institutionId: number | null }, cohortId: number | null, now = Date.now()): string {
  const token = randomToken();
  inTransaction(db, () => {
    deleteFeeds(db, owner.id, cohortId);
    store.insertFeed(db, { tokenHash: sha256Hex(token), userId: owner.id, cohortId, createdAt: now });
    writeAudit(
      db,
      {
        actorId: owner.id,
        institutionId: owner.institutionId,
        action: 'calendar.createFeed',
        subject: cohortId === null ? `user:${owner.id}` : `cohort:${cohortId}`,
      },
      now,
    );
  });
  return token;
}

type UserRow = NonNullable<ReturnType<typeof findUserById>>;
export type ResolvedFeed = { kind: 'trainee'; user: UserRow } | { kind: 'cohort'; user: UserRow; cohort: Cohort };

/**
 * What a token opens, or null. A cohort feed is re-checked against its maker's access on every
 * fetch, so an instructor taken off a cohort stops receiving it.
 */
export function resolveFeed(db: Db, token: string): ResolvedFeed | null {
  const feed = store.findFeed(db, sha256Hex(token));
  const user = feed?.userId != null ? findUserById(db, feed.userId) : undefined;
  if (!feed || !user) return null;
  if (feed.cohortId === null) return user.role === 'trainee' ? { kind: 'trainee', user } : null;
  const cohort = findCohort(db, feed.cohortId);
  if (!cohort) return null;
  const viewer: CurrentUser = {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    institutionId: user.institutionId,
    sessionId: '',
    locale: user.locale,
  };
  const assigned = user.role === 'instructor' && isAssignedInstructor(db, cohort.id, user.id);
  return canViewCohort(viewer, cohort, assigned) ? { kind: 'cohort', user, cohort } : null;
}
