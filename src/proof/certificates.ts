import { inTransaction, type Db } from '../db/client.js';
import type { Catalog } from '../catalog/index.js';
import type { Blueprints } from '../exams/index.js';
import type { LevelPosition } from '../hours/index.js';
import { findCohort, isEnrolled, writeAudit, type Cohort } from '../institutions/index.js';
import { seal, verifySealed, type Verification } from './envelope.js';
import type { ProofKey, Signer } from './keys.js';
import { certificateFacts, requirementPosition, type CertificateFacts } from './facts.js';
import { zonedYear } from '../platform/zoned-time.js';
import { newSerial } from './serial.js';
import * as store from './store.js';

// Issuing, revoking and reissuing training certificates. Each one is a single transaction that
// also writes its audit line, so a certificate never exists without the record of who made it.

/** `timeZone`: the calendar of the dates a certificate states (config TIME_ZONE; default Asia/Shanghai). */
export type ProofEnv = { db: Db; catalog: Catalog; blueprints: Blueprints; signer: Signer; publicUrl: URL; timeZone?: string };

export type IssueResult =
  | { ok: true; certificate: store.Certificate }
  | { ok: false; error: 'notEnrolled' }
  | { ok: false; error: 'alreadyIssued'; certificate: store.Certificate }
  | { ok: false; error: 'requirements'; position: LevelPosition };

function uniqueSerial(db: Db, now: number, timeZone: string | undefined): string {
  // Eight random characters make a clash vanishingly rare; the loop makes it harmless.
  for (let i = 0; i < 8; i++) {
    const serial = newSerial(zonedYear(now, timeZone));
    if (!store.serialTaken(db, serial)) return serial;
  }
  throw new Error('could not find a free serial after 8 tries');
}

function createCertificate(env: ProofEnv, cohort: Cohort, traineeId: number, position: LevelPosition, actorId: number, supersedes: string | null, now: number) {
  const serial = uniqueSerial(env.db, now, env.timeZone);
  const facts = certificateFacts({
    db: env.db,
    catalog: env.catalog,
    blueprints: env.blueprints,
    publicUrl: env.publicUrl,
    traineeId,
    cohort,
    serial,
    supersedes,
    position,
    now,
    timeZone: env.timeZone,
  });
  const sealed = seal(facts, env.signer);
  return store.insertCertificate(env.db, {
    serial,
    traineeId,
    institutionId: cohort.institutionId,
    cohortId: cohort.id,
    level: cohort.level,
    facts: sealed.factsText,
    signature: sealed.signature,
    keyId: sealed.keyId,
    issuedBy: actorId,
    issuedAt: now,
    status: 'valid',
    revokedAt: null,
    revokeReason: null,
    supersededBy: null,
  });
}

/** Issues the trainee's certificate for the cohort's level once the hours requirement is met. */
export function issueCertificate(env: ProofEnv, cohort: Cohort, traineeId: number, actorId: number, now = Date.now()): IssueResult {
  const { db } = env;
  return inTransaction(db, (): IssueResult => {
    if (!isEnrolled(db, cohort.id, traineeId)) return { ok: false, error: 'notEnrolled' };
    const existing = store.validCertificate(db, traineeId, cohort.level);
    if (existing) return { ok: false, error: 'alreadyIssued', certificate: existing };
    const position = requirementPosition(db, env.catalog, traineeId, cohort.level, now);
    if (!position.hours.complete) return { ok: false, error: 'requirements', position };
    const certificate = createCertificate(env, cohort, traineeId, position, actorId, null, now);
    writeAudit(
      db,
      {
        actorId,
        institutionId: cohort.institutionId,
        action: 'certificate.issue',
        subject: `certificate:${certificate.serial}`,
        detail: { traineeId, level: cohort.level, cohortId: cohort.id, totalMinutes: position.hours.earnedMinutes },
      },
      now,
    );
    return { ok: true, certificate };
  });
}

export type ChangeResult =
  | { ok: true; certificate: store.Certificate }
  | { ok: false; error: 'notFound' | 'notValid' | 'reasonRequired' | 'reasonTooLong' | 'requirements' | 'noCohort'; position?: LevelPosition };

/** A valid certificate of this institution, or why not (another institution's reads as not found). */
function ownValid(db: Db, serial: string, institutionId: number): store.Certificate | { error: 'notFound' | 'notValid' } {
  const cert = store.findCertificate(db, serial);
  if (!cert || cert.institutionId !== institutionId) return { error: 'notFound' };
  if (cert.status !== 'valid') return { error: 'notValid' };
  return cert;
}

export const REASON_MAX = 200;

export function revokeCertificate(env: ProofEnv, serial: string, institutionId: number, actorId: number, reason: string, now = Date.now()): ChangeResult {
  const why = reason.trim();
  if (!why || why.length > REASON_MAX) return { ok: false, error: 'reasonRequired' };
  const { db } = env;
  return inTransaction(db, (): ChangeResult => {
    const cert = ownValid(db, serial, institutionId);
    if ('error' in cert) return { ok: false, error: cert.error };
    store.markRevoked(db, cert.id, now, why);
    writeAudit(
      db,
      {
        actorId,
        institutionId,
        action: 'certificate.revoke',
        subject: `certificate:${serial}`,
        detail: { traineeId: cert.traineeId, level: cert.level, reason: why },
      },
      now,
    );
    return { ok: true, certificate: store.findCertificate(db, serial)! };
  });
}

/**
 * A new certificate from the ledger as it is now (e.g. after a correction), with a new serial;
 * the old one is marked superseded and points at the new one. The requirement gate applies again.
 */
export function reissueCertificate(env: ProofEnv, serial: string, institutionId: number, actorId: number, reason: string, now = Date.now()): ChangeResult {
  const { db } = env;
  const why = reason.trim();
  // Refused, not cut: the audit trail keeps the reason exactly as the admin wrote it.
  if (why.length > REASON_MAX) return { ok: false, error: 'reasonTooLong' };
  return inTransaction(db, (): ChangeResult => {
    const old = ownValid(db, serial, institutionId);
    if ('error' in old) return { ok: false, error: old.error };
    const cohort = old.cohortId === null ? undefined : findCohort(db, old.cohortId);
    if (!cohort) return { ok: false, error: 'noCohort' };
    const position = requirementPosition(db, env.catalog, old.traineeId, old.level, now);
    if (!position.hours.complete) return { ok: false, error: 'requirements', position };
    const fresh = createCertificate(env, cohort, old.traineeId, position, actorId, old.serial, now);
    store.markSuperseded(db, old.id, fresh.serial);
    writeAudit(
      db,
      {
        actorId,
        institutionId,
        action: 'certificate.reissue',
        subject: `certificate:${fresh.serial}`,
        detail: { traineeId: old.traineeId, level: old.level, supersedes: old.serial, reason: why || null },
      },
      now,
    );
    return { ok: true, certificate: fresh };
  });
}

export function factsOf(cert: store.Certificate): CertificateFacts {
  return JSON.parse(cert.facts) as CertificateFacts;
}

/** Checks a stored certificate's signature against the keys this server knows. */
export function checkSignature(cert: store.Certificate, keys: readonly ProofKey[]): Verification {
  return verifySealed({ factsText: cert.facts, signature: cert.signature, keyId: cert.keyId }, keys);
}
