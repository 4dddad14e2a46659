import { and, asc, count, desc, eq, inArray, lte, gte, sql, type Placeholder } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { auditLog, cohortInstructors, cohorts, enrolments, institutions, traineeProfiles, users } from './schema.js';

// Every query about institutions, cohorts, people and enrolments. Callers pass the institution
// they are scoped to; nothing here decides access (see auth/policy.ts).

export type Institution = typeof institutions.$inferSelect;
export type Cohort = typeof cohorts.$inferSelect;
export type Level = Cohort['level'];
export type Profile = typeof traineeProfiles.$inferSelect;
export type Education = NonNullable<Profile['education']>;
export type UserRow = typeof users.$inferSelect;
export type Role = UserRow['role'];

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
  const rows = (institutionId === undefined ? q : q.where(eq(cohorts.institutionId, institutionId))).orderBy(asc(cohorts.startsOn), asc(cohorts.id)).all();
  return rows.map((r) => ({ ...r.cohort, trainees: r.trainees }));
}

export function createCohort(db: Db, values: Omit<typeof cohorts.$inferInsert, 'id' | 'createdAt'>, now = Date.now()): Cohort {
  return db
    .insert(cohorts)
    .values({ ...values, createdAt: now })
    .returning()
    .get();
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
    d
      .select()
      .from(traineeProfiles)
      .where(eq(traineeProfiles.userId, sql.placeholder('userId')))
      .prepare(),
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
  const rows = db.select({ institutionId: users.institutionId, n: count() }).from(users).where(eq(users.role, 'trainee')).groupBy(users.institutionId).all();
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

// --- what other features ask of cohorts and people ----------------------------------------------

/** Whether the person is enrolled in the cohort. */
export function isEnrolled(db: Db, cohortId: number, traineeId: number): boolean {
  return (
    db
      .select({ one: sql`1` })
      .from(enrolments)
      .where(and(eq(enrolments.cohortId, cohortId), eq(enrolments.userId, traineeId)))
      .get() !== undefined
  );
}

/** The trainee's cohorts, newest first, with their level and institution. */
export function traineeCohorts(db: Db, traineeId: number) {
  return prepared(db, 'people.traineeCohorts', (d) =>
    d
      .select({
        id: cohorts.id,
        level: cohorts.level,
        institutionId: cohorts.institutionId,
        name: cohorts.name,
        startsOn: cohorts.startsOn,
        endsOn: cohorts.endsOn,
      })
      .from(enrolments)
      .innerJoin(cohorts, eq(cohorts.id, enrolments.cohortId))
      .where(eq(enrolments.userId, sql.placeholder('traineeId')))
      .orderBy(desc(cohorts.startsOn), desc(cohorts.id))
      .prepare(),
  ).all({ traineeId });
}

/**
 * The ids of the people enrolled in a cohort, as a subquery another feature's query filters on
 * (`inArray(column, cohortMemberIds(db, id))`), so a whole cohort stays one statement.
 */
export function cohortMemberIds(db: Db, cohortId: number) {
  return db.select({ id: enrolments.userId }).from(enrolments).where(eq(enrolments.cohortId, cohortId));
}

/**
 * The ids of the cohorts a trainee is enrolled in (at one level, if given), as a subquery; the
 * trainee may be a placeholder, for a statement prepared once.
 */
export function traineeCohortIds(db: Db, traineeId: number | Placeholder, level?: Level) {
  const where = level === undefined ? eq(enrolments.userId, traineeId) : and(eq(enrolments.userId, traineeId), eq(cohorts.level, level));
  return db.select({ id: cohorts.id }).from(enrolments).innerJoin(cohorts, eq(cohorts.id, enrolments.cohortId)).where(where);
}

export type CohortTrainee = {
  id: number;
  name: string;
  employeeNo: string | null;
  /** Null when the trainee has no profile row (all flags then read as their defaults). */
  education: Education | null;
  yearsInFinance: number | null;
  assistantCertificate: boolean | null;
  majorViolation: boolean | null;
};

/** Everyone enrolled in a cohort with the profile facts the hours rules read, by name. */
export function cohortTrainees(db: Db, cohortId: number): CohortTrainee[] {
  return db
    .select({
      id: users.id,
      name: users.name,
      employeeNo: traineeProfiles.employeeNo,
      education: traineeProfiles.education,
      yearsInFinance: traineeProfiles.yearsInFinance,
      assistantCertificate: traineeProfiles.assistantCertificate,
      majorViolation: traineeProfiles.majorViolation,
    })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .leftJoin(traineeProfiles, eq(traineeProfiles.userId, users.id))
    .where(eq(enrolments.cohortId, cohortId))
    .orderBy(users.name, users.id)
    .all();
}

export type TraineeIdentity = { id: number; name: string; nationalId: string | null; employeeNo: string | null };

/** Who is enrolled in a cohort, as records that name a person show them, ordered by name, id. */
export function cohortIdentities(db: Db, cohortId: number): TraineeIdentity[] {
  return db
    .select({ id: users.id, name: users.name, nationalId: traineeProfiles.nationalId, employeeNo: traineeProfiles.employeeNo })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .leftJoin(traineeProfiles, eq(traineeProfiles.userId, users.id))
    .where(eq(enrolments.cohortId, cohortId))
    .orderBy(asc(users.name), asc(users.id))
    .all();
}

/** One person as a certificate names them, with the institution they belong to. */
export function traineeIdentity(db: Db, traineeId: number) {
  return db
    .select({
      id: users.id,
      name: users.name,
      institutionId: users.institutionId,
      nationalId: traineeProfiles.nationalId,
      employeeNo: traineeProfiles.employeeNo,
    })
    .from(users)
    .leftJoin(traineeProfiles, eq(traineeProfiles.userId, users.id))
    .where(eq(users.id, traineeId))
    .get();
}

/** Names of cohorts by id. */
export function cohortNames(db: Db, ids: readonly number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({ id: cohorts.id, name: cohorts.name })
      .from(cohorts)
      .where(inArray(cohorts.id, [...ids]))
      .all()
      .map((r) => [r.id, r.name]),
  );
}

