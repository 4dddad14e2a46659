import fs from 'node:fs';
import path from 'node:path';
import { cpuTreeMs, measure, rssMb, runTask, tempDir, type Row, type Scenario } from '../harness.js';
import { AckLedger, autosaveRequests, checkSaves, startStorm } from '../exam-load.js';

const TAKERS = Number(process.env.BENCH_EXAM_TAKERS ?? 2000);
const EXAM = 'assistant-mock';

/**
 * Exam day for 2,000 trainees, each with their own session: first they all start the same mock
 * exam within one second (start, redirect, paper), then they autosave as fast as the server takes
 * it, every request a different trainee's answer with their next sequence number. Every save
 * acknowledged with 2xx is written down on this side and looked up in the database afterwards.
 * The autosave's reference is the baseline server's bare POST route given the very same requests,
 * measured in the same run, so baseline_ratio = saves/s ÷ that route's req/s.
 */
export default {
  name: 'exams',
  run: async (ctx) => {
    const out = path.join(tempDir(), 'exam-takers.json');
    const dbFile = path.join(ctx.app.dataDir, 'bcm.sqlite');
    await runTask('bench/tasks/seed-exam-takers.ts', [dbFile, String(TAKERS), 'assistant', out]);
    const cookies = JSON.parse(fs.readFileSync(out, 'utf8')) as string[];

    // Server CPU per request is the steadiest figure on a shared machine (req/s moves with its load).
    const pid = ctx.app.child.pid;
    // Memory before the storm too: most of the server's RSS is there before any attempt opens
    // (node, tsx, the app's code, the lessons compiled at start), and the target is about attempts.
    const rssBefore = rssMb(pid);
    const cpu = cpuTreeMs(pid);
    const storm = await startStorm(ctx.app.url, cookies, EXAM, 1000);
    const stormCpu = cpuTreeMs(pid) - cpu;
    // Every trainee now has an open attempt (its paper cached in the server). Right after the storm
    // the RSS still holds what 2,000 requests in flight at once left (their 57 KB pages, sockets):
    // V8 gives that memory back once the process has been idle a while. The memory target is about
    // the attempts, so the settled figure is measured too, before the autosaves start.
    const rss = rssMb(pid);
    const settled = await settledRss(pid);
    const stormRow: Row = {
      name: `exam-start storm, ${cookies.length} trainees in 1 s`,
      kind: 'time',
      rps: 0,
      p50_ms: round(storm.p50Ms),
      p99_ms: round(storm.p99Ms),
      errors: storm.errors,
      ms: storm.lastMs,
      peak_mb: rss,
      detail: `RSS ${rss} MB right after (${rssBefore} MB before the storm); until the last paper; per trainee p50 ${Math.round(storm.p50Ms)} ms, p99 ${Math.round(storm.p99Ms)} ms; server CPU ${(stormCpu / cookies.length).toFixed(2)} ms per trainee${storm.firstError ? `; first error: ${storm.firstError}` : ''}`,
      targets: { maxMs: 3000 },
    };
    const memoryRow: Row = {
      name: `memory, ${storm.takers.length} attempts open`,
      kind: 'time',
      rps: 0,
      p50_ms: 0,
      p99_ms: 0,
      errors: 0,
      ms: settled.waitedMs,
      peak_mb: settled.mb,
      detail: `RSS once steady (${(settled.waitedMs / 1000).toFixed(0)} s after the storm): ${settled.mb} MB; ${rss} MB right after the storm, ${rssBefore} MB before it`,
      targets: { maxRssMb: 200 },
    };
    if (storm.takers.length === 0) return [stormRow, memoryRow];

    const headers = { Origin: new URL(ctx.app.url).origin, 'Content-Type': 'application/x-www-form-urlencoded', 'HX-Request': 'true' };
    const ledger = new AckLedger();
    const saves = autosaveRequests(storm.takers, ledger);
    const name = `exam autosave, ${storm.takers.length} trainees`;
    const requests = ctx.settings.requests;
    const saveRow = await measure({
      name,
      url: `${ctx.app.url}/exams/attempts/0/save`,
      method: 'POST',
      headers,
      body: 'q=&seq=1',
      requests,
      cpuPid: pid,
      ...saves,
    });
    // The same requests (fresh sequence numbers) to a route that only parses them.
    const copies = storm.takers.map((t) => ({ ...t, slots: t.slots, seq: 0 }));
    const bare = await measure({
      name: '  bare POST parse (autosave reference)',
      url: `${ctx.baseline.url}/exams/attempts/0/save`,
      method: 'POST',
      headers,
      body: 'q=&seq=1',
      requests,
      cpuPid: ctx.baseline.child.pid,
      ...autosaveRequests(copies),
    });

    const check = checkSaves(dbFile, ledger);
    saveRow.lost = check.lost;
    saveRow.baseline_ratio = bare.rps > 0 ? Math.round((saveRow.rps / bare.rps) * 1000) / 1000 : 0;
    saveRow.bare_cpu_us = bare.cpu_us;
    if (saveRow.cpu_us && bare.cpu_us) saveRow.cpu_ratio = Math.round((bare.cpu_us / saveRow.cpu_us) * 1000) / 1000;
    saveRow.detail = `${check.acknowledged} acknowledged saves on ${check.checkedAttempts} attempts, checked in the database: ${check.lost} lost${check.detail ? ` (${check.detail})` : ''}`;
    saveRow.targets = { minRps: 5000, maxP99Ms: 25, minCpuRatio: 0.7, maxLost: 0 };
    bare.baseline_ratio = 1;
    bare.detail = 'reference for the autosave row';
    return [saveRow, bare, stormRow, memoryRow];
  },
} satisfies Scenario;

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The server's RSS once it stops falling: sampled a second apart until five samples in a row are
 * within 1 MB, at most 30 s on (V8 may give back the storm's garbage when the process goes idle;
 * on Node 20 here it kept it: 237 MB every second for 25 s).
 */
async function settledRss(pid: number | undefined): Promise<{ mb: number; waitedMs: number }> {
  const started = Date.now();
  const samples = [rssMb(pid)];
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    samples.push(rssMb(pid));
    const recent = samples.slice(-5);
    const steady = recent.length === 5 && Math.max(...recent) - Math.min(...recent) <= 1;
    if (steady || Date.now() - started > 30_000) return { mb: samples.at(-1)!, waitedMs: Date.now() - started };
  }
}
