import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

// The tool's own key pair. LTI 1.3 requires RS256 for every message the tool signs (deep-linking
// responses, client-credentials assertions), so this is an RSA key, separate from the Ed25519 key
// that signs certificates. It is made on first start and kept in a 0600 file outside the
// repository (data/ is git-ignored); the public half is published at /.well-known/jwks.json.

export const TOOL_ALG = 'RS256';

export type ToolKeys = {
  kid: string;
  privateKey: CryptoKey;
  /** The public key as published: kid, alg and use set. */
  publicJwk: JWK;
  /** Derived secret for our own short-lived HMAC values (frame cookie, deep-link form). */
  hmacSecret: Uint8Array;
};

type KeyFile = { kid: string; privateJwk: JWK; createdAt: string };

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'] as const;

export function publicPart(jwk: JWK): JWK {
  const pub: JWK = { ...jwk };
  for (const m of PRIVATE_MEMBERS) delete (pub as Record<string, unknown>)[m];
  return pub;
}

async function createKeyFile(file: string): Promise<void> {
  const { privateKey } = await generateKeyPair(TOOL_ALG, { modulusLength: 2048, extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(publicPart(privateJwk));
  const body: KeyFile = { kid, privateJwk, createdAt: new Date().toISOString() };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // 'wx': if another process created the file meanwhile, keep theirs (both then read the same key).
    fs.writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

export async function loadToolKeys(file: string): Promise<ToolKeys> {
  if (!fs.existsSync(file)) await createKeyFile(file);
  // A private key readable by others is a leak waiting to happen; tighten it rather than serve it.
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  if (!parsed.kid || parsed.privateJwk?.kty !== 'RSA' || !parsed.privateJwk.d) {
    throw new Error(`${file}: not an LTI tool key file (expected an RSA private JWK); move it away to generate a new key`);
  }
  const privateKey = (await importJWK(parsed.privateJwk, TOOL_ALG)) as CryptoKey;
  const publicJwk: JWK = { ...publicPart(parsed.privateJwk), kid: parsed.kid, alg: TOOL_ALG, use: 'sig' };
  const hmacSecret = new Uint8Array(createHash('sha256').update('bcm-lti-hmac\0').update(parsed.privateJwk.d).digest());
  return { kid: parsed.kid, privateKey, publicJwk, hmacSecret };
}
