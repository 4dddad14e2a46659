import path from 'node:path';
import { ROOT, runTask, startApp, tempDir, type Row, type Scenario } from '../harness.js';

type LoadResult = { ms: number; lessons: number; compiled: number; fromCache: number; errors: number; peakMb: number };

/**
 * The course catalogue: compiling every lesson from an empty cache, loading it again with the
 * cache warm, and a whole server start (migrations, catalogue, listen) on a warm cache.
 */
export default {
  name: 'catalogue',
  run: async (ctx) => {
    const cache = path.join(tempDir(), 'mdx');
    const courses = path.join(ROOT, 'courses');
    const cold = await runTask<LoadResult>('bench/tasks/load-catalog.ts', [courses, cache]);
    const warm = await runTask<LoadResult>('bench/tasks/load-catalog.ts', [courses, cache]);
    // A second server on the first one's data folder, whose MDX cache is warm.
    const started = performance.now();
    const again = await startApp({}, ctx.app.dataDir);
    const startMs = performance.now() - started;
    await again.stop();
    const rows: Row[] = [
      {
        name: 'compile all lessons (empty cache)',
        kind: 'time',
        rps: 0,
        p50_ms: 0,
        p99_ms: 0,
        errors: cold.result.errors,
        ms: cold.result.ms,
        peak_mb: cold.peakMb,
        detail: `${cold.result.compiled} lessons compiled`,
      },
      {
        name: 'catalogue load (warm cache)',
        kind: 'time',
        rps: 0,
        p50_ms: 0,
        p99_ms: 0,
        errors: warm.result.errors,
        ms: warm.result.ms,
        peak_mb: warm.peakMb,
        detail: `${warm.result.fromCache} from cache, ${warm.result.compiled} compiled`,
        targets: { maxMs: 1000 },
      },
      {
        name: 'server start to /healthz (warm cache)',
        kind: 'time',
        rps: 0,
        p50_ms: 0,
        p99_ms: 0,
        errors: 0,
        ms: startMs,
        detail:
          process.env.BENCH_FROM === 'source'
            ? 'process spawn + tsx + migrate + catalogue + listen'
            : 'process spawn (the bundle npm start runs) + migrate + catalogue + listen',
      },
    ];
    return rows;
  },
} satisfies Scenario;
