import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cohortMemberIds } from '../institutions/index.js';
import { certificates } from './schema.js';

// Every query of the proof feature: certificates. The facts a certificate states (hours, sessions,
// the person) come from the hours and institutions features' indexes.

export type Certificate = typeof certificates.$inferSelect;
export type NewCertificate = Omit<typeof certificates.$inferInsert, 'id'>;
export type LevelId = Certificate['level'];

export function insertCertificate(db: Db, row: NewCertificate): Certificate {
  return db.insert(certificates).values(row).returning().get();
}

export function serialTaken(db: Db, serial: string): boolean {
  return (
    db
      .select({ one: sql`1` })
      .from(certificates)
      .where(eq(certificates.serial, serial))
      .get() !== undefined
  );
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
    .where(and(eq(certificates.institutionId, institutionId), eq(certificates.level, level), inArray(certificates.traineeId, cohortMemberIds(db, cohortId))))
    .orderBy(desc(certificates.issuedAt), desc(certificates.id))
    .all();
}

export function markRevoked(db: Db, id: number, at: number, reason: string): void {
  db.update(certificates).set({ status: 'revoked', revokedAt: at, revokeReason: reason }).where(eq(certificates.id, id)).run();
}

export function markSuperseded(db: Db, id: number, bySerial: string): void {
  db.update(certificates).set({ status: 'superseded', supersededBy: bySerial }).where(eq(certificates.id, id)).run();
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
