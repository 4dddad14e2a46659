import fs from 'node:fs';
import path from 'node:path';
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson, sha256Base64url } from './canonical.js';

// The platform's Ed25519 key pair for training proof. The private half lives in one JSON file
// (a private JWK) at SIGNING_KEY_PATH, created on first start with mode 0600 and never committed;
// the public half is published as a JWK set. A key's id is its RFC 7638 JWK thumbprint, so
// anyone can recompute it from the public key alone.

export type PublicJwk = { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; alg: 'EdDSA'; use: 'sig' };

export type ProofKey = { keyId: string; publicKey: KeyObject; jwk: PublicJwk };

export type Signer = ProofKey & {
  /** Ed25519 signature of the bytes, base64url (86 characters). */
  sign(data: Buffer): string;
  /** Where the private key lives, and whether this start created it. */
  file: string;
  created: boolean;
};

const B64URL_32 = /^[A-Za-z0-9_-]{43}$/;

/** RFC 7638 thumbprint of an OKP key: SHA-256 over {"crv","kty","x"} in canonical JSON. */
export function jwkThumbprint(jwk: { crv: string; kty: string; x: string }): string {
  return sha256Base64url(canonicalJson({ crv: jwk.crv, kty: jwk.kty, x: jwk.x }));
}

function publicJwkOf(x: string): PublicJwk {
  const kid = jwkThumbprint({ crv: 'Ed25519', kty: 'OKP', x });
  return { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' };
}

export function proofKeyFromX(x: string): ProofKey {
  if (!B64URL_32.test(x)) throw new Error('an Ed25519 public key ("x") is 32 bytes, base64url');
  const jwk = publicJwkOf(x);
  return { keyId: jwk.kid, jwk, publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' }) };
}

function signerFrom(x: string, d: string, file: string, created: boolean): Signer {
  const key = proofKeyFromX(x);
  const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x, d }, format: 'jwk' });
  // A key file whose halves do not belong together would sign what nobody can verify.
  const probe = Buffer.from('bcm key check');
  if (!verify(null, probe, key.publicKey, sign(null, probe, privateKey))) throw new Error(`${file}: the private and public key do not match`);
  return { ...key, file, created, sign: (data) => sign(null, data, privateKey).toString('base64url') };
}

function parseKeyFile(file: string, text: string): { x: string; d: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${file}: not JSON; move it away to let a new key be generated`);
  }
  const k = data as Record<string, unknown>;
  if (k.kty !== 'OKP' || k.crv !== 'Ed25519' || typeof k.x !== 'string' || typeof k.d !== 'string' || !B64URL_32.test(k.d)) {
    throw new Error(`${file}: not an Ed25519 private JWK (kty OKP, crv Ed25519, x, d)`);
  }
  return { x: k.x, d: k.d };
}

/** The signing key, generated on first start. Returns null (never creates) when asked to only read. */
export function readSigningKey(file: string): Signer | null {
  if (!fs.existsSync(file)) return null;
  const { x, d } = parseKeyFile(file, fs.readFileSync(file, 'utf8'));
  return signerFrom(x, d, file, false);
}

export function loadOrCreateSigningKey(file: string, now = Date.now()): Signer {
  const existing = readSigningKey(file);
  if (existing) {
    // Someone may have copied the file with a looser mode; a private key is for the owner only.
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    return existing;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as { x: string; d: string };
  const kid = jwkThumbprint({ crv: 'Ed25519', kty: 'OKP', x: jwk.x });
  const body = `${JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d, kid, alg: 'EdDSA', createdAt: new Date(now).toISOString() }, null, 2)}\n`;
  // Written whole to a private temporary file, then linked into place: link() fails if another
  // process (a second server, the CLI) created the key first, and nobody ever reads half a file.
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, body, { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readSigningKey(file)!;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return signerFrom(jwk.x, jwk.d, file, true);
}

/**
 * Public keys from a file given to `proof:verify --key`: our private key file, one JWK, or a
 * JWK set such as /.well-known/bcm-proof-keys.json. Only the public part is ever used.
 */
export function publicKeysFromFile(file: string): ProofKey[] {
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { keys?: unknown[] } & Record<string, unknown>;
  const list = Array.isArray(data.keys) ? data.keys : [data];
  const keys = list.flatMap((k) => {
    const jwk = k as Record<string, unknown>;
    return jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string' ? [proofKeyFromX(jwk.x)] : [];
  });
  if (keys.length === 0) throw new Error(`${file}: no Ed25519 public key (a JWK or a JWK set with kty OKP, crv Ed25519)`);
  return keys;
}

export function verifySignature(key: ProofKey, data: Buffer, signature: string): boolean {
  if (!/^[A-Za-z0-9_-]{86}$/.test(signature)) return false;
  return verify(null, data, key.publicKey, Buffer.from(signature, 'base64url'));
}

/** The JWK set published at /.well-known/bcm-proof-keys.json. */
export function jwkSet(keys: ProofKey[]): { keys: PublicJwk[] } {
  return { keys: keys.map((k) => k.jwk) };
}
