import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every vitest project runs its files in one module graph per worker (vitest.config.ts,
// `isolate: false`). A module mock would then reach every later file of that worker and make its
// results depend on the order files happen to run in.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Test files that mock a module, as `file:line`. */
export function moduleMocks(files: Map<string, string>): string[] {
  return [...files].flatMap(([file, text]) => text.split('\n').flatMap((line, i) => (/\bvi\.(mock|doMock)\(/.test(line) ? [`${file}:${i + 1}`] : [])));
}

function testFiles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of fs.readdirSync(path.join(root, 'test'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.test\.tsx?$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.set(path.relative(root, file), fs.readFileSync(file, 'utf8'));
  }
  return out;
}

describe('tests that share a module graph', () => {
  it('mock no module (a mock would leak into the next file of the worker)', () => {
    expect(moduleMocks(testFiles())).toEqual([]);
  });

  it('catches a file that mocks a module, naming its line', () => {
    const files = new Map([
      ['test/exams/clock.test.ts', "import { vi } from 'vitest';\nvi.mock('../../src/exams/clock.js');\n"],
      ['test/e2e/exam.e2e.test.ts', "import { vi } from 'vitest';\n\nvi.doMock('playwright-core');\n"],
      ['test/exams/saves.test.ts', "import { vi } from 'vitest';\nvi.useFakeTimers();\n"],
    ]);
    expect(moduleMocks(files)).toEqual(['test/exams/clock.test.ts:2', 'test/e2e/exam.e2e.test.ts:3']);
  });
});