/** Names of people by id (e.g. who recorded a ledger row). */
export function personNames(db: Db, ids: readonly number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, [...ids]))
      .all()
      .map((r) => [r.id, r.name]),
  );
}

/** An institution's cohorts whose dates overlap [from, to] (ISO calendar days). */
export function cohortsOverlapping(db: Db, institutionId: number, from: string, to: string): Cohort[] {
  return db
    .select()
    .from(cohorts)
    .where(and(eq(cohorts.institutionId, institutionId), lte(cohorts.startsOn, to), gte(cohorts.endsOn, from)))
    .orderBy(asc(cohorts.startsOn), asc(cohorts.id))
    .all();
}

// --- accounts (login, password, language) ------------------------------------------------------

export function findUserById(db: Db, id: number): UserRow | undefined {
  return prepared(db, 'auth.findUserById', (d) =>
    d
      .select()
      .from(users)
      .where(eq(users.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
}

export function findUserByEmail(db: Db, email: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.email, email)).get();
}

export function setPasswordHash(db: Db, userId: number, passwordHash: string): void {
  db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
}

export function setUserLocale(db: Db, userId: number, locale: 'zh-CN' | 'en'): void {
  db.update(users).set({ locale }).where(eq(users.id, userId)).run();
}

export function countUsers(db: Db): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
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

/** Takes a trainee off a cohort's roster. Their hours and exam attempts are records of their own and stay. */
export function unenrol(db: Db, cohortId: number, userId: number): boolean {
  return (
    db
      .delete(enrolments)
      .where(and(eq(enrolments.cohortId, cohortId), eq(enrolments.userId, userId)))
      .run().changes > 0
  );
}

export function renameUser(db: Db, userId: number, name: string): void {
  db.update(users).set({ name }).where(eq(users.id, userId)).run();
}

export function updateCohort(db: Db, id: number, values: Pick<Cohort, 'name' | 'startsOn' | 'endsOn'>): Cohort {
  return db.update(cohorts).set(values).where(eq(cohorts.id, id)).returning().get();
}
