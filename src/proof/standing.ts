import { missingReasons, type LevelPosition, type MissingReason } from '../hours/index.js';
import type { PublicCertificate } from './public-certificate.js';
import type { Certificate } from './store.js';

// Pure rules the proof pages show the outcome of: which of a trainee's certificates is the one in
// force, whether the admin may issue one now, and what the public verification page concludes.

/** A trainee's certificates of one level: the valid one (there is at most one) and the earlier ones. */
export type CertificateStanding = { current: Certificate | undefined; past: Certificate[] };

export function certificateStanding(certificates: readonly Certificate[]): CertificateStanding {
  const current = certificates.find((c) => c.status === 'valid');
  return { current, past: certificates.filter((c) => c !== current) };
}

/** One row of the admin's proof page of a cohort. */
export type AdminProofRow = CertificateStanding & {
  trainee: { id: number; name: string };
  position: LevelPosition;
  /** What the hours still lack (empty once they are complete). */
  missing: MissingReason[];
  /** No valid certificate yet and the hours are complete: the issue button (issueCertificate checks again). */
  mayIssue: boolean;
};

export function adminProofRow(trainee: { id: number; name: string }, position: LevelPosition, certificates: readonly Certificate[]): AdminProofRow {
  const standing = certificateStanding(certificates);
  const complete = position.hours.complete;
  return { trainee, position, ...standing, missing: complete ? [] : missingReasons(position.hours), mayIssue: !standing.current && complete };
}

/** What /verify/:serial concludes (its JSON `result`, and the page's verdict): a broken signature outweighs the status. */
export type Verdict = 'valid' | 'badSignature' | 'revoked' | 'superseded';

export function verdictOf(cert: Pick<PublicCertificate, 'status' | 'signature'>): Verdict {
  if (!cert.signature.valid) return 'badSignature';
  return cert.status;
}
