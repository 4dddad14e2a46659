import { describe, expect, it } from 'vitest';
import { certificateStanding, verdictOf } from '../../../src/proof/standing.js';
import type { Certificate } from '../../../src/proof/store.js';

// The proof pages' rules (src/proof/standing.ts): the certificate in force, and the verdict of /verify.

const cert = (id: number, status: Certificate['status']) => ({ id, status, serial: `S${id}` }) as Certificate;

describe('certificateStanding', () => {
  it('puts the valid certificate apart from the earlier ones, keeping their order', () => {
    const [old, revoked, valid] = [cert(1, 'superseded'), cert(2, 'revoked'), cert(3, 'valid')];
    expect(certificateStanding([old, valid, revoked])).toEqual({ current: valid, past: [old, revoked] });
    expect(certificateStanding([old, revoked])).toEqual({ current: undefined, past: [old, revoked] });
    expect(certificateStanding([])).toEqual({ current: undefined, past: [] });
  });
});

describe('verdictOf', () => {
  const signature = (valid: boolean) => ({ valid, alg: 'EdDSA' as const, keyId: 'k', factsSha256: '', problem: valid ? null : 'signature' });
  it('is the status when the signature holds, and badSignature whatever the status when it does not', () => {
    expect(verdictOf({ status: 'valid', signature: signature(true) })).toBe('valid');
    expect(verdictOf({ status: 'revoked', signature: signature(true) })).toBe('revoked');
    expect(verdictOf({ status: 'superseded', signature: signature(true) })).toBe('superseded');
    for (const status of ['valid', 'revoked', 'superseded'] as const) expect(verdictOf({ status, signature: signature(false) })).toBe('badSignature');
  });
});
