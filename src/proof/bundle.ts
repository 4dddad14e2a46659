import type { Db } from '../db/client.js';
import { cohortIdentities, cohortsOverlapping, maskNationalId, type Institution } from '../institutions/index.js';
import { cohortMinutesInWindow, emptyMinutes, classesStartingIn } from '../hours/index.js';
import { sha256Base64url } from './canonical.js';
import { DEFAULT_TIME_ZONE, rangeMs, type DayRange } from '../platform/zoned-time.js';
import { proofFileText, seal } from './envelope.js';
import type { Signer } from './keys.js';
import * as store from './store.js';

// The programme office's bundle: one institution, one period, signed like a certificate and
// checked with the same `bcm proof:verify`. It states what the ledger held for the period —
// rows recorded inside it, certificates issued inside it with their status as of its end — so
// the same period always gives the same facts (and, Ed25519 being deterministic, the same file).
// A bundle is signed whole, so it is built in memory: it summarises per trainee, never per row.

export type BundleInput = {
  db: Db;
  signer: Signer;
  publicUrl: URL;
  institution: Pick<Institution, 'id' | 'code' | 'name'>;
  range: DayRange;
  now?: number;
  /** TIME_ZONE: whose calendar the range's days are on (default Asia/Shanghai). */ timeZone?: string;
};

export function bundleFacts(input: Omit<BundleInput, 'signer'>) {
  const { db, institution, range } = input;
  const { fromMs, toMs } = rangeMs(range, input.timeZone);
  const now = input.now ?? Date.now();
  const cohorts = cohortsOverlapping(db, institution.id, range.from, range.to).map((c) => {
    // Minutes this institution recorded at the cohort's level that came to count inside the period.
    const totals = cohortMinutesInWindow(db, { cohortId: c.id, level: c.level, institutionId: institution.id, fromMs, toMs, now });
    const trainees = cohortIdentities(db, c.id).map((r) => {
      const m = totals.get(r.id) ?? emptyMinutes();
      return {
        id: r.id,
        name: r.name,
        idNumber: r.nationalId ? maskNationalId(r.nationalId) : (r.employeeNo ?? null),
        minutes: { faceToFace: m.faceToFace, remote: m.remote, selfStudy: m.selfStudy },
        totalMinutes: m.faceToFace + m.remote + m.selfStudy,
      };
    });
    return {
      id: c.id,
      name: c.name,
      level: c.level,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      sessions: classesStartingIn(db, c.id, fromMs, toMs).length,
      trainees,
    };
  });
  const issued = store.certificatesIssued(db, institution.id, fromMs, toMs);
  const issuedAt = new Map(issued.map((c) => [c.serial, c.issuedAt]));
  const certificates = issued.map((c) => {
    // Status as it stood at the end of the period, not today: later changes do not alter it.
    const revoked = c.revokedAt !== null && c.revokedAt < toMs;
    const successorAt = c.supersededBy ? (issuedAt.get(c.supersededBy) ?? store.findCertificate(db, c.supersededBy)?.issuedAt) : undefined;
    const superseded = !revoked && successorAt !== undefined && successorAt < toMs;
    return {
      serial: c.serial,
      traineeId: c.traineeId,
      level: c.level,
      issuedAt: new Date(c.issuedAt).toISOString(),
      status: revoked ? 'revoked' : superseded ? 'superseded' : 'valid',
      revokeReason: revoked ? c.revokeReason : null,
      supersededBy: superseded ? c.supersededBy : null,
      // Ties each entry to the exact signed certificate, which anyone can check separately.
      factsSha256: sha256Base64url(c.facts),
    };
  });
  return {
    type: 'bcm.institution-bundle' as const,
    version: 1,
    issuer: { url: input.publicUrl.origin },
    institution: { code: institution.code, name: institution.name },
    period: { from: range.from, to: range.to, timeZone: input.timeZone ?? DEFAULT_TIME_ZONE, recordedBefore: new Date(toMs).toISOString() },
    rule: 'hours: ledger rows of the institution counting in the period (a class session from its end), by cohort level; certificates: issued in the period, status at its end',
    cohorts,
    certificates,
  };
}

/** The signed bundle as a proof file (canonical JSON, one line). */
export function bundleFile(input: BundleInput): string {
  return proofFileText(seal(bundleFacts(input), input.signer));
}
