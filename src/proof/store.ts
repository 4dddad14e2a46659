import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { certificates, classSessions, cohorts, enrolments, hourEntries, institutions, traineeProfiles, users } from '../db/schema.js';
import { countsAt, effectiveAt } from '../hours/store.js';

// Every query of the proof feature about certificates and the facts they state. Streamed exports
// have their own module (exports-store.ts): they read through a separate connection.

export type Certificate = typeof certificates.$inferSelect;
export type NewCertificate = Omit<typeof certificates.$inferInsert, 'id'>;
export type LevelId = Certificate['level'];

export function insertCertificate(db: Db, row: NewCertificate): Certificate {
  return db.insert(certificates).values(row).returning().get();
}

export function serialTaken(db: Db, serial: string): boolean {
  return db.select({ one: sql`1` }).from(certificates).where(eq(certificates.serial, serial)).get() !== undefined;
}

export function findCertificate(db: Db, serial: string): Certificate | undefined {
  return db.select().from(certificates).where(eq(certificates.serial, serial)).get();
}

/** The trainee's one valid certificate for a level, if any. */
export function validCertificate(db: Db, traineeId: number, level: LevelId): Certificate | undefined {
  return db
    .select()
    .from(certificates)
    .where(and(eq(certificates.traineeId, traineeId), eq(certificates.level, level), eq(certificates.status, 'valid')))
    .get();
}

/** Every certificate of a trainee, newest first. */
export function traineeCertificates(db: Db, traineeId: number): Certificate[] {
  return db.select().from(certificates).where(eq(certificates.traineeId, traineeId)).orderBy(desc(certificates.issuedAt), desc(certificates.id)).all();
}

/** Certificates an institution issued at a level to the people enrolled in a cohort, newest first. */
export function cohortCertificates(db: Db, cohortId: number, institutionId: number, level: LevelId): Certificate[] {
  return db
    .select()
    .from(certificates)
    .where(
      and(
        eq(certificates.institutionId, institutionId),
        eq(certificates.level, level),
        inArray(certificates.traineeId, db.select({ id: enrolments.userId }).from(enrolments).where(eq(enrolments.cohortId, cohortId))),
      ),
    )
    .orderBy(desc(certificates.issuedAt), desc(certificates.id))
    .all();
}

export function markRevoked(db: Db, id: number, at: number, reason: string): void {
  db.update(certificates).set({ status: 'revoked', revokedAt: at, revokeReason: reason }).where(eq(certificates.id, id)).run();
}

export function markSuperseded(db: Db, id: number, bySerial: string): void {
  db.update(certificates).set({ status: 'superseded', supersededBy: bySerial }).where(eq(certificates.id, id)).run();
}

// --- the facts a certificate states -----------------------------------------------------------

export function traineeIdentity(db: Db, traineeId: number) {
  return db
    .select({ id: users.id, name: users.name, institutionId: users.institutionId, nationalId: traineeProfiles.nationalId, employeeNo: traineeProfiles.employeeNo })
    .from(users)
    .leftJoin(traineeProfiles, eq(traineeProfiles.userId, users.id))
    .where(eq(users.id, traineeId))
    .get();
}

export function institutionById(db: Db, id: number) {
  return db.select({ id: institutions.id, code: institutions.code, name: institutions.name }).from(institutions).where(eq(institutions.id, id)).get();
}

/**
 * When the trainee's credited learning at a level happened, as counted at `now`: the start of each
 * class session whose rows (corrections of it included) credit more than 0 minutes, and the time of
 * each positive self-study row. Not when ledger rows were written (a roster taken a week late is
 * still that day's class), and not corrections made without a session: those are paperwork, and
 * carry no date of learning.
 */
export function learningSpan(db: Db, traineeId: number, level: LevelId, now: number): { first: number | null; last: number | null } {
  const sessionDays = db
    .select({ at: sql<number>`min(${classSessions.startsAt})`.as('at') })
    .from(hourEntries)
    .innerJoin(classSessions, eq(classSessions.id, hourEntries.sessionId))
    .where(and(eq(hourEntries.traineeId, traineeId), eq(hourEntries.level, level), countsAt(now)))
    .groupBy(hourEntries.sessionId)
    .having(sql`sum(${hourEntries.minutes}) > 0`)
    .all();
  const studyDays = db
    .select({ first: sql<number | null>`min(${hourEntries.recordedAt})`, last: sql<number | null>`max(${hourEntries.recordedAt})` })
    .from(hourEntries)
    .where(
      and(
        eq(hourEntries.traineeId, traineeId),
        eq(hourEntries.level, level),
        isNull(hourEntries.sessionId),
        ne(hourEntries.source, 'correction'),
        gt(hourEntries.minutes, 0),
        lte(hourEntries.recordedAt, now),
      ),
    )
    .get();
  const days = [...sessionDays.map((r) => r.at), studyDays?.first, studyDays?.last].filter((d): d is number => typeof d === 'number');
  return days.length === 0 ? { first: null, last: null } : { first: Math.min(...days), last: Math.max(...days) };
}

