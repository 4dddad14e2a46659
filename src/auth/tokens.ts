import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { constantTimeEqual } from '@oslojs/crypto/subtle';

/** 120 bits of randomness, base32 (the Lucia guide's generateSecureRandomString). */
export function randomToken(): string {
  const bytes = new Uint8Array(15);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sha256Bytes(text: string): Uint8Array {
  // Node's native SHA-256 (the same digest as @oslojs' JavaScript one, a fraction of the time): every
  // signed-in request hashes its session secret.
  return new Uint8Array(createHash('sha256').update(text, 'utf8').digest());
}

export function sha256Hex(text: string): string {
  return encodeHexLowerCase(sha256Bytes(text));
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && constantTimeEqual(a, b);
}
