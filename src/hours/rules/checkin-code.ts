// Rotating classroom check-in codes, TOTP-style (RFC 6238 with HMAC-SHA-256, 6 digits): the
// instructor's screen shows the code for the current step; a trainee in the room types it. The
// code for the step before is still accepted, so one read just before rotation works.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEFAULT_STEP_MS = 30_000;
export const CODE_DIGITS = 6;
/** Shorter secrets would let a code watcher brute-force the key and predict later codes. */
export const MIN_SECRET_BYTES = 16;

/** The time step an instant falls in: floor(at / stepMs). */
export function checkInStep(at: number, stepMs: number = DEFAULT_STEP_MS): number {
  checkStep(stepMs);
  if (!(Number.isFinite(at) && at >= 0)) throw new RangeError(`at must be a non-negative time, got ${at}`);
  return Math.floor(at / stepMs);
}

/** The 6-digit code for the step `at` falls in. */
export function checkInCode(secret: Uint8Array, at: number, stepMs: number = DEFAULT_STEP_MS): string {
  return codeForStep(secret, checkInStep(at, stepMs));
}

export interface VerifyOptions {
  stepMs?: number;
  /** How many steps back are still accepted; the default 1 accepts the current and previous code. */
  acceptPrevious?: number;
}

/**
 * True when `code` is the current step's code or one of the `acceptPrevious` steps before it.
 * Codes from later steps are never accepted. Comparison is constant-time, and every candidate is
 * compared (no early exit), so timing says nothing about which step matched.
 */
export function verifyCheckInCode(secret: Uint8Array, code: string, at: number, options: VerifyOptions = {}): boolean {
  const stepMs = options.stepMs ?? DEFAULT_STEP_MS;
  const acceptPrevious = options.acceptPrevious ?? 1;
  if (!(Number.isInteger(acceptPrevious) && acceptPrevious >= 0)) {
    throw new RangeError(`acceptPrevious must be a non-negative integer, got ${acceptPrevious}`);
  }
  const current = checkInStep(at, stepMs);
  checkSecret(secret);
  const wellFormed = typeof code === 'string' && /^[0-9]{6}$/.test(code);
  const given = Buffer.from(wellFormed ? code : '------', 'ascii');
  let match = false;
  for (let step = current; step >= Math.max(0, current - acceptPrevious); step--) {
    const expected = Buffer.from(codeForStep(secret, step), 'ascii');
    match = timingSafeEqual(given, expected) || match;
  }
  return wellFormed && match;
}

/** Milliseconds until the code shown at `at` changes; a full step exactly at a boundary. */
export function msUntilRotation(at: number, stepMs: number = DEFAULT_STEP_MS): number {
  checkStep(stepMs);
  if (!Number.isFinite(at)) throw new RangeError(`at must be a finite time, got ${at}`);
  const into = ((at % stepMs) + stepMs) % stepMs;
  return stepMs - into;
}

function codeForStep(secret: Uint8Array, step: number): string {
  checkSecret(secret);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha256', secret).update(counter).digest();
  // Dynamic truncation (RFC 4226 §5.3): 31 bits at the offset named by the last byte's low nibble.
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** CODE_DIGITS).padStart(CODE_DIGITS, '0');
}

function checkSecret(secret: Uint8Array): void {
  if (!(secret instanceof Uint8Array) || secret.length < MIN_SECRET_BYTES) {
    throw new RangeError(`secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
}

function checkStep(stepMs: number): void {
  if (!(Number.isInteger(stepMs) && stepMs > 0)) throw new RangeError(`stepMs must be a positive integer, got ${stepMs}`);
}
