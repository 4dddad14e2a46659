import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import { auditLog, calendarFeeds, classSessions, cohorts, enrolments, hourEntries, institutions, traineeProfiles, users } from '../db/schema.js';
import { countsAt, type HourEntry } from './store.js';

// Queries behind the institution dashboards (cohort hours, trainee ledger, audit, calendar feeds).
// Each one answers for a whole cohort or page at once: the cohort report must stay a handful of
// grouped queries even for thousands of trainees.

export type CohortTrainee = {
  id: number;
  name: string;
  employeeNo: string | null;
  /** Null when the trainee has no profile row (all flags then read as their defaults). */
  education: 'associate' | 'bachelor' | 'master' | 'doctorate' | 'other' | null;
  yearsInFinance: number | null;
  assistantCertificate: boolean | null;
  majorViolation: boolean | null;
};

/** Everyone enrolled in a cohort with the profile facts the rules read, by name. */
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

/**
 * Minutes per (trainee, course) at `level` for everyone in a cohort, limited to `courses` (the
 * assistant-level credit courses), of the rows that count at `now`. One grouped query for the whole cohort.
 */
export function cohortCourseMinutes(db: Db, cohortId: number, level: HourEntry['level'], courses: readonly string[], now: number) {
  if (courses.length === 0) return [];
  return db
    .select({ traineeId: hourEntries.traineeId, courseSlug: hourEntries.courseSlug, minutes: sql<number>`sum(${hourEntries.minutes})` })
    .from(hourEntries)
    .where(
      and(
        eq(hourEntries.level, level),
        inArray(hourEntries.courseSlug, [...courses]),
        inArray(hourEntries.traineeId, db.select({ id: enrolments.userId }).from(enrolments).where(eq(enrolments.cohortId, cohortId))),
        countsAt(now),
      ),
    )
    .groupBy(hourEntries.traineeId, hourEntries.courseSlug)
    .all();
}

export type LedgerRow = {
  entry: HourEntry;
  recorderName: string | null;
  sessionTitle: string | null;
  /** The session's end: its rows count from then (see store.effectiveAt). */
  sessionEndsAt: number | null;
};

/**
 * A trainee's ledger, newest first, with who recorded each row and the session's title. With an
 * institution, only rows that institution recorded (an admin never sees another's records).
 */
export function ledgerRows(db: Db, traineeId: number, institutionId: number | null): LedgerRow[] {
  const recorder = alias(users, 'recorder');
  const where = institutionId === null ? eq(hourEntries.traineeId, traineeId) : and(eq(hourEntries.traineeId, traineeId), eq(hourEntries.institutionId, institutionId));
  return db
    .select({ entry: hourEntries, recorderName: recorder.name, sessionTitle: classSessions.title, sessionEndsAt: classSessions.endsAt })
    .from(hourEntries)
    .leftJoin(recorder, eq(recorder.id, hourEntries.recordedBy))
    .leftJoin(classSessions, eq(classSessions.id, hourEntries.sessionId))
    .where(where)
    .orderBy(desc(hourEntries.recordedAt), desc(hourEntries.id))
    .all();
}

// --- audit ------------------------------------------------------------------------------------

export type AuditRow = {
  id: number;
  at: number;
  action: string;
  subject: string;
  detail: unknown;
  actorId: number | null;
  actorName: string | null;
  institutionId: number | null;
  institutionName: string | null;
};

/** One page of the audit log, newest first; `institutionId` null reads every institution. */
export function auditPage(db: Db, institutionId: number | null, limit: number, offset: number): AuditRow[] {
  const actor = alias(users, 'actor');
  const q = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      subject: auditLog.subject,
      detail: auditLog.detail,
      actorId: auditLog.actorId,
      actorName: actor.name,
      institutionId: auditLog.institutionId,
      institutionName: institutions.name,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(institutions, eq(institutions.id, auditLog.institutionId));
  return (institutionId === null ? q : q.where(eq(auditLog.institutionId, institutionId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .offset(offset)
    .all();
}

/**
 * Names of the people an audit page mentions, and for trainees the newest cohort of
 * `institutionId` they are enrolled in (where their hours page lives). Scoped to the institution
 * when one is given, so an admin never learns names from elsewhere.
 */
export function auditSubjectUsers(db: Db, ids: number[], institutionId: number | null) {
  if (ids.length === 0) return new Map<number, { name: string; cohortId: number | null }>();
  const inScope = institutionId === null ? inArray(users.id, ids) : and(inArray(users.id, ids), eq(users.institutionId, institutionId));
  const people = db.select({ id: users.id, name: users.name }).from(users).where(inScope).all();
  const cohortScope = institutionId === null ? inArray(enrolments.userId, ids) : and(inArray(enrolments.userId, ids), eq(cohorts.institutionId, institutionId));
  const newest = new Map<number, number>();
  for (const r of db
    .select({ userId: enrolments.userId, cohortId: cohorts.id })
    .from(enrolments)
    .innerJoin(cohorts, eq(cohorts.id, enrolments.cohortId))
    .where(cohortScope)
    .orderBy(cohorts.startsOn, cohorts.id)
    .all()) {
    newest.set(r.userId, r.cohortId);
  }
  return new Map(people.map((p) => [p.id, { name: p.name, cohortId: newest.get(p.id) ?? null }]));
}

export function auditSubjectCohorts(db: Db, ids: number[], institutionId: number | null): Map<number, string> {
  if (ids.length === 0) return new Map();
  const where = institutionId === null ? inArray(cohorts.id, ids) : and(inArray(cohorts.id, ids), eq(cohorts.institutionId, institutionId));
  return new Map(db.select({ id: cohorts.id, name: cohorts.name }).from(cohorts).where(where).all().map((r) => [r.id, r.name]));
}

// --- calendar feeds ---------------------------------------------------------------------------

/**
 * Removes a person's earlier feed for the same scope (their own, or one cohort's), so making a new
 * link revokes a URL that leaked.
 */
export function deleteFeeds(db: Db, userId: number, cohortId: number | null): void {
  const scope = cohortId === null ? isNull(calendarFeeds.cohortId) : eq(calendarFeeds.cohortId, cohortId);
  db.delete(calendarFeeds).where(and(eq(calendarFeeds.userId, userId), scope)).run();
}
