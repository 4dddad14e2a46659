// The proof feature as other features and views see it: training certificates (issued, revoked,
// reissued, verified), the facts they state, and the signed exports. It owns one table
// (schema.ts: certificates); the hours and people a certificate states come from the hours and
// institutions features' indexes.

export type { Certificate } from './store.js';
export { REASON_MAX, factsOf, issueCertificate, reissueCertificate, revokeCertificate, type ProofEnv } from './certificates.js';
export { courseLines, examRow, modeHours, type CertificateFacts, type CourseLine } from './facts.js';
export type { PublicCertificate } from './public-certificate.js';
export { missingText } from './missing-reason-text.js';
// What the proof pages show: the certificate in force, whether one may be issued, the verdict.
export { adminProofRow, certificateStanding, verdictOf, type AdminProofRow, type CertificateStanding, type Verdict } from './standing.js';
