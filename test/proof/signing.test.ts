import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson, isCanonical } from '../../src/proof/canonical.js';
import { PROOF_FORMAT, proofFileText, seal, verifyProofFile, verifySealed } from '../../src/proof/envelope.js';
import { jwkSet, jwkThumbprint, loadOrCreateSigningKey, proofKeyFromX, publicKeysFromFile, readSigningKey, verifySignature } from '../../src/proof/keys.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bcm-proof-'));

describe('canonical JSON', () => {
  it('sorts keys by code unit, drops whitespace, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [3, 1, 2], c: { z: null, y: true } })).toBe('{"a":[3,1,2],"b":1,"c":{"y":true,"z":null}}');
    // Upper case sorts before lower case, and a supplementary-plane key (surrogates D83D DE00)
    // before U+FF21: RFC 8785 compares UTF-16 code units, not code points.
    expect(canonicalJson({ a: 1, B: 2, '\u{1F600}': 3, '\uFF21': 4 })).toBe('{"B":2,"a":1,"\u{1F600}":3,"\uFF21":4}');
  });

  it('writes numbers and strings as RFC 8785 does', () => {
    expect(canonicalJson([1e21, 0.1, 1.5e-7, 100, -3])).toBe('[1e+21,0.1,1.5e-7,100,-3]');
    expect(canonicalJson('张三\n"\u2028')).toBe('"张三\\n\\"\u2028"');
    // A lone surrogate is escaped, so the bytes are always valid UTF-8.
    expect(canonicalJson('\uD800')).toBe('"\\ud800"');
  });

  it('refuses values JSON cannot carry faithfully', () => {
    for (const bad of [NaN, Infinity, -0, undefined, () => 1, new Date(0), new Map(), { a: undefined }, [1n]]) {
      expect(() => canonicalJson(bad), String(bad)).toThrow(CanonicalJsonError);
    }
  });

  it('round-trips through JSON.parse and knows canonical text when it sees it', () => {
    const value = { 姓名: '李晓梅', hours: { total: 750 }, list: [{ b: 2, a: 1 }], percent: 85.5 };
    const text = canonicalJson(value);
    expect(canonicalJson(JSON.parse(text))).toBe(text);
    expect(isCanonical(text)).toBe(true);
    expect(isCanonical(JSON.stringify(value, null, 2))).toBe(false);
    expect(isCanonical('{"b":1,"a":2}')).toBe(false);
  });
});

describe('signing keys', () => {
  it('computes RFC 7638 thumbprints (the RFC 8037 example key)', () => {
    expect(jwkThumbprint({ crv: 'Ed25519', kty: 'OKP', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' })).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
  });

  it('verifies the RFC 8037 Ed25519 example signature', () => {
    const key = proofKeyFromX('11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo');
    const input = Buffer.from('eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc');
    const signature = 'hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg';
    expect(verifySignature(key, input, signature)).toBe(true);
    expect(verifySignature(key, Buffer.from(`${input}x`), signature)).toBe(false);
  });

  it('creates the key pair once, mode 0600, in a new folder, and reads it back', () => {
    const file = path.join(tmp(), 'nested', 'keys', 'signing-key.json');
    const first = loadOrCreateSigningKey(file);
    expect(first.created).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(stored).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: first.keyId });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['signing-key.json']); // no temporary file left behind
    const again = loadOrCreateSigningKey(file);
    expect(again.created).toBe(false);
    expect(again.keyId).toBe(first.keyId);
    expect(readSigningKey(path.join(tmp(), 'absent.json'))).toBeNull();
  });

  it('tightens a key file that became readable by others', () => {
    const file = path.join(tmp(), 'signing-key.json');
    loadOrCreateSigningKey(file);
    fs.chmodSync(file, 0o644);
    loadOrCreateSigningKey(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('publishes only the public half, and reads keys back from a JWK set', () => {
    const dir = tmp();
    const signer = loadOrCreateSigningKey(path.join(dir, 'k.json'));
    const set = jwkSet([signer]);
    expect(set.keys[0]).toEqual({ kty: 'OKP', crv: 'Ed25519', x: signer.jwk.x, kid: signer.keyId, alg: 'EdDSA', use: 'sig' });
    expect(JSON.stringify(set)).not.toContain('"d"');
    fs.writeFileSync(path.join(dir, 'jwks.json'), JSON.stringify(set));
    expect(publicKeysFromFile(path.join(dir, 'jwks.json')).map((k) => k.keyId)).toEqual([signer.keyId]);
  });
});

describe('signed proof files', () => {
  const signer = loadOrCreateSigningKey(path.join(tmp(), 'k.json'));
  const facts = { type: 'bcm.training-certificate' as const, serial: 'BCM-2026-22222222-X', trainee: { name: '李晓梅' }, hours: { totalMinutes: 750 } };

  it('signs the canonical facts and verifies the file', () => {
    const sealed = seal(facts, signer);
    expect(sealed.factsText).toBe(canonicalJson(facts));
    const file = proofFileText(sealed);
    expect(JSON.parse(file)).toMatchObject({ format: PROOF_FORMAT, alg: 'EdDSA', keyId: signer.keyId });
    const result = verifyProofFile(Buffer.from(file), [signer]);
    expect(result).toMatchObject({ ok: true, type: 'bcm.training-certificate', keyId: signer.keyId });
    expect(verifySealed(sealed, [signer]).ok).toBe(true);
  });

  it('fails when any single byte of the file is flipped', () => {
    const file = Buffer.from(proofFileText(seal(facts, signer)));
    const body = file.length - 1; // the final newline is optional, so changing it is not tampering
    const reasons = new Set<string>();
    for (let i = 0; i < body; i++) {
      for (const bit of [0x01, 0x20, 0x80]) {
        const copy = Buffer.from(file);
        copy[i]! ^= bit;
        const result = verifyProofFile(copy, [signer]);
        expect(result.ok, `byte ${i} ^ ${bit}`).toBe(false);
        if (!result.ok) reasons.add(result.reason);
      }
    }
    // Flips are caught at every stage: encoding, JSON, shape, canonical form, key and signature.
    expect([...reasons].sort()).toEqual(['canonical', 'encoding', 'format', 'json', 'shape', 'signature', 'unknownKey']);
  });

  it('fails when the facts are re-signed by another key or re-formatted', () => {
    const other = loadOrCreateSigningKey(path.join(tmp(), 'other.json'));
    const forged = proofFileText(seal(facts, other));
    expect(verifyProofFile(Buffer.from(forged), [signer])).toMatchObject({ ok: false, reason: 'unknownKey' });
    // Same key id claimed, other key's signature: the signature check catches it.
    const claimed = forged.replace(other.keyId, signer.keyId);
    expect(verifyProofFile(Buffer.from(claimed), [signer])).toMatchObject({ ok: false, reason: 'signature' });
    const pretty = JSON.stringify(JSON.parse(proofFileText(seal(facts, signer))), null, 2);
    expect(verifyProofFile(Buffer.from(pretty), [signer])).toMatchObject({ ok: false, reason: 'canonical' });
  });
});
