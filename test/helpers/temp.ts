import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Temporary folders a test file makes (databases, signing keys, exports) are removed after that
// file's tests: test/helpers/cleanup.ts, a vitest setup file, runs `removeTempDirs` in an afterAll
// of every test file. Whatever still has a file open in a folder (a SQLite database, a server)
// registers its closing with `whenDone` and is closed first.

const dirs: string[] = [];
const closers: (() => unknown)[] = [];

/** A fresh folder under the system temp folder, removed after the current test file. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** Runs `close` after the current test file, before its temp folders are removed. */
export function whenDone(close: () => unknown): void {
  closers.push(close);
}

export async function removeTempDirs(): Promise<void> {
  // Last opened, first closed (a server before the database it serves).
  for (const close of closers.splice(0).reverse()) await close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
