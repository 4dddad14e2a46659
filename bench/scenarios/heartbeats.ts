import fs from 'node:fs';
import path from 'node:path';
import { measure, runTask, tempDir, type Scenario } from '../harness.js';

const READERS = Number(process.env.BENCH_READERS ?? 5000);

/**
 * Self-study heartbeats from 5,000 simulated readers, each with their own session, on the same
 * lesson. Two runs: the load those readers really make (one beat each every 30 s, ~167/s) with
 * its latency — the target — and then as fast as the server takes them (capacity).
 */
export default {
  name: 'heartbeats',
  run: async (ctx) => {
    const out = path.join(tempDir(), 'cookies.json');
    await runTask('bench/tasks/seed-readers.ts', [path.join(ctx.app.dataDir, 'bcm.sqlite'), String(READERS), out]);
    const cookies = JSON.parse(fs.readFileSync(out, 'utf8')) as string[];
    let next = 0;
    const body = new URLSearchParams({ course: 'bcm-intro', lesson: '01-role-and-duties' }).toString();
    // Real readers arrive spread out; few connections keep autocannon from sending the paced
    // requests in bursts of one per connection (which would measure its own queueing).
    const run = (name: string, overallRate?: number) =>
      measure({
        name,
        url: `${ctx.app.url}/study/heartbeat`,
        method: 'POST',
        headers: { Origin: new URL(ctx.app.url).origin, 'Content-Type': 'application/x-www-form-urlencoded', 'HX-Request': 'true' },
        body,
        overallRate,
        ...(overallRate ? { connections: 4 } : {}),
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, cookie: cookies[next++ % cookies.length]! } }),
      });
    const realRate = Math.round(cookies.length / 30);
    const real = await run(`heartbeats, ${cookies.length} readers @ ${realRate}/s`, realRate);
    real.targets = { maxP99Ms: 20 };
    const capacity = await run(`heartbeats, ${cookies.length} readers, max rate`);
    return [real, capacity];
  },
} satisfies Scenario;
