import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { auditLog, cohortInstructors, cohorts, enrolments, institutions, traineeProfiles, users } from '../db/schema.js';

// Every query about institutions, cohorts, people and enrolments. Callers pass the institution
// they are scoped to; nothing here decides access (see auth/policy.ts).

export type Institution = typeof institutions.$inferSelect;
export type Cohort = typeof cohorts.$inferSelect;
export type Level = Cohort['level'];
export type Profile = typeof traineeProfiles.$inferSelect;
export type Education = NonNullable<Profile['education']>;

/** An institution's name appears on every certificate it issues; 80 characters fit the page. */
export const INSTITUTION_NAME_MAX = 80;

export function createInstitution(db: Db, code: string, name: string, now = Date.now()): Institution {
  return db.insert(institutions).values({ code, name, createdAt: now }).returning().get();
}

export function findInstitutionByCode(db: Db, code: string): Institution | undefined {
  return db.select().from(institutions).where(eq(institutions.code, code)).get();
}

export function findInstitution(db: Db, id: number): Institution | undefined {
  return db.select().from(institutions).where(eq(institutions.id, id)).get();
}

export function listInstitutions(db: Db): Institution[] {
  return db.select().from(institutions).orderBy(asc(institutions.name)).all();
}

export type CohortSummary = Cohort & { trainees: number };

// Both sides named in full: drizzle writes a column of a one-table query without its table, and an
// unqualified "id" inside the subquery would bind to enrolments.id.
const traineeCount = sql<number>`(select count(*) from "enrolments" as "e" where "e"."cohort_id" = "cohorts"."id")`;

export function listCohorts(db: Db, institutionId?: number): CohortSummary[] {
  const q = db.select({ cohort: cohorts, trainees: traineeCount }).from(cohorts);
  const rows = (institutionId === undefined ? q : q.where(eq(cohorts.institutionId, institutionId)))
    .orderBy(asc(cohorts.startsOn), asc(cohorts.id))
    .all();
  return rows.map((r) => ({ ...r.cohort, trainees: r.trainees }));
}

export function createCohort(db: Db, values: Omit<typeof cohorts.$inferInsert, 'id' | 'createdAt'>, now = Date.now()): Cohort {
  return db.insert(cohorts).values({ ...values, createdAt: now }).returning().get();
}

export function findCohort(db: Db, id: number): Cohort | undefined {
  return db.select().from(cohorts).where(eq(cohorts.id, id)).get();
}

export function findCohortByName(db: Db, institutionId: number, name: string): Cohort | undefined {
  return db
    .select()
    .from(cohorts)
    .where(and(eq(cohorts.institutionId, institutionId), eq(cohorts.name, name)))
    .get();
}

export function isAssignedInstructor(db: Db, cohortId: number, userId: number): boolean {
  return (
    db
      .select({ one: sql`1` })
      .from(cohortInstructors)
      .where(and(eq(cohortInstructors.cohortId, cohortId), eq(cohortInstructors.userId, userId)))
      .get() !== undefined
  );
}

export function assignInstructor(db: Db, cohortId: number, userId: number): void {
  db.insert(cohortInstructors).values({ cohortId, userId }).onConflictDoNothing().run();
}

export function listCohortInstructors(db: Db, cohortId: number) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(cohortInstructors)
    .innerJoin(users, eq(users.id, cohortInstructors.userId))
    .where(eq(cohortInstructors.cohortId, cohortId))
    .orderBy(asc(users.name))
    .all();
}

export function listInstructorCohorts(db: Db, userId: number): CohortSummary[] {
  const rows = db
    .select({ cohort: cohorts, trainees: traineeCount })
    .from(cohortInstructors)
    .innerJoin(cohorts, eq(cohorts.id, cohortInstructors.cohortId))
    .where(eq(cohortInstructors.userId, userId))
    .orderBy(asc(cohorts.startsOn))
    .all();
  return rows.map((r) => ({ ...r.cohort, trainees: r.trainees }));
}

export type Person = {
  id: number;
  name: string;
  email: string;
  role: 'trainee' | 'instructor' | 'admin' | 'office';
  institutionId: number | null;
  activated: boolean;
};

const personColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  institutionId: users.institutionId,
  activated: sql<boolean>`${users.passwordHash} is not null`.mapWith(Boolean),
};

export function listInstructors(db: Db, institutionId: number): Person[] {
  return db
    .select(personColumns)
    .from(users)
    .where(and(eq(users.institutionId, institutionId), eq(users.role, 'instructor')))
    .orderBy(asc(users.name))
    .all();
}

export function findPerson(db: Db, id: number): Person | undefined {
  return db.select(personColumns).from(users).where(eq(users.id, id)).get();
}

