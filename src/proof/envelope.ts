import { canonicalJson, isCanonical } from './canonical.js';
import { verifySignature, type ProofKey, type Signer } from './keys.js';

// A proof file: the signed facts plus what is needed to check them, itself written as canonical
// JSON on one line, so every byte of the file matters: change any one and verification fails.
//
//   {"alg":"EdDSA","facts":{…},"format":"bcm-proof@1","keyId":"<JWK thumbprint>","signature":"<base64url>"}
//
// The signature covers canonicalJson(facts). Status that can change later (revoked, superseded)
// is never in a file: it is looked up online at /verify/<serial>.

export const PROOF_FORMAT = 'bcm-proof@1';
export const FACT_TYPES = ['bcm.training-certificate', 'bcm.institution-bundle'] as const;
export type FactType = (typeof FACT_TYPES)[number];

export type Sealed = { factsText: string; signature: string; keyId: string };

export function seal(facts: { type: FactType } & Record<string, unknown>, signer: Signer): Sealed {
  const factsText = canonicalJson(facts);
  return { factsText, signature: signer.sign(Buffer.from(factsText, 'utf8')), keyId: signer.keyId };
}

/** The file for a sealed record (facts stored as their canonical text). */
export function proofFileText(sealed: Sealed): string {
  return `${canonicalJson({ alg: 'EdDSA', facts: JSON.parse(sealed.factsText), format: PROOF_FORMAT, keyId: sealed.keyId, signature: sealed.signature })}\n`;
}

export type FailureReason = 'encoding' | 'json' | 'format' | 'shape' | 'canonical' | 'unknownKey' | 'signature';

export type Verification =
  { ok: true; type: FactType; facts: Record<string, unknown>; keyId: string } | { ok: false; reason: FailureReason; message: string; keyId?: string };

const fail = (reason: FailureReason, message: string, keyId?: string): Verification => ({ ok: false, reason, message, keyId });

/** Checks stored facts text against its signature (the server's view of a certificate). */
export function verifySealed(sealed: Sealed, keys: readonly ProofKey[]): Verification {
  const key = keys.find((k) => k.keyId === sealed.keyId);
  if (!key) return fail('unknownKey', `signed with key ${sealed.keyId}, which is not among the keys given`, sealed.keyId);
  if (!isCanonical(sealed.factsText)) return fail('canonical', 'the signed facts are not in canonical form', sealed.keyId);
  if (!verifySignature(key, Buffer.from(sealed.factsText, 'utf8'), sealed.signature)) {
    return fail('signature', 'the signature does not match the facts: the content was changed after signing, or signed by another key', sealed.keyId);
  }
  const facts = JSON.parse(sealed.factsText) as Record<string, unknown>;
  if (!FACT_TYPES.includes(facts.type as FactType)) return fail('shape', `unknown facts type ${String(facts.type)}`, sealed.keyId);
  return { ok: true, type: facts.type as FactType, facts, keyId: sealed.keyId };
}

/** Checks a proof file's bytes offline against the given public keys. */
export function verifyProofFile(bytes: Uint8Array, keys: readonly ProofKey[]): Verification {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fail('encoding', 'the file is not valid UTF-8');
  }
  // One trailing newline is allowed (editors and `cat >` add it); nothing else outside the JSON.
  if (text.endsWith('\n')) text = text.slice(0, -1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail('json', 'the file is not JSON');
  }
  const e = data as Record<string, unknown>;
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return fail('shape', 'the file is not a proof object');
  if (e.format !== PROOF_FORMAT) return fail('format', `not a ${PROOF_FORMAT} file (format is ${JSON.stringify(e.format)})`);
  const keys0 = Object.keys(e).sort().join(',');
  if (keys0 !== 'alg,facts,format,keyId,signature') return fail('shape', `unexpected members: ${keys0}`);
  if (e.alg !== 'EdDSA') return fail('shape', `unsupported algorithm ${JSON.stringify(e.alg)}`);
  if (typeof e.keyId !== 'string' || typeof e.signature !== 'string' || typeof e.facts !== 'object' || e.facts === null) {
    return fail('shape', 'keyId, signature and facts must be present');
  }
  if (canonicalJson(e) !== text) return fail('canonical', 'the file is not in canonical form: it was edited or re-formatted after export', e.keyId);
  return verifySealed({ factsText: canonicalJson(e.facts), signature: e.signature, keyId: e.keyId }, keys);
}