/**
 * Class sessions of the trainee's cohorts at a level that have ended (held), and how many of them
 * credited the trainee any minutes (attended), whatever the evidence (roster, check-in, remote).
 */
export function sessionCounts(db: Db, traineeId: number, level: LevelId, now: number): { held: number; attended: number } {
  const held = db
    .select({ id: classSessions.id })
    .from(classSessions)
    .innerJoin(cohorts, eq(cohorts.id, classSessions.cohortId))
    .innerJoin(enrolments, and(eq(enrolments.cohortId, cohorts.id), eq(enrolments.userId, traineeId)))
    .where(and(eq(cohorts.level, level), lte(classSessions.endsAt, now)));
  const credited = db
    .select({ sessionId: hourEntries.sessionId })
    .from(hourEntries)
    .where(and(eq(hourEntries.traineeId, traineeId), eq(hourEntries.level, level), inArray(hourEntries.sessionId, held), countsAt(now)))
    .groupBy(hourEntries.sessionId)
    .having(sql`sum(${hourEntries.minutes}) > 0`)
    .all();
  return { held: held.all().length, attended: credited.length };
}

// --- the programme office's bundle ------------------------------------------------------------

/** An institution's cohorts whose dates overlap [from, to] (ISO calendar days). */
export function cohortsOverlapping(db: Db, institutionId: number, from: string, to: string) {
  return db
    .select()
    .from(cohorts)
    .where(and(eq(cohorts.institutionId, institutionId), lte(cohorts.startsOn, to), gte(cohorts.endsOn, from)))
    .orderBy(asc(cohorts.startsOn), asc(cohorts.id))
    .all();
}

/**
 * Per trainee of a cohort: minutes by mode that this institution recorded at the cohort's level and
 * that came to count in [fromMs, toMs) and by `now` (a class session's rows count from its end).
 * Ordered by name, id.
 */
export function cohortTotals(db: Db, cohortId: number, institutionId: number, level: LevelId, fromMs: number, toMs: number, now: number) {
  const minutes = (mode: string) =>
    sql<number>`coalesce((select sum(${hourEntries.minutes}) from ${hourEntries} where ${hourEntries.traineeId} = ${users.id}
      and ${hourEntries.institutionId} = ${institutionId} and ${hourEntries.level} = ${level} and ${hourEntries.mode} = ${mode}
      and ${effectiveAt} >= ${fromMs} and ${effectiveAt} < ${toMs} and ${countsAt(now)}), 0)`;
  return db
    .select({
      id: users.id,
      name: users.name,
      nationalId: traineeProfiles.nationalId,
      employeeNo: traineeProfiles.employeeNo,
      faceToFace: minutes('faceToFace'),
      remote: minutes('remote'),
      selfStudy: minutes('selfStudy'),
    })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .leftJoin(traineeProfiles, eq(traineeProfiles.userId, users.id))
    .where(eq(enrolments.cohortId, cohortId))
    .orderBy(asc(users.name), asc(users.id))
    .all();
}

export function cohortSessionCount(db: Db, cohortId: number, fromMs: number, toMs: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(classSessions)
      .where(and(eq(classSessions.cohortId, cohortId), gte(classSessions.startsAt, fromMs), lt(classSessions.startsAt, toMs)))
      .get()?.n ?? 0
  );
}

/** Certificates an institution issued in [fromMs, toMs), oldest first. */
export function certificatesIssued(db: Db, institutionId: number, fromMs: number, toMs: number): Certificate[] {
  return db
    .select()
    .from(certificates)
    .where(and(eq(certificates.institutionId, institutionId), gte(certificates.issuedAt, fromMs), lt(certificates.issuedAt, toMs)))
    .orderBy(asc(certificates.issuedAt), asc(certificates.id))
    .all();
}
