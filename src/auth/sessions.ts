import type { Db } from '../db/client.js';
import { findUserById } from '../institutions/index.js';
import * as store from './store.js';
import { randomToken, sha256Bytes, bytesEqual } from './tokens.js';

// Sessions as the Lucia guide teaches them: the cookie holds "<id>.<secret>", the database holds
// the id and SHA-256(secret). A stolen database therefore yields no usable token.

export const SESSION_COOKIE = 'bcm_session';
/** Inactivity timeout: a session unused this long is gone (sliding expiry). */
export const INACTIVITY_TIMEOUT_MS = 10 * 24 * 60 * 60 * 1000;
/** lastVerifiedAt is written at most this often, to keep SQLite writes off the hot path. */
export const ACTIVITY_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export type Session = { id: string; userId: number; createdAt: number; lastVerifiedAt: number };
export type SessionWithToken = Session & { token: string };

export function createSession(db: Db, userId: number, now = Date.now()): SessionWithToken {
  const id = randomToken();
  const secret = randomToken();
  const session = { id, userId, createdAt: now, lastVerifiedAt: now };
  store.insertClass(db, { ...session, secretHash: Buffer.from(sha256Bytes(secret)) });
  return { ...session, token: `${id}.${secret}` };
}

/** The account a valid session belongs to, as every request needs it. */
export type SessionUser = Pick<store.UserRow, 'id' | 'email' | 'name' | 'role' | 'institutionId' | 'locale'>;

/**
 * Returns the session for a cookie token, with its user, or null for anything invalid (malformed,
 * unknown, wrong secret, expired). Refreshes lastVerifiedAt when the activity interval has passed;
 * `refreshed` tells the caller to re-send the cookie so its Max-Age slides too.
 */
export function validateSessionToken(db: Db, token: string, now = Date.now()): { session: Session; user: SessionUser; refreshed: boolean } | null {
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  const [id, secret] = parts;
  const row = store.findSession(db, id);
  if (!row) return null;
  if (!bytesEqual(sha256Bytes(secret), new Uint8Array(row.secretHash))) return null;
  if (now - row.lastVerifiedAt >= INACTIVITY_TIMEOUT_MS) {
    store.deleteSession(db, id);
    return null;
  }
  const account = findUserById(db, row.userId);
  if (!account) return null;
  const user: SessionUser = {
    id: account.id,
    email: account.email,
    name: account.name,
    role: account.role,
    institutionId: account.institutionId,
    locale: account.locale,
  };
  const session: Session = { id: row.id, userId: row.userId, createdAt: row.createdAt, lastVerifiedAt: row.lastVerifiedAt };
  if (now - row.lastVerifiedAt >= ACTIVITY_CHECK_INTERVAL_MS) {
    session.lastVerifiedAt = now;
    store.touchSession(db, id, now);
    return { session, user, refreshed: true };
  }
  return { session, user, refreshed: false };
}

export function invalidateSession(db: Db, sessionId: string): void {
  store.deleteSession(db, sessionId);
}

/** "Log out everywhere". */
export function invalidateUserSessions(db: Db, userId: number): number {
  return store.deleteUserSessions(db, userId);
}
