import { afterAll, vi } from 'vitest';
import { removeTempDirs } from './temp.js';

// Setup file of every vitest project (vitest.config.ts): registered first, so these afterAll hooks
// run after the test file's own (vitest runs after-hooks last registered first).
afterAll(removeTempDirs);
// The unit and app projects share one module graph per worker (no isolation): a file leaves no
// fake clock, stubbed variable or spy behind for the next file in that worker.
afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
