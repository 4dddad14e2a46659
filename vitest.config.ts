import { defineConfig } from 'vitest/config';

// Three projects (`npx vitest run --project unit`, `npm run test:unit`; `npm test` runs all three):
// - unit: pure rules, parsers and functions — no app, no database, no server — in one shared
//   module graph (no isolation, threads), so each module is imported once per worker, not per file.
//   A file belongs here only if it leaves no state behind (no vi.mock, no env or timer stubs left).
// - app: HTTP and store tests, each file on its own real temporary SQLite (test/helpers/app.ts),
//   in forks that also share one module graph per worker: the app holds no module-level state
//   keyed by database, so a file needs no fresh import of it (re-importing the app for each of
//   ~110 files was ~150 s of the run). Fake clocks, stubbed variables and spies are undone after
//   each file (test/helpers/cleanup.ts).
// - e2e: browser journeys (`*.e2e.test.ts`): a real server and Chromium each, two at a time,
//   their modules also loaded once per worker.
// No test file mocks a module (test/architecture/shared-graph.test.ts): with shared module graphs
// a mock would leak into the worker's later files.
const UNIT = [
  'test/**/rules/**/*.test.ts',
  'test/auth/passwords.test.ts',
  'test/catalog/frontmatter.test.ts',
  'test/catalog/compile.test.ts',
  'test/exams/grading.test.ts',
  'test/exams/stats.test.ts',
  'test/proof/serial.test.ts',
  'test/proof/signing.test.ts',
  'test/ops/config.test.ts',
  'test/bench/cpu-tree.test.ts',
  'test/platform/i18n.test.ts',
  'test/platform/zoned-time.test.ts',
  'test/questions/gift.test.ts',
  'test/questions/spreadsheet.test.ts',
];
const E2E = ['test/**/*.e2e.test.ts'];
const ALL = ['test/**/*.test.ts', 'test/**/*.test.tsx'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Every project: a test file's temp folders are removed after its tests (test/helpers/temp.ts).
    setupFiles: ['test/helpers/cleanup.ts'],
    // The whole run never uses more than the machine's two cores' worth of workers.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: UNIT, pool: 'threads', isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'app',
          include: ALL,
          exclude: [...UNIT, ...E2E],
          pool: 'forks',
          isolate: false,
          // A worker lives through many files: the tests that bound an upload's memory collect the
          // garbage other files left before measuring (test/platform/zip.ts rss()).
          execArgv: ['--expose-gc'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: E2E,
          // Unpacks the npm Chromium once, before the journeys' workers start (test/e2e/global-setup.ts).
          globalSetup: ['test/e2e/global-setup.ts'],
          pool: 'forks',
          // Each journey starts its own server and Chromium; the modules they import (the app,
          // playwright-core, axe-core: ~5 s of a file's start) are loaded once per worker.
          isolate: false,
          maxWorkers: 2,
        },
      },
    ],
  },
});
