import { randomInt } from 'node:crypto';

// Certificate serials: BCM-2026-7K3M9QXA-R
//   BCM     fixed prefix
//   2026    the year of issue on the configured TIME_ZONE's calendar
//   8 × a   random characters from a 31-letter alphabet without look-alikes (no 0/O, 1/I/L)
//   1 × a   check character
//
// Random rather than sequential, so the public verification page cannot be walked through by
// counting. 31⁸ ≈ 8.5·10¹¹ possible bodies per year; the unique index catches the rare clash.
//
// The check: with values v₁…v₁₂ (the year's digits 0–9, then the body's alphabet positions 0–30)
// and check value c, Σ k·vₖ + 13·c ≡ 0 (mod 31). Because 31 is prime and every weight and every
// difference of two values is below 31, changing any single character changes the sum, and so
// does swapping any two characters — every single typo and every transposition is caught before
// the database is asked. Characters outside the alphabet fail the format check.

export const SERIAL_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const MOD = SERIAL_ALPHABET.length; // 31, prime
const BODY_LENGTH = 8;
// The inverse of the check character's weight, 13: 13 · 12 = 156 ≡ 1 (mod 31).
const CHECK_WEIGHT_INVERSE = 12;
const SHAPE = new RegExp(`^BCM(\\d{4})([${SERIAL_ALPHABET}]{${BODY_LENGTH}})([${SERIAL_ALPHABET}])$`);

function weightedSum(year: string, body: string): number {
  let sum = 0;
  let k = 1;
  for (const ch of year) sum += k++ * Number(ch);
  for (const ch of body) sum += k++ * SERIAL_ALPHABET.indexOf(ch);
  return sum % MOD;
}

export function checkCharacter(year: string, body: string): string {
  const c = ((MOD - weightedSum(year, body)) * CHECK_WEIGHT_INVERSE) % MOD;
  return SERIAL_ALPHABET[c]!;
}

/** A new random serial for an issue year. */
export function newSerial(year: number, random: (max: number) => number = randomInt): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year must have four digits, got ${year}`);
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i++) body += SERIAL_ALPHABET[random(MOD)];
  const y = String(year);
  return `BCM-${y}-${body}-${checkCharacter(y, body)}`;
}

export type SerialParse = { ok: true; serial: string } | { ok: false; error: 'format' | 'check'; input: string };

/**
 * Reads what a person typed: case, surrounding spaces, full-width characters (a Chinese input
 * method) and the separators do not matter; anything else must be exact. A wrong check
 * character is told apart from a wrong shape, so the page can say "one character is mistyped".
 */
export function parseSerial(input: string): SerialParse {
  const compact = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_–—]/g, '');
  const m = SHAPE.exec(compact);
  if (!m) return { ok: false, error: 'format', input };
  const [, year, body, check] = m as unknown as [string, string, string, string];
  if (checkCharacter(year, body) !== check) return { ok: false, error: 'check', input };
  return { ok: true, serial: `BCM-${year}-${body}-${check}` };
}
