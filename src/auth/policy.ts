import type { CurrentUser } from '../env.js';
import type { Role } from './store.js';

// Who may see what, as pure rules. Routes never decide access themselves: they go through the
// middleware in access.ts, which calls these.

export type CohortScope = { institutionId: number };

/** May this user see a cohort and its people at all? Instructors only their assigned cohorts. */
export function canViewCohort(user: CurrentUser, cohort: CohortScope, assignedInstructor: boolean): boolean {
  switch (user.role) {
    case 'office':
      return true;
    case 'admin':
      return user.institutionId === cohort.institutionId;
    case 'instructor':
      return user.institutionId === cohort.institutionId && assignedInstructor;
    default:
      return false;
  }
}

/** May this user change a cohort (enrol, import, assign)? Only its own institution's admin. */
export function canManageCohort(user: CurrentUser, cohort: CohortScope): boolean {
  return user.role === 'admin' && user.institutionId === cohort.institutionId;
}

/**
 * May this user run a cohort's class sessions (schedule them, take attendance, show the check-in
 * code)? Its own institution's admin, or an instructor assigned to it; the office only supervises.
 */
export function canTeachCohort(user: CurrentUser, cohort: CohortScope, assignedInstructor: boolean): boolean {
  switch (user.role) {
    case 'admin':
      return user.institutionId === cohort.institutionId;
    case 'instructor':
      return user.institutionId === cohort.institutionId && assignedInstructor;
    default:
      return false;
  }
}

/**
 * National ID and phone (PIPL sensitive personal information) are shown in clear only to the
 * person themselves and to their own institution's admin; everyone else sees them masked.
 */
export function canSeeSensitive(viewer: CurrentUser, subject: { id: number; institutionId: number | null }): boolean {
  if (viewer.id === subject.id) return true;
  return viewer.role === 'admin' && viewer.institutionId !== null && viewer.institutionId === subject.institutionId;
}

export function hasRole(user: CurrentUser | null, roles: readonly Role[]): user is CurrentUser {
  return user !== null && roles.includes(user.role);
}

/** Where each role lands after signing in. */
export function homeFor(role: string): string {
  return { trainee: '/me', instructor: '/instructor', admin: '/admin', office: '/office' }[role] ?? '/';
}
