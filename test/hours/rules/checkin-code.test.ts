import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkInCode, checkInStep, msUntilRotation, verifyCheckInCode } from '../../../src/hours/rules/checkin-code.js';

const SECRET = new Uint8Array(Buffer.from('12345678901234567890123456789012', 'ascii'));
const OTHER = new Uint8Array(32).fill(7);
const T0 = Date.UTC(2025, 3, 7, 1, 0, 0); // a multiple of 30 s
const STEP = 30_000;

describe('checkInCode', () => {
  it('matches the RFC 6238 HMAC-SHA-256 test vectors (last 6 of the 8 digits)', () => {
    const vectors: [number, string][] = [
      [59, '46119246'],
      [1_111_111_109, '68084774'],
      [1_111_111_111, '67062674'],
      [1_234_567_890, '91819424'],
      [2_000_000_000, '90698825'],
      [20_000_000_000, '77737706'],
    ];
    for (const [seconds, eight] of vectors) {
      expect(checkInCode(SECRET, seconds * 1000)).toBe(eight.slice(-6));
    }
  });

  it('is six digits, zero-padded', () => {
    for (let i = 0; i < 200; i++) {
      expect(checkInCode(SECRET, T0 + i * STEP)).toMatch(/^[0-9]{6}$/);
    }
    // Find a step whose code starts with 0 to prove the padding.
    const padded = Array.from({ length: 2000 }, (_, i) => checkInCode(SECRET, i * STEP)).find((c) => c.startsWith('0'));
    expect(padded).toMatch(/^0[0-9]{5}$/);
  });

  it('stays the same within a step and rotates every 30 s', () => {
    const a = checkInCode(SECRET, T0);
    expect(checkInCode(SECRET, T0 + 29_999)).toBe(a);
    const b = checkInCode(SECRET, T0 + 30_000);
    expect(b).not.toBe(a);
    expect(checkInCode(SECRET, T0 + 59_999)).toBe(b);
    const codes = new Set(Array.from({ length: 20 }, (_, i) => checkInCode(SECRET, T0 + i * STEP)));
    expect(codes.size).toBeGreaterThanOrEqual(19);
  });

  it('uses floor(at / step) as the HMAC counter', () => {
    expect(checkInStep(T0 + 45_000)).toBe(T0 / STEP + 1);
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(T0 / STEP));
    const mac = createHmac('sha256', SECRET).update(counter).digest();
    const o = mac[31]! & 0xf;
    const expected = String((mac.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
    expect(checkInCode(SECRET, T0 + 1)).toBe(expected);
  });

  it('different secrets give different codes', () => {
    const differ = Array.from({ length: 20 }, (_, i) => T0 + i * STEP).filter((at) => checkInCode(SECRET, at) !== checkInCode(OTHER, at));
    expect(differ.length).toBeGreaterThanOrEqual(19);
  });

  it('honours a custom step', () => {
    expect(checkInCode(SECRET, T0, 60_000)).toBe(checkInCode(SECRET, T0 + 59_999, 60_000));
    expect(checkInCode(SECRET, 60_000, 60_000)).toBe(checkInCode(SECRET, 30_000, 30_000));
  });

  it('rejects a short secret, a bad step or a bad time', () => {
    expect(() => checkInCode(new Uint8Array(8), T0)).toThrow(RangeError);
    expect(() => checkInCode(SECRET, T0, 0)).toThrow(RangeError);
    expect(() => checkInCode(SECRET, T0, 1.5)).toThrow(RangeError);
    expect(() => checkInCode(SECRET, -1)).toThrow(RangeError);
    expect(() => checkInCode(SECRET, Number.NaN)).toThrow(RangeError);
  });
});

describe('verifyCheckInCode', () => {
  const now = T0 + 10_000;

  it('accepts the current code', () => {
    expect(verifyCheckInCode(SECRET, checkInCode(SECRET, now), now)).toBe(true);
  });

  it('accepts the previous code, read just before it rotated', () => {
    const shown = checkInCode(SECRET, T0 - 1);
    expect(verifyCheckInCode(SECRET, shown, T0 + 29_999)).toBe(true);
  });

  it('rejects the code from two steps back', () => {
    const old = checkInCode(SECRET, now - 2 * STEP);
    expect(old).not.toBe(checkInCode(SECRET, now));
    expect(old).not.toBe(checkInCode(SECRET, now - STEP));
    expect(verifyCheckInCode(SECRET, old, now)).toBe(false);
  });

  it('rejects a code from the future', () => {
    const next = checkInCode(SECRET, now + STEP);
    expect(verifyCheckInCode(SECRET, next, now)).toBe(false);
  });

  it("rejects another classroom's code", () => {
    const theirs = checkInCode(OTHER, now);
    expect(theirs).not.toBe(checkInCode(SECRET, now));
    expect(verifyCheckInCode(SECRET, theirs, now)).toBe(false);
  });

  it('rejects malformed input without throwing', () => {
    const good = checkInCode(SECRET, now);
    for (const bad of ['', '12345', '1234567', `${good} `, ` ${good}`, 'abcdef', '１２３４５６', `${good.slice(0, 5)}x`]) {
      expect(verifyCheckInCode(SECRET, bad, now)).toBe(false);
    }
    expect(verifyCheckInCode(SECRET, undefined as unknown as string, now)).toBe(false);
  });

  it('acceptPrevious widens or narrows the window', () => {
    const prev = checkInCode(SECRET, now - STEP);
    const older = checkInCode(SECRET, now - 2 * STEP);
    expect(verifyCheckInCode(SECRET, prev, now, { acceptPrevious: 0 })).toBe(false);
    expect(verifyCheckInCode(SECRET, older, now, { acceptPrevious: 2 })).toBe(true);
    expect(() => verifyCheckInCode(SECRET, prev, now, { acceptPrevious: -1 })).toThrow(RangeError);
  });

  it('works at the epoch, where there is no previous step', () => {
    expect(verifyCheckInCode(SECRET, checkInCode(SECRET, 0), 1)).toBe(true);
  });

  it('honours a custom step', () => {
    const code = checkInCode(SECRET, T0, 60_000);
    expect(verifyCheckInCode(SECRET, code, T0 + 119_999, { stepMs: 60_000 })).toBe(true);
    expect(verifyCheckInCode(SECRET, code, T0 + 120_000, { stepMs: 60_000 })).toBe(false);
  });
});

describe('msUntilRotation', () => {
  it('counts down to the next step boundary', () => {
    expect(msUntilRotation(T0)).toBe(30_000);
    expect(msUntilRotation(T0 + 1)).toBe(29_999);
    expect(msUntilRotation(T0 + 29_999)).toBe(1);
    expect(msUntilRotation(T0 + 12_345, 60_000)).toBe(47_655);
  });

  it('agrees with the code actually changing', () => {
    const at = T0 + 7_777;
    const wait = msUntilRotation(at);
    expect(checkInCode(SECRET, at + wait - 1)).toBe(checkInCode(SECRET, at));
    expect(checkInCode(SECRET, at + wait)).not.toBe(checkInCode(SECRET, at));
  });

  it('rejects a bad step', () => {
    expect(() => msUntilRotation(T0, 0)).toThrow(RangeError);
  });
});
