import path from 'node:path';
import { getChecked, login, settingsFromEnv, startApp, stopAll, measure } from './harness.js';

// `npx tsx bench/compare.ts <other checkout>`: server CPU per request of the same pages on two
// checkouts (e.g. before and after a change), both servers running at once and measured in turns
// (A, B, A, B, …), so a shared machine's changing load falls on both alike. Prints the median of
// each page's turns. BENCH_REQUESTS per turn (default 2,000), BENCH_ROUNDS turns (default 5).

const other = process.argv[2];
if (!other) throw new Error('usage: npx tsx bench/compare.ts <path of the other checkout, with node_modules>');
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const requests = Number(process.env.BENCH_REQUESTS ?? 2000);
const settings = settingsFromEnv();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function prepare(label: string, cwd?: string) {
  const app = await startApp({}, undefined, cwd);
  const cookie = await login(app.url, 'trainee@example.com');
  const res = await fetch(`${app.url}/exams/start/assistant-mock`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, origin: app.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });
  await res.arrayBuffer();
  const paper = res.headers.get('location') ?? '';
  if (res.status !== 303) throw new Error(`${label}: starting the mock exam gave HTTP ${res.status}`);
  return { label, app, cookie, paper };
}

async function main(): Promise<void> {
  const a = await prepare(`A ${path.resolve(other!)}`, path.resolve(other!));
  const b = await prepare('B (this checkout)');
  const pages = [
    { name: 'trainee page', path: () => '/me', expect: '张学员' },
    { name: 'lesson page', path: () => '/courses/bcm-intro/01-role-and-duties', expect: '银行客户经理的角色、职责与核心能力' },
    { name: 'levels overview', path: () => '/levels', expect: '张学员' },
    { name: 'exam paper page', path: (s: typeof a) => s.paper, expect: 'id="submit-form"' },
  ];
  console.error(`[compare] ${rounds} turns × ${requests} requests per page and server, ${settings.connections} connections`);
  const lines: string[] = [];
  for (const page of pages) {
    const cpu = { A: [] as number[], B: [] as number[] };
    for (let r = 0; r < rounds; r++) {
      for (const s of r % 2 === 0 ? [a, b] : [b, a]) {
        const url = `${s.app.url}${page.path(s)}`;
        await getChecked(url, { cookie: s.cookie }, page.expect);
        const row = await measure({
          name: page.name,
          url,
          headers: { cookie: s.cookie },
          expectText: page.expect,
          requests,
          cpuPid: s.app.child.pid,
          warmup: r === 0 ? settings.warmup : 0,
        });
        cpu[s === a ? 'A' : 'B'].push(row.cpu_us ?? 0);
      }
    }
    lines.push(
      `${page.name.padEnd(16)} A ${String(median(cpu.A)).padStart(5)} µs   B ${String(median(cpu.B)).padStart(5)} µs   (A turns ${cpu.A.join(' ')}; B turns ${cpu.B.join(' ')})`,
    );
    console.error(`[compare] ${lines.at(-1)}`);
  }
  console.log(`A = ${a.label}\nB = ${b.label}\nserver CPU per request, median of ${rounds} turns of ${requests} requests:\n${lines.join('\n')}`);
}

main()
  .catch((err: unknown) => {
    console.error(`\n[compare] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
