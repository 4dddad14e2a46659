// The auth feature as other features and views see it: signing in (login sessions, invitations,
// passwords, failed-login counters), the middleware that loads the current user and checks roles,
// and the one place that decides who may reach a cohort. It owns the login-session tables
// (schema.ts); the accounts themselves are the institutions feature's.

export { loadSession, requireRole, csrfProtection, CSRF_REJECTED } from './middleware.js';
export { assertCohortAccess, cohortAccess, type CohortAccessMode, type CohortEnv } from './access.js';
export { canManageCohort, canSeeSensitive, canTeachCohort, canViewCohort, hasRole, homeFor } from './policy.js';
export { createSession, invalidateUserSessions, INACTIVITY_TIMEOUT_MS, SESSION_COOKIE, type SessionUser } from './sessions.js';
export { createInvite, INVITE_TTL_MS } from './invites.js';
export { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.js';
export { randomToken, sha256Hex } from './tokens.js';
// Failed-attempt counters keyed by any string (login, classroom check-in codes).
export { clearThrottle, getThrottle, putThrottle } from './store.js';
export { lockRemaining, recordFailure, type Limits } from './throttle-rules.js';
export type { Role } from './store.js';
