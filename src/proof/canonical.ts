import { createHash } from 'node:crypto';

// Canonical JSON, the exact bytes that get signed: object keys sorted by UTF-16 code units, no
// whitespace, strings and numbers as ECMAScript's JSON.stringify writes them, UTF-8. This is the
// JSON Canonicalization Scheme (RFC 8785) for the values we produce; anything JSON cannot carry
// faithfully (undefined, NaN, Infinity, -0, functions, Dates, Maps…) is refused rather than
// silently changed, because a signer and a verifier must never disagree about the bytes.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class CanonicalJsonError extends Error {}

export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, at: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${at}: ${value} has no JSON form`);
      // -0 would read back as 0 and change the signed bytes on a round trip.
      if (Object.is(value, -0)) throw new CanonicalJsonError(`${at}: -0 has no canonical form`);
      return JSON.stringify(value);
    case 'string':
      // JSON.stringify escapes lone surrogates (well-formed JSON.stringify), so the output is
      // always valid UTF-8.
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v, i) => write(v, `${at}[${i}]`)).join(',')}]`;
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError(`${at}: only plain objects can be canonicalised`);
      const record = value as Record<string, unknown>;
      const entries = Object.keys(record)
        .sort(compareCodeUnits)
        .map((k) => {
          // An undefined member would vanish on the way through JSON: refuse it instead.
          if (record[k] === undefined) throw new CanonicalJsonError(`${at}.${k} is undefined`);
          return `${JSON.stringify(k)}:${write(record[k], `${at}.${k}`)}`;
        });
      return `{${entries.join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`${at}: a ${typeof value} has no JSON form`);
  }
}

/** RFC 8785 orders keys by UTF-16 code units, which is what `<` on JS strings compares. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

/** SHA-256 of a text's UTF-8 bytes, base64url: a short handle for "the same signed facts". */
export function sha256Base64url(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** True when `text` is exactly the canonical form of what it parses to. */
export function isCanonical(text: string): boolean {
  try {
    return canonicalJson(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}
