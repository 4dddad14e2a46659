import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import { auditLog, cohorts, enrolments, institutions, users } from './schema.js';

// Reading the audit log every feature writes (writeAudit in store.ts): one page at a time, with the
// names of the people and cohorts a page mentions.

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
  return new Map(
    db
      .select({ id: cohorts.id, name: cohorts.name })
      .from(cohorts)
      .where(where)
      .all()
      .map((r) => [r.id, r.name]),
  );
}

/**
 * The `detail` of the newest audit line an actor wrote for an action in an institution at or
 * before `at`, whose detail holds these values (e.g. which LMS placement opened an exam).
 */
export function latestAuditDetail(db: Db, q: { institutionId: number; actorId: number; action: string; at: number; detail: Record<string, string> }): unknown {
  const row = db
    .select({ detail: auditLog.detail })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.institutionId, q.institutionId), // audit_institution_idx
        lte(auditLog.at, q.at),
        eq(auditLog.actorId, q.actorId),
        eq(auditLog.action, q.action),
        ...Object.entries(q.detail).map(([key, value]) => sql`json_extract(${auditLog.detail}, ${`$.${key}`}) = ${value}`),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .get();
  return row?.detail;
}
