import { localisedCourseTitle } from '../../catalog/index.js';
import type { AppEnv } from '../../env.js';
import type { ClassSession } from '../store.js';

// Small pieces the session routes share: course names in the reader's language, and where "back
// to the cohort" leads for each role.

/** The part of a request context these helpers read (any route's env has it). */
type Ctx = { var: Pick<AppEnv['Variables'], 'deps' | 'locale' | 'user'> };

export type ClassItem = { session: ClassSession; courseTitle: string };

export function courseTitle(c: Ctx, slug: string): string {
  return localisedCourseTitle(c.var.deps.catalog, c.var.locale, slug);
}

export function classItem(c: Ctx, session: ClassSession): ClassItem {
  return { session, courseTitle: courseTitle(c, session.courseSlug) };
}

/** The cohort page of the viewer's own area (admin or instructor). */
export function cohortHref(c: Ctx, cohortId: number): string {
  return c.var.user?.role === 'admin' ? `/admin/cohorts/${cohortId}` : `/instructor/cohorts/${cohortId}`;
}

export const classesHref = (cohortId: number) => `/cohorts/${cohortId}/sessions`;
export const attendanceHref = (sessionId: number) => `/sessions/${sessionId}/attendance`;
