import type { Db } from '../db/client.js';
import * as store from './store.js';
import { ACCOUNT_LIMITS, IP_LIMITS, lockRemaining, recordFailure } from './throttle-rules.js';

const accountKey = (email: string) => `acct:${email}`;
const ipKey = (ip: string) => `ip:${ip}`;

/** Milliseconds the caller must wait before another login attempt, 0 if allowed. */
export function loginWait(db: Db, email: string, ip: string, now = Date.now()): number {
  return Math.max(
    lockRemaining(store.getThrottle(db, accountKey(email)), now),
    lockRemaining(store.getThrottle(db, ipKey(ip)), now),
  );
}

export function noteLoginFailure(db: Db, email: string, ip: string, now = Date.now()): void {
  store.putThrottle(db, { key: accountKey(email), ...recordFailure(store.getThrottle(db, accountKey(email)), ACCOUNT_LIMITS, now) });
  store.putThrottle(db, { key: ipKey(ip), ...recordFailure(store.getThrottle(db, ipKey(ip)), IP_LIMITS, now) });
}

/** A successful login clears the account's counter (not the IP's: one good password from an IP
 * that is trying many accounts should not reset that IP's count). */
export function noteLoginSuccess(db: Db, email: string): void {
  store.clearThrottle(db, accountKey(email));
}
