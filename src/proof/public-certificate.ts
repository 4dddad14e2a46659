import { maskName } from '../institutions/index.js';
import { sha256Base64url } from './canonical.js';
import { checkSignature, factsOf } from './certificates.js';
import type { CertificateFacts } from './facts.js';
import type { ProofKey } from './keys.js';
import type { Certificate } from './store.js';

// What anyone may learn about a certificate from its serial: the signed facts with the name
// partly hidden and the internal user id left out, its status now, and whether its signature
// holds. The same object is the JSON answer and what the HTML page renders.

export type PublicFacts = Omit<CertificateFacts, 'trainee'> & { trainee: { name: string; idNumber: string | null } };

export type PublicCertificate = {
  serial: string;
  status: Certificate['status'];
  revokedAt: string | null;
  revokeReason: string | null;
  supersededBy: string | null;
  signature: { valid: boolean; alg: 'EdDSA'; keyId: string; factsSha256: string; problem: string | null };
  facts: PublicFacts;
};

export function publicCertificate(cert: Certificate, keys: readonly ProofKey[]): PublicCertificate {
  const facts = factsOf(cert);
  const check = checkSignature(cert, keys);
  return {
    serial: cert.serial,
    status: cert.status,
    revokedAt: cert.revokedAt === null ? null : new Date(cert.revokedAt).toISOString(),
    revokeReason: cert.status === 'revoked' ? cert.revokeReason : null,
    supersededBy: cert.status === 'superseded' ? cert.supersededBy : null,
    signature: { valid: check.ok, alg: 'EdDSA', keyId: cert.keyId, factsSha256: sha256Base64url(cert.facts), problem: check.ok ? null : check.reason },
    facts: { ...facts, trainee: { name: maskName(facts.trainee.name), idNumber: facts.trainee.idNumber } },
  };
}