export function findPersonByEmail(db: Db, email: string): Person | undefined {
  return db.select(personColumns).from(users).where(eq(users.email, email)).get();
}

export type RosterEntry = Person & { profile: Profile | null; enrolledAt: number };

export function listRoster(db: Db, cohortId: number): RosterEntry[] {
  return db
    .select({ ...personColumns, profile: traineeProfiles, enrolledAt: enrolments.enrolledAt })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .leftJoin(traineeProfiles, eq(traineeProfiles.userId, users.id))
    .where(eq(enrolments.cohortId, cohortId))
    .orderBy(asc(users.name), asc(users.id))
    .all();
}

export function createUser(
  db: Db,
  values: { email: string; name: string; role: Person['role']; institutionId: number | null; passwordHash?: string | null },
  now = Date.now(),
): Person {
  const row = db
    .insert(users)
    .values({ ...values, passwordHash: values.passwordHash ?? null, createdAt: now })
    .returning()
    .get();
  return { id: row.id, name: row.name, email: row.email, role: row.role, institutionId: row.institutionId, activated: row.passwordHash !== null };
}

export function upsertProfile(db: Db, profile: typeof traineeProfiles.$inferInsert): void {
  const { userId, ...rest } = profile;
  db.insert(traineeProfiles).values(profile).onConflictDoUpdate({ target: traineeProfiles.userId, set: rest }).run();
}

export function findProfile(db: Db, userId: number): Profile | undefined {
  return prepared(db, 'people.findProfile', (d) =>
    d.select().from(traineeProfiles).where(eq(traineeProfiles.userId, sql.placeholder('userId'))).prepare(),
  ).get({ userId });
}

/** Returns false when the trainee was already enrolled. */
export function enrol(db: Db, cohortId: number, userId: number, now = Date.now()): boolean {
  return db.insert(enrolments).values({ cohortId, userId, enrolledAt: now }).onConflictDoNothing().run().changes > 0;
}

export function listUserEnrolments(db: Db, userId: number) {
  return prepared(db, 'people.listUserEnrolments', (d) =>
    d
      .select({ cohort: cohorts, institutionName: institutions.name })
      .from(enrolments)
      .innerJoin(cohorts, eq(cohorts.id, enrolments.cohortId))
      .innerJoin(institutions, eq(institutions.id, cohorts.institutionId))
      .where(eq(enrolments.userId, sql.placeholder('userId')))
      .orderBy(asc(cohorts.startsOn))
      .prepare(),
  ).all({ userId });
}

export function countTraineesByInstitution(db: Db): Map<number, number> {
  const rows = db
    .select({ institutionId: users.institutionId, n: count() })
    .from(users)
    .where(eq(users.role, 'trainee'))
    .groupBy(users.institutionId)
    .all();
  return new Map(rows.filter((r) => r.institutionId !== null).map((r) => [r.institutionId as number, r.n]));
}

export function writeAudit(
  db: Db,
  entry: { actorId: number | null; institutionId: number | null; action: string; subject: string; detail?: unknown },
  now = Date.now(),
): void {
  db.insert(auditLog)
    .values({ ...entry, detail: entry.detail ?? null, at: now })
    .run();
}

/** One trainee of a cohort's roster, or undefined when they are not enrolled in it. */
export function findRosterEntry(db: Db, cohortId: number, userId: number): RosterEntry | undefined {
  return db
    .select({ ...personColumns, profile: traineeProfiles, enrolledAt: enrolments.enrolledAt })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .leftJoin(traineeProfiles, eq(traineeProfiles.userId, users.id))
    .where(and(eq(enrolments.cohortId, cohortId), eq(enrolments.userId, userId)))
    .get();
}

export function isEnrolled(db: Db, cohortId: number, userId: number): boolean {
  return db.select({ one: sql`1` }).from(enrolments).where(and(eq(enrolments.cohortId, cohortId), eq(enrolments.userId, userId))).get() !== undefined;
}

/** Takes a trainee off a cohort's roster. Their hours and exam attempts are records of their own and stay. */
export function unenrol(db: Db, cohortId: number, userId: number): boolean {
  return db.delete(enrolments).where(and(eq(enrolments.cohortId, cohortId), eq(enrolments.userId, userId))).run().changes > 0;
}

export function renameUser(db: Db, userId: number, name: string): void {
  db.update(users).set({ name }).where(eq(users.id, userId)).run();
}

export function updateCohort(db: Db, id: number, values: Pick<Cohort, 'name' | 'startsOn' | 'endsOn'>): Cohort {
  return db.update(cohorts).set(values).where(eq(cohorts.id, id)).returning().get();
}
