import fs from 'node:fs';
import path from 'node:path';
import { cpuTreeByPid, login, measure, runTask, startApp, tempDir, type RunningServer, type Row, type Scenario } from '../harness.js';
import { AckLedger, autosaveRequests, checkSaves, startStorm } from '../exam-load.js';
import { LESSON_PATH, LESSON_TITLE } from './lesson-page.js';

const TAKERS = Number(process.env.BENCH_EXAM_TAKERS ?? 2000);
const EXAM = 'assistant-mock';
/** The worker counts measured (WORKERS=N); issue 18's backend column. */
const WORKER_COUNTS = [1, 2];

type App = RunningServer & { dataDir: string; workers: number; label: string };

/**
 * The backend column of issue 18: the lesson page and the exam autosave on SQLite served by one
 * process (WORKERS=1) and by a primary and two workers (WORKERS=2), in one run and by the same code.
 * Each server has its own temporary data folder, seeded with the demo and started a second time from
 * its lesson cache (as bench/run.ts starts the main app). Both run at once and each measurement
 * alternates between them, so a change in the shared machine's load falls on both alike. Server
 * CPU per request is summed over the primary and its workers (harness cpuTreeByPid); the detail
 * column shows how it split. PostgreSQL rows say "not built": that backend does not exist yet.
 */
export default {
  name: 'workers',
  run: async (ctx) => {
    const apps: App[] = [];
    try {
      for (const workers of WORKER_COUNTS) apps.push(await startSqliteApp(workers));
      const rows: Row[] = [];

      for (const app of apps) {
        const cookie = await login(app.url, ctx.trainee.email);
        const row = await measure({
          name: `${app.label}: lesson page`,
          url: `${app.url}${LESSON_PATH}`,
          headers: { cookie },
          expectText: LESSON_TITLE,
          requests: ctx.settings.requests,
          cpuPid: app.child.pid,
        });
        rows.push(describe(row, app, ''));
      }

      for (const app of apps) {
        const dbFile = path.join(app.dataDir, 'bcm.sqlite');
        const out = path.join(tempDir(), 'exam-takers.json');
        await runTask('bench/tasks/seed-exam-takers.ts', [dbFile, String(TAKERS), 'assistant', out]);
        const cookies = JSON.parse(fs.readFileSync(out, 'utf8')) as string[];
        const storm = await startStorm(app.url, cookies, EXAM, 1000);
        if (storm.takers.length === 0) throw new Error(`${app.label}: no exam opened in the start storm (${storm.firstError ?? 'no error'})`);
        const ledger = new AckLedger();
        const row = await measure({
          name: `${app.label}: exam autosave, ${storm.takers.length} trainees`,
          url: `${app.url}/exams/attempts/0/save`,
          method: 'POST',
          headers: { Origin: new URL(app.url).origin, 'Content-Type': 'application/x-www-form-urlencoded', 'HX-Request': 'true' },
          body: 'q=&seq=1',
          requests: ctx.settings.requests,
          cpuPid: app.child.pid,
          ...autosaveRequests(storm.takers, ledger),
        });
        const check = checkSaves(dbFile, ledger);
        row.lost = check.lost;
        row.targets = { maxLost: 0 };
        const storming = `start storm first: last paper after ${(storm.lastMs / 1000).toFixed(1)} s${storm.errors ? `, ${storm.errors} errors` : ''}; `;
        const saves = `${check.acknowledged} acknowledged, ${check.lost} lost${check.detail ? ` (${check.detail})` : ''}`;
        rows.push(describe(row, app, `${storming}${saves}`));
      }

      for (const workers of WORKER_COUNTS)
        for (const what of ['lesson page', 'exam autosave'])
          rows.push({
            name: `PostgreSQL ×${workers} ${workerWord(workers)}: ${what}`,
            kind: 'note',
            rps: 0,
            p50_ms: 0,
            p99_ms: 0,
            errors: 0,
            detail: 'not built',
          });
      return rows;
    } finally {
      await Promise.all(apps.map((app) => app.stop()));
    }
  },
} satisfies Scenario;

const workerWord = (n: number) => (n === 1 ? 'worker' : 'workers');

/** The app on its own data folder with WORKERS=n: seeded and stopped once, then started from its lesson cache. */
async function startSqliteApp(workers: number): Promise<App> {
  const env = { WORKERS: String(workers) };
  const dir = tempDir();
  await (await startApp(env, dir)).stop();
  const app = await startApp(env, dir);
  await settled(app.child.pid!, workers);
  return { ...app, workers, label: `SQLite ×${workers} ${workerWord(workers)}` };
}

/**
 * Waits until the server's processes are all there and idle: /healthz answers as soon as one worker
 * listens, and a keep-alive connection made before the other listens would stay with the first.
 */
async function settled(pid: number, workers: number, timeoutMs = 30_000): Promise<void> {
  const processes = workers > 1 ? workers + 1 : 1;
  const deadline = Date.now() + timeoutMs;
  let before = cpuTreeByPid(pid);
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const now = cpuTreeByPid(pid);
    // Idle: no process used more than 20 ms of CPU in the last half second.
    const idle = now.size === processes && [...now].every(([p, ms]) => ms - (before.get(p) ?? 0) <= 20);
    if (idle) return;
    if (Date.now() > deadline) throw new Error(`WORKERS=${workers}: ${now.size} of ${processes} processes, not idle after ${timeoutMs} ms`);
    before = now;
  }
}

/** Labels a row with its backend and says how the server's CPU split across its processes. */
function describe(row: Row, app: App, detail: string): Row {
  row.backend = `SQLite ×${app.workers}`;
  const split = row.cpu_by_process_us;
  const cpu = split && split.length > 1 ? `CPU µs/req: primary ${split[0]}, workers ${split.slice(1).join(' + ')}` : '';
  row.detail = [detail, cpu].filter(Boolean).join('; ');
  row.targets ??= {};
  return row;
}
