// The facts behind scoping staff in exams: which trainees an instructor teaches. A trainee is
// taught by the instructors assigned to the cohorts (of the trainee's institution) they are
// enrolled in. The rule that uses these facts is in staff-scope.ts.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cohortInstructors, cohorts, enrolments } from '../db/schema.js';

/** The trainees a staff user reaches, as a filter for lists: a whole institution, or an instructor's cohorts. */
export type TraineeScope = { institutionId: number; instructorId?: number };

/** Ids of the trainees enrolled in the institution's cohorts that the instructor is assigned to, as a subquery. */
export function traineesTaughtBy(db: Db, instructorId: number, institutionId: number) {
  return db
    .selectDistinct({ id: enrolments.userId })
    .from(enrolments)
    .innerJoin(cohortInstructors, eq(cohortInstructors.cohortId, enrolments.cohortId))
    .innerJoin(cohorts, eq(cohorts.id, enrolments.cohortId))
    .where(and(eq(cohortInstructors.userId, instructorId), eq(cohorts.institutionId, institutionId)));
}

/** Is the trainee enrolled in one of the institution's cohorts that the instructor is assigned to? */
export function teachesTrainee(db: Db, instructorId: number, institutionId: number, traineeId: number): boolean {
  return (
    db
      .select({ one: sql`1` })
      .from(enrolments)
      .innerJoin(cohortInstructors, eq(cohortInstructors.cohortId, enrolments.cohortId))
      .innerJoin(cohorts, eq(cohorts.id, enrolments.cohortId))
      .where(and(eq(enrolments.userId, traineeId), eq(cohortInstructors.userId, instructorId), eq(cohorts.institutionId, institutionId)))
      .limit(1)
      .get() !== undefined
  );
}
