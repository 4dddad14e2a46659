import { inTransaction, type Db } from '../db/client.js';
import * as store from './store.js';
import { ACCOUNT_LIMITS, IP_LIMITS, lockRemaining, recordFailure, releaseFailure } from './throttle-rules.js';

const accountKey = (email: string) => `acct:${email}`;
const ipKey = (ip: string) => `ip:${ip}`;

/**
 * Reserves one login attempt before the password is checked: the attempt is counted as a failure
 * at once, in one immediate transaction, so parallel requests cannot all pass the check while
 * the slow hash of the first is still running (40 parallel guesses are 5 checked, 35 refused).
 * Returns the milliseconds to wait when the account or the IP is locked (nothing reserved), else 0.
 */
export function reserveLoginAttempt(db: Db, email: string, ip: string, now = Date.now()): number {
  return inTransaction(
    db,
    () => {
      const account = store.getThrottle(db, accountKey(email));
      const fromIp = store.getThrottle(db, ipKey(ip));
      const wait = Math.max(lockRemaining(account, now), lockRemaining(fromIp, now));
      if (wait > 0) return wait;
      store.putThrottle(db, { key: accountKey(email), ...recordFailure(account, ACCOUNT_LIMITS, now) });
      store.putThrottle(db, { key: ipKey(ip), ...recordFailure(fromIp, IP_LIMITS, now) });
      return 0;
    },
    'immediate',
  );
}

/**
 * The reserved attempt was the right password: the account's counter is cleared and the IP's
 * reservation handed back (one good password from an IP trying many accounts does not reset it).
 */
export function noteLoginSuccess(db: Db, email: string, ip: string, now = Date.now()): void {
  inTransaction(
    db,
    () => {
      store.clearThrottle(db, accountKey(email));
      const fromIp = store.getThrottle(db, ipKey(ip));
      if (fromIp) store.putThrottle(db, { key: ipKey(ip), ...releaseFailure(fromIp, IP_LIMITS, now) });
    },
    'immediate',
  );
}
