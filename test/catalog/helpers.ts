// Temp copies of the fixture course trees, so tests can break files without touching the repo.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
export const GOOD = path.join(FIXTURES, 'courses-good');
export const BROKEN = path.join(FIXTURES, 'courses-broken');
/** Two ten-question banks that meet every bank rule (src/catalog/bank-rules.ts) at that size. */
export const BANKS = path.join(FIXTURES, 'courses-banks');
/** One level studying `intro` with `prep` as its exam coaching course (no question bank). */
export const COACHING = path.join(FIXTURES, 'courses-coaching');
export const REAL_COURSES = path.resolve(import.meta.dirname, '../../courses');

const created: string[] = [];

export function tempDir(prefix = 'bcm-catalog-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Call from afterAll: removes every temp dir this test file made. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A writable copy of a fixture tree; returns the copy's courses dir. */
export function copyFixture(src: string): string {
  const dir = path.join(tempDir(), 'courses');
  fs.cpSync(src, dir, { recursive: true });
  return dir;
}

export function edit(file: string, change: (text: string) => string): void {
  fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
}
