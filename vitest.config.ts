import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser journeys start a server and Chromium each; run test files in forks, a few at a time.
    pool: 'forks',
    maxWorkers: 2,
  },
});
