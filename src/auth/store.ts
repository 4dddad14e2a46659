import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { sessions, loginThrottle, invites } from './schema.js';

// Every query the auth feature makes on its own tables (sessions, throttle counters, invitations);
// accounts are the institutions feature's (users), reached through its index.

export type { Role, UserRow } from '../institutions/index.js';

export function insertClass(db: Db, row: typeof sessions.$inferInsert): void {
  db.insert(sessions).values(row).run();
}

// Every request with a cookie runs this: one prepared statement on the session, then one on its
// user (institutions' findUserById). A session always has its user: deleting a user deletes its
// sessions (ON DELETE CASCADE).
export function findSession(db: Db, id: string) {
  return prepared(db, 'auth.findSession', (d) =>
    d
      .select()
      .from(sessions)
      .where(eq(sessions.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
}

export function touchSession(db: Db, id: string, at: number): void {
  db.update(sessions).set({ lastVerifiedAt: at }).where(eq(sessions.id, id)).run();
}

export function deleteSession(db: Db, id: string): void {
  db.delete(sessions).where(eq(sessions.id, id)).run();
}

export function deleteUserSessions(db: Db, userId: number): number {
  return db.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
}

// --- login throttling -------------------------------------------------------------------------

export type ThrottleRow = typeof loginThrottle.$inferSelect;

export function getThrottle(db: Db, key: string): ThrottleRow | undefined {
  return db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
}

export function putThrottle(db: Db, row: ThrottleRow): void {
  db.insert(loginThrottle)
    .values(row)
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: { failures: row.failures, windowStart: row.windowStart, lockedUntil: row.lockedUntil },
    })
    .run();
}

export function clearThrottle(db: Db, key: string): void {
  db.delete(loginThrottle).where(eq(loginThrottle.key, key)).run();
}

// --- invitations ------------------------------------------------------------------------------

export function insertInvite(db: Db, row: typeof invites.$inferInsert): void {
  db.insert(invites).values(row).run();
}

export function findOpenInvite(db: Db, tokenHash: string) {
  return db
    .select()
    .from(invites)
    .where(and(eq(invites.tokenHash, tokenHash), isNull(invites.usedAt)))
    .get();
}

/** Ends every link of the user that could still be used (a newer link or an activation supersedes them). */
export function closeOpenInvites(db: Db, userId: number, at: number): number {
  return db
    .update(invites)
    .set({ usedAt: at })
    .where(and(eq(invites.userId, userId), isNull(invites.usedAt)))
    .run().changes;
}
