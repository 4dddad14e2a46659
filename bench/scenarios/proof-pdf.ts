import path from 'node:path';
import { runTask, tempDir, type Row, type Scenario } from '../harness.js';

type Seed = { cohortId: number; serial: string };
type Pdf = { coldMs: number; warmMs: number; bytes: number; peakMb: number };

/** One training certificate as a PDF (embedded CJK font subset, QR code), first and steady state. */
export default {
  name: 'proof-pdf',
  targets: { maxMs: 300 },
  run: async (ctx) => {
    const dir = tempDir('bcm-bench-pdf-');
    const dbFile = path.join(dir, 'proof.sqlite');
    const seed = await runTask<Seed>('bench/tasks/proof-seed.ts', [dbFile, path.join(ctx.app.dataDir, 'cache', 'mdx'), '1', '40']);
    const { result } = await runTask<Pdf>('bench/tasks/proof-pdf.ts', [dbFile, seed.result.serial]);
    const row = (name: string, ms: number, detail: string): Row => ({
      name,
      kind: 'time',
      rps: 0,
      p50_ms: 0,
      p99_ms: 0,
      errors: 0,
      ms,
      peak_mb: result.peakMb,
      detail,
    });
    const size = `${(result.bytes / 1024).toFixed(0)} KB`;
    return [
      row('proof: certificate PDF, first in a process', result.coldMs, `${size}; includes reading the fonts`),
      row('proof: certificate PDF, steady state', result.warmMs, `${size}; median of 9, zh/en`),
    ];
  },
} satisfies Scenario;
