import path from 'node:path';
import { runTask, tempDir, type Row, type Scenario } from '../harness.js';

type Seed = { cohortId: number; serial: string; trainees: number; entries: number; seedMs: number };
type Export = { ms: number; bytes: number; lines: number | null; peakMb: number };

const TRAINEES = Number(process.env.BENCH_PROOF_TRAINEES ?? 5000);
const ENTRIES = 40;

/**
 * Attendance and hours exports of a 5,000-trainee cohort with 40 ledger rows each (200,000 rows,
 * 100,000 roster marks), as CSV and XLSX. Each export runs in a fresh process, so its peak memory
 * is its own; the time is the export's, from the request to the last byte on disk.
 */
export default {
  name: 'proof-exports',
  targets: { maxMs: 3000, maxPeakMb: 300 },
  run: async (ctx) => {
    const dir = tempDir('bcm-bench-proof-');
    const dbFile = path.join(dir, 'proof.sqlite');
    const seed = await runTask<Seed>('bench/tasks/proof-seed.ts', [dbFile, path.join(ctx.app.dataDir, 'cache', 'mdx'), String(TRAINEES), String(ENTRIES)]);
    const rows: Row[] = [
      {
        name: `proof: seed ${TRAINEES} trainees × ${ENTRIES} ledger rows`,
        kind: 'time',
        rps: 0,
        p50_ms: 0,
        p99_ms: 0,
        errors: 0,
        ms: seed.result.seedMs,
        peak_mb: seed.peakMb,
        detail: `${seed.result.entries} ledger rows, ${TRAINEES * 20} marks (set-up, not a target)`,
        targets: {},
      },
    ];
    for (const kind of ['attendance', 'hours'] as const) {
      for (const format of ['csv', 'xlsx'] as const) {
        const out = path.join(dir, `${kind}.${format}`);
        const { result } = await runTask<Export>('bench/tasks/proof-export.ts', [dbFile, String(seed.result.cohortId), kind, format, out]);
        // A CSV must hold the header and one line per trainee; anything else counts as an error.
        const wrong = result.lines !== null && result.lines !== TRAINEES + 1;
        rows.push({
          name: `proof: export ${kind} ${format.toUpperCase()} (${TRAINEES} trainees)`,
          kind: 'time',
          rps: 0,
          p50_ms: 0,
          p99_ms: 0,
          errors: wrong ? 1 : 0,
          ms: result.ms,
          peak_mb: result.peakMb,
          detail: `${(result.bytes / 1024 / 1024).toFixed(1)} MB${result.lines !== null ? `, ${result.lines} lines` : ''}`,
        });
      }
    }
    return rows;
  },
} satisfies Scenario;
