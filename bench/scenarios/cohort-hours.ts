import { peakRssMb, runTask, type Scenario } from '../harness.js';
import path from 'node:path';

const TRAINEES = Number(process.env.BENCH_COHORT_TRAINEES ?? 2000);
const ENTRIES = Number(process.env.BENCH_COHORT_ENTRIES ?? 50);
const RUNS = 10;

/**
 * GET /api/v1/cohorts/:id/hours for a 2,000-trainee cohort with 50 ledger entries each: the
 * median and slowest of 10 sequential requests, and the server's peak memory afterwards.
 */
export default {
  name: 'cohort hours JSON',
  run: async (ctx) => {
    const { result } = await runTask<{ cohortId: number }>('bench/tasks/seed-cohort.ts', [
      path.join(ctx.app.dataDir, 'bcm.sqlite'),
      String(TRAINEES),
      String(ENTRIES),
    ]);
    const cookie = await ctx.session('admin@example.com');
    const url = `${ctx.app.url}/api/v1/cohorts/${result.cohortId}/hours`;
    const times: number[] = [];
    let errors = 0;
    let bytes = 0;
    let trainees = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const res = await fetch(url, { headers: { cookie } });
      const body = await res.text();
      times.push(performance.now() - started);
      if (res.status !== 200) errors++;
      else {
        bytes = body.length;
        trainees = (JSON.parse(body) as { trainees: unknown[] }).trainees.length;
      }
    }
    times.sort((a, b) => a - b);
    return {
      name: `cohort hours JSON (${TRAINEES}×${ENTRIES})`,
      kind: 'time',
      rps: 0,
      p50_ms: Math.round(times[Math.floor(RUNS / 2)]! * 10) / 10,
      p99_ms: Math.round(times[RUNS - 1]! * 10) / 10,
      errors,
      ms: Math.round(times[Math.floor(RUNS / 2)]! * 10) / 10,
      peak_mb: peakRssMb(ctx.app.child.pid),
      detail: `median of ${RUNS}, slowest ${Math.round(times[RUNS - 1]!)} ms; ${trainees} trainees, ${Math.round(bytes / 1024)} KB; peak = server RSS`,
      targets: { maxMs: 500 },
    };
  },
} satisfies Scenario;
