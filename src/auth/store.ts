import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { users } from '../db/schema.js';
import { sessions, loginThrottle, invites } from './schema.js';

// Every query the auth feature makes lives here.

export type UserRow = typeof users.$inferSelect;
export type Role = UserRow['role'];

export function insertSession(db: Db, row: typeof sessions.$inferInsert): void {
  db.insert(sessions).values(row).run();
}

// Every request with a cookie runs this, so the session and its user come back from one prepared
// statement rather than two lookups. A session always has its user: deleting a user deletes its
// sessions (ON DELETE CASCADE).
export function findSessionWithUser(db: Db, id: string) {
  return prepared(db, 'auth.sessionWithUser', (d) =>
    d
      .select({
        id: sessions.id,
        secretHash: sessions.secretHash,
        userId: sessions.userId,
        createdAt: sessions.createdAt,
        lastVerifiedAt: sessions.lastVerifiedAt,
        user: { id: users.id, email: users.email, name: users.name, role: users.role, institutionId: users.institutionId, locale: users.locale },
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
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

export function findUserById(db: Db, id: number): UserRow | undefined {
  return prepared(db, 'auth.findUserById', (d) =>
    d.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare(),
  ).get({ id });
}

export function findUserByEmail(db: Db, email: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.email, email)).get();
}

export function setPasswordHash(db: Db, userId: number, passwordHash: string): void {
  db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
}

export function setUserLocale(db: Db, userId: number, locale: 'zh-CN' | 'en'): void {
  db.update(users).set({ locale }).where(eq(users.id, userId)).run();
}

export function countUsers(db: Db): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
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
  return db.update(invites).set({ usedAt: at }).where(and(eq(invites.userId, userId), isNull(invites.usedAt))).run().changes;
}

