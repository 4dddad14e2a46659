import { inTransaction, type Db } from '../db/client.js';
import { findUserById, setPasswordHash } from '../institutions/index.js';
import * as store from './store.js';
import { randomToken, sha256Hex } from './tokens.js';
import { hashPassword } from './passwords.js';

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * A one-time activation (or password-reset) link for an account; only its hash is stored. Issuing
 * one ends the account's earlier links: only the newest link handed out can set a password.
 */
export function createInvite(db: Db, userId: number, createdBy: number | null, now = Date.now()): string {
  const token = randomToken();
  inTransaction(db, () => {
    store.closeOpenInvites(db, userId, now);
    store.insertInvite(db, { tokenHash: sha256Hex(token), userId, createdBy, expiresAt: now + INVITE_TTL_MS });
  });
  return token;
}

export function findInviteUser(db: Db, token: string, now = Date.now()) {
  const invite = store.findOpenInvite(db, sha256Hex(token));
  if (!invite || invite.expiresAt <= now) return null;
  return findUserById(db, invite.userId) ?? null;
}

/**
 * Sets the password and burns the token, every other open link of the account and every session
 * it has (whoever knew the old password or held a session is out); returns the user id, or null if
 * the token is not usable. The caller starts the new session.
 */
export async function acceptInvite(db: Db, token: string, password: string, now = Date.now()): Promise<number | null> {
  const user = findInviteUser(db, token, now);
  if (!user) return null;
  const passwordHash = await hashPassword(password);
  return inTransaction(db, () => {
    // Re-check inside the transaction: two tabs submitting the same link must not both win.
    const invite = store.findOpenInvite(db, sha256Hex(token));
    if (!invite) return null;
    store.closeOpenInvites(db, user.id, now);
    setPasswordHash(db, user.id, passwordHash);
    store.deleteUserSessions(db, user.id);
    return user.id;
  });
}
