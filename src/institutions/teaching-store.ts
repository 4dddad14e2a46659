// Who teaches whom, and the trainees a member of staff reaches: the facts other features (exams'
// extra time and analytics) filter their own records by. A trainee is taught by the instructors
// assigned to the cohorts (of the trainee's institution) they are enrolled in. Subqueries are
// returned where another feature's query filters on them, so its list stays one statement.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cohortInstructors, cohorts, enrolments, traineeProfiles, users } from './schema.js';

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

/** People of the scope: the institution's, or only those an instructor teaches. */
function inScope(db: Db, scope: TraineeScope) {
  const institution = eq(users.institutionId, scope.institutionId);
  return scope.instructorId === undefined ? institution : and(institution, inArray(users.id, traineesTaughtBy(db, scope.instructorId, scope.institutionId)));
}

/** Ids of the people in the scope (any role: the records filtered on them name trainees), as a subquery. */
export function scopedPersonIds(db: Db, scope: TraineeScope) {
  return db.select({ id: users.id }).from(users).where(inScope(db, scope));
}

/** The trainees in the scope, by name (e.g. a form's picker). */
export function scopedTrainees(db: Db, scope: TraineeScope) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(inScope(db, scope), eq(users.role, 'trainee')))
    .orderBy(users.name, users.id)
    .all();
}

/** A trainee's account and institution; undefined for anyone who is not a trainee. */
export function findTrainee(db: Db, id: number) {
  return db
    .select({ id: users.id, institutionId: users.institutionId })
    .from(users)
    .where(and(eq(users.id, id), eq(users.role, 'trainee')))
    .get();
}

export type PersonContact = { id: number; name: string; email: string };

/** Name and e-mail of people by id. */
export function personContacts(db: Db, ids: readonly number[]): Map<number, PersonContact> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(inArray(users.id, [...ids]))
      .all()
      .map((r) => [r.id, r]),
  );
}

export type TraineeContact = PersonContact & { employeeNo: string | null };

/** The cohort's roster (people of the institution only), by name then id. */
export function rosterContacts(db: Db, cohortId: number, institutionId: number): TraineeContact[] {
  return db
    .select({ id: users.id, name: users.name, email: users.email, employeeNo: traineeProfiles.employeeNo })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .leftJoin(traineeProfiles, eq(traineeProfiles.userId, users.id))
    .where(and(eq(enrolments.cohortId, cohortId), eq(users.institutionId, institutionId)))
    .orderBy(asc(users.name), asc(users.id))
    .all();
}

/** The same facts for people of the institution named by id (e.g. who has left a roster), by name then id. */
export function traineeContacts(db: Db, ids: readonly number[], institutionId: number): TraineeContact[] {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name, email: users.email, employeeNo: traineeProfiles.employeeNo })
    .from(users)
    .leftJoin(traineeProfiles, eq(traineeProfiles.userId, users.id))
    .where(and(inArray(users.id, [...ids]), eq(users.institutionId, institutionId)))
    .orderBy(asc(users.name), asc(users.id))
    .all();
}

/** How many people are enrolled in the cohort. */
export function rosterSize(db: Db, cohortId: number): number {
  return db.select({ n: count() }).from(enrolments).where(eq(enrolments.cohortId, cohortId)).get()?.n ?? 0;
}
