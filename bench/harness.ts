import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { build } from 'esbuild';

// Reusable pieces of the load benchmark: start servers as child processes, log in over HTTP,
// and measure one endpoint with autocannon. bench/run.ts wires them together; later benches
// (lesson pages, heartbeats, exam autosaves) add a scenario file and reuse all of this.

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------
// Settings

export type Settings = {
  connections: number;
  duration: number;
  warmup: number;
  /** Requests per measured run in the CPU-per-request scenarios (pages, autosave). */
  requests: number;
};

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return n;
}

/**
 * 32 connections, 10 s measured after a 2 s warm-up, 10,000 requests per CPU-per-request run;
 * BENCH_CONNECTIONS / BENCH_DURATION / BENCH_WARMUP / BENCH_REQUESTS override (e.g.
 * BENCH_REQUESTS=3000 for a quicker run: the CPU figures then carry about ±1 % more noise).
 */
export function settingsFromEnv(): Settings {
  return {
    connections: Math.max(1, Math.round(envNumber('BENCH_CONNECTIONS', 32))),
    duration: Math.max(1, envNumber('BENCH_DURATION', 10)),
    warmup: envNumber('BENCH_WARMUP', 2),
    requests: Math.max(100, Math.round(envNumber('BENCH_REQUESTS', 10_000))),
  };
}

/*
 * Server CPU is read from outside the server, from Linux's /proc/<pid>/stat (nothing elsewhere),
 * so nothing in the app exposes it and the load generator's own CPU never counts. Its resolution
 * is one clock tick (10 ms): over thousands of requests that is well under 1 % of the figure.
 */

/** One line of /proc/<pid>/stat, the fields the CPU figures need. */
export type ProcStat = {
  pid: number;
  ppid: number;
  /** utime + stime: this process's own CPU so far (every thread), in clock ticks. */
  ticks: number;
  /** cutime + cstime: CPU of its children that have exited and been waited for, in clock ticks. */
  childTicks: number;
};

/**
 * Parses one /proc/<pid>/stat line. The command name (field 2) is in parentheses and may itself
 * hold spaces and ")", so the fields are counted from its last ")". Undefined if it is not one.
 */
export function parseProcStat(line: string): ProcStat | undefined {
  const close = line.lastIndexOf(')');
  const pid = Number.parseInt(line, 10);
  if (close < 0 || !Number.isInteger(pid)) return undefined;
  // After ") ": state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17).
  const f = line
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const n = (i: number) => Number(f[i]);
  const stat = { pid, ppid: n(1), ticks: n(11) + n(12), childTicks: n(13) + n(14) };
  return [stat.ppid, stat.ticks, stat.childTicks].every(Number.isFinite) ? stat : undefined;
}

/**
 * CPU ticks of `root` and of every process descended from it, per pid (root first; empty if root
 * is not among `stats`). Each counts its own time plus that of its children already waited for,
 * so a worker that exits during a run still counts, in its parent, and the sum never goes down.
 */
export function treeTicks(stats: Iterable<ProcStat>, root: number): Map<number, number> {
  const byParent = new Map<number, ProcStat[]>();
  let top: ProcStat | undefined;
  for (const s of stats) {
    if (s.pid === root) top = s;
    const list = byParent.get(s.ppid);
    if (list) list.push(s);
    else byParent.set(s.ppid, [s]);
  }
  const out = new Map<number, number>();
  const queue = top ? [top] : [];
  while (queue.length) {
    const s = queue.shift()!;
    if (out.has(s.pid)) continue; // a pid reused mid-scan cannot loop the walk
    out.set(s.pid, s.ticks + s.childTicks);
    queue.push(...(byParent.get(s.pid) ?? []));
  }
  return out;
}

/** Every process's /proc/<pid>/stat right now (Linux; empty elsewhere). */
function allProcStats(): ProcStat[] {
  let names: string[];
  try {
    names = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const out: ProcStat[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = parseProcStat(fs.readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (stat) out.push(stat);
    } catch {
      /* exited while we scanned */
    }
  }
  return out;
}

/**
 * CPU (ms) of a process and all its descendants, per pid, root first: for WORKERS=N the primary
 * and its workers. Found by scanning /proc for parent pids.
 */
export function cpuTreeByPid(pid: number | undefined): Map<number, number> {
  if (pid === undefined) return new Map();
  return new Map([...treeTicks(allProcStats(), pid)].map(([p, ticks]) => [p, ticks * 10]));
}

/**
 * CPU time (ms) a process and all its descendants have used so far — what the bench reads before
 * and after a run. For a server with no children (WORKERS=1, the bare server) it moves exactly as
 * the process's own utime + stime does: it adds only the constant CPU of children that exited before.
 */
export function cpuTreeMs(pid: number | undefined): number {
  let sum = 0;
  for (const ms of cpuTreeByPid(pid).values()) sum += ms;
  return sum;
}

// ---------------------------------------------------------------------------------------------
// Child processes

export type RunningServer = {
  name: string;
  url: string;
  port: number;
  child: ChildProcess;
  /** Bytes the process wrote to stdout/stderr since it became ready (0 when logging is silent). */
  outputSinceReady(): number;
  /** The last few KB of its output, for error messages. */
  recentOutput(): string;
  stop(): Promise<void>;
};

const children = new Set<ChildProcess>();
const cleanups: Array<() => void> = [];
let exitHooksInstalled = false;

/** Children die with us: on normal exit, on error, and on Ctrl-C / SIGTERM. */
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const fn of cleanups.splice(0)) {
      try {
        fn();
      } catch {
        /* best effort */
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping servers`);
      void stopAll().finally(() => process.exit(130));
    });
  }
}

/** Registers something to undo when the process exits (e.g. removing a temp dir). */
export function onExit(fn: () => void): void {
  installExitHooks();
  cleanups.push(fn);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((child) => stopChild(child)));
}

function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      children.delete(child);
      return resolve();
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      children.delete(child);
      resolve();
    });
    // SIGTERM first so a server started with --cpu-prof can write its profile.
    child.kill('SIGTERM');
  });
}

/** A port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export type StartOptions = {
  name: string;
  /**
   * TypeScript entry point, relative to the repository root. Run as `npm start` runs the server:
   * bundled by scripts/build.mjs's options and started by plain `node` (the bare server too, so
   * both sides of each ratio run the same way); BENCH_FROM=source runs it with `node --import tsx`
   * instead, as a checkout without scripts/build.mjs is (bench/compare.ts on an older commit).
   */
  script: string;
  args?: string[];
  /** Extra environment; a function gets the chosen port (e.g. for PUBLIC_URL). */
  env?: Record<string, string> | ((port: number) => Record<string, string>);
  /** Path answered with 200 once the server is ready. */
  readyPath?: string;
  timeoutMs?: number;
  /** The checkout to run it in (default: this one), e.g. an older commit for bench/compare.ts. */
  cwd?: string;
};

/**
 * Starts the script (see StartOptions.script) with PORT set to a free port and waits until readyPath
 * answers 200. Extra node flags for the servers (e.g. `--cpu-prof`) come from BENCH_NODE_ARGS.
 */
export async function startServer(opts: StartOptions): Promise<RunningServer> {
  installExitHooks();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const entry = await entryFor(opts.script, opts.cwd ?? ROOT);
  const child = spawn(process.execPath, [...nodeArgs, ...entry, ...(opts.args ?? [])], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...(typeof opts.env === 'function' ? opts.env(port) : opts.env) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);

  let tail = '';
  let total = 0;
  let atReady = 0;
  const collect = (chunk: Buffer) => {
    total += chunk.length;
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);

  const server: RunningServer = {
    name: opts.name,
    url,
    port,
    child,
    outputSinceReady: () => total - atReady,
    recentOutput: () => tail,
    stop: () => stopChild(child),
  };

  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`exited during start-up (${signal ?? `code ${code}`}):\n${tail}`)));
  });
  exited.catch(() => {}); // handled by the race below; avoid an unhandled rejection later
  try {
    await Promise.race([waitFor200(`${url}${opts.readyPath ?? '/healthz'}`, opts.timeoutMs ?? 60_000), exited]);
  } catch (err) {
    child.kill('SIGKILL');
    const msg = err instanceof Error ? err.message : String(err);
    throw new Error(`${opts.name}: ${msg}${msg.includes(tail) ? '' : `\n--- its recent output ---\n${tail}`}`, { cause: err });
  }
  atReady = total;
  return server;
}

const bundles = new Map<string, Promise<string[]>>();

/** How to start a script: its bundle (made once per bench run) run by node, or the TypeScript through tsx. */
function entryFor(script: string, cwd: string): Promise<string[]> {
  const buildScript = path.join(cwd, 'scripts', 'build.mjs');
  if (process.env.BENCH_FROM === 'source' || !fs.existsSync(buildScript)) return Promise.resolve(['--import', 'tsx', script]);
  const key = path.join(cwd, script);
  let entry = bundles.get(key);
  if (!entry) {
    entry = (async () => {
      const { buildOptions } = (await import(buildScript)) as { buildOptions: (outfile: string) => Record<string, unknown> };
      // Inside the checkout, so the bundle's npm packages resolve from its node_modules.
      const outfile = path.join(cwd, 'node_modules', '.cache', 'bench', `${path.basename(script, path.extname(script))}.js`);
      await build({ ...buildOptions(outfile), absWorkingDir: cwd, entryPoints: [script] });
      return ['--enable-source-maps', outfile];
    })();
    bundles.set(key, entry);
  }
  return entry;
}

async function waitFor200(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      const body = await res.text();
      if (res.status === 200) return;
      last = `HTTP ${res.status}: ${body.slice(0, 200)}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (last: ${last})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A fresh temporary directory, removed when the process exits. */
export function tempDir(prefix = 'bcm-bench-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  onExit(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The real app (src/server.ts --demo, bundled as `npm start` runs it) on a temporary database, logging silenced. */
export async function startApp(env: Record<string, string> = {}, dir = tempDir(), cwd?: string): Promise<RunningServer & { dataDir: string }> {
  const server = await startServer({
    name: 'app',
    cwd,
    script: 'src/server.ts',
    args: ['--demo'],
    env: (port) => ({
      DATABASE_PATH: path.join(dir, 'bcm.sqlite'),
      DATA_DIR: dir,
      SIGNING_KEY_PATH: path.join(dir, 'signing-key.json'),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
      ...env,
    }),
  });
  return { ...server, dataDir: dir };
}

/**
 * Runs a bench task script (`node --import tsx bench/tasks/<name>.ts …args`) in its own process
 * and returns the JSON it prints last, plus its wall time and peak resident memory.
 */
export async function runTask<T>(script: string, args: string[], env: Record<string, string> = {}): Promise<{ result: T; ms: number; peakMb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  children.delete(child);
  if (code !== 0) throw new Error(`${script} exited with ${code}:\n${err.slice(-2000)}`);
  const last = out.trim().split('\n').pop() ?? '{}';
  const parsed = JSON.parse(last) as T & { peakMb?: number };
  return { result: parsed, ms: performance.now() - started, peakMb: parsed.peakMb ?? 0 };
}

/** Resident memory of a running child process right now in MB (Linux VmRSS), or 0 if unknown. */
export function rssMb(pid: number | undefined): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/** Peak resident memory of a running child process in MB (Linux VmHWM), or 0 if unknown. */
export function peakRssMb(pid: number | undefined): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

/**
 * The reference: a bare Hono app serving a fixed HTML string of `bytes` bytes containing `marker`,
 * and at /page/<name> a copy of a real page (bytes and headers) written with `copyPage`.
 */
export function startBaseline(bytes: number, marker = '', pagesDir = tempDir('bcm-bench-pages-')): Promise<RunningServer & { pagesDir: string }> {
  return startServer({
    name: 'baseline',
    script: 'bench/baseline-server.ts',
    env: { BASELINE_BYTES: String(bytes), BASELINE_MARKER: marker, BASELINE_PAGES_DIR: pagesDir },
  }).then((server) => ({ ...server, pagesDir }));
}

/** What the bare server replays for one page: the real response's body and headers. */
export type CopiedPage = { status: number; headers: [string, string][]; body: string };

// Set by the HTTP stack itself on every response (or per connection): the bare server's adds its own.
const STACK_HEADERS = new Set(['date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * GETs a page of the real app and saves its body and headers for the bare server to send back
 * from /page/<name>; returns that URL and the body's size.
 */
export async function copyPage(
  baseline: { url: string; pagesDir: string },
  name: string,
  url: string,
  headers: Record<string, string>,
  expectText?: string,
): Promise<{ url: string; bytes: number }> {
  const res = await fetch(url, { headers, redirect: 'manual' });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status}, expected 200`);
  if (expectText !== undefined && !body.includes(expectText)) throw new Error(`GET ${url}: body does not contain "${expectText}"`);
  const copied: CopiedPage = { status: res.status, headers: [...res.headers].filter(([k]) => !STACK_HEADERS.has(k.toLowerCase())), body };
  fs.writeFileSync(path.join(baseline.pagesDir, `${name}.json`), JSON.stringify(copied));
  return { url: `${baseline.url}/page/${name}`, bytes: Buffer.byteLength(body) };
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers

/** Logs in through POST /login as a browser on the server's origin would; returns "bcm_session=…". */
export async function login(baseUrl: string, email: string, password = 'demo-password'): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: new URL(baseUrl).origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }),
  });
  await res.arrayBuffer();
  if (res.status !== 303) throw new Error(`login as ${email} failed: HTTP ${res.status}`);
  for (const header of res.headers.getSetCookie()) {
    const [pair] = header.split(';');
    if (pair.startsWith('bcm_session=')) return pair;
  }
  throw new Error(`login as ${email}: no bcm_session cookie in the response`);
}

/** One GET, checked: throws unless 200 (and containing expectText when given). Returns the body. */
export async function getChecked(url: string, headers: Record<string, string> = {}, expectText?: string): Promise<string> {
  const res = await fetch(url, { headers, redirect: 'manual' });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status}, expected 200`);
  if (expectText !== undefined && !body.includes(expectText)) throw new Error(`GET ${url}: body does not contain "${expectText}"`);
  return body;
}

// ---------------------------------------------------------------------------------------------
// Measuring

export type Row = {
  name: string;
  /** 'load': requests under autocannon; 'time': a one-off task timed in milliseconds; 'note': a row with nothing measured (detail says why). */
  kind?: 'load' | 'time' | 'note';
  /** The storage and process count behind the row (e.g. "SQLite ×2"), when a scenario compares them. */
  backend?: string;
  /** For 'time' rows: the task's duration, and the peak memory of the process that ran it. */
  ms?: number;
  peak_mb?: number;
  detail?: string;
  /** Targets for this row (else the scenario's). */
  targets?: Targets;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  /** Connection errors (timeouts included) + non-2xx responses + bodies failing the check. */
  errors: number;
  baseline_ratio?: number;
  /** Writes the server acknowledged (2xx) but the database does not hold, when a scenario checks. */
  lost?: number;
  /** Server CPU (user + system) per request in µs, over a fixed number of requests; summed over the server's processes. */
  cpu_us?: number;
  /** The same per process when the server is several (WORKERS=N): the primary first, then each worker. */
  cpu_by_process_us?: number[];
  /** The same for this row's bare reference (a bare server sending the same bytes), and their ratio (bare ÷ ours). */
  bare_cpu_us?: number;
  cpu_ratio?: number;
  /** Response body bytes, when the row is a page. */
  bytes?: number;
};

export type BenchRequest = { path?: string; headers?: Record<string, string>; body?: string };

export type MeasureOptions = {
  name: string;
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  /** Requests per second across all connections (autocannon overallRate); unset: as fast as possible. */
  overallRate?: number;
  /** Changes each request before it is sent (e.g. a different session cookie per request). */
  setupRequest?: (req: BenchRequest, context: Record<string, unknown>) => BenchRequest;
  /**
   * Sees every response with the `context` its request's setupRequest saw (a connection sends one
   * request at a time, so the two pair up), e.g. to count which writes the server acknowledged.
   */
  onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>) => void;
  /** Every response body must contain this; checked once before the run and on every response. */
  expectText?: string;
  /**
   * Send exactly this many measured requests (instead of running for `duration`) and, with
   * cpuPid, report the CPU per request of that process and its descendants over them.
   */
  requests?: number;
  cpuPid?: number;
} & Partial<Omit<Settings, 'requests'>>;

/**
 * Warm-up (discarded), then one measured autocannon run. Latency percentiles come from every
 * response's own timing (autocannon's histogram only has 1 ms resolution).
 */
export async function measure(opts: MeasureOptions): Promise<Row> {
  const s = { ...settingsFromEnv(), ...stripUndefined({ connections: opts.connections, duration: opts.duration, warmup: opts.warmup }) };
  if (opts.method === undefined || opts.method === 'GET') await getChecked(opts.url, opts.headers, opts.expectText);

  const expectText = opts.expectText;
  const base: autocannon.Options = {
    url: opts.url,
    method: opts.method ?? 'GET',
    headers: opts.headers,
    body: opts.body,
    connections: s.connections,
    ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
    ...(opts.setupRequest || opts.onResponse ? { requests: [{ setupRequest: opts.setupRequest as never, onResponse: opts.onResponse as never }] } : {}),
    ...(expectText !== undefined ? { verifyBody: (body: unknown) => typeof body === 'string' && body.includes(expectText) } : {}),
  };
  if (s.warmup > 0) await runAutocannon({ ...base, duration: s.warmup });

  const latencies: number[] = [];
  // The server's process and its descendants (WORKERS=N: the primary and every worker).
  const cpuBefore = cpuTreeByPid(opts.cpuPid);
  const began = performance.now();
  let lastResponseAt = began;
  const result = await runAutocannon(opts.requests ? { ...base, amount: opts.requests } : { ...base, duration: s.duration }, (ms) => {
    latencies.push(ms);
    lastResponseAt = performance.now();
  });
  // autocannon notices the last of a fixed count only at its next one-second tick: time to the last response.
  const wallS = (lastResponseAt - began) / 1000;
  const cpuAfter = cpuTreeByPid(opts.cpuPid);
  // Per process over the run; a process that started during it counts from zero.
  const perProcess = [...cpuAfter].map(([pid, ms]) => ms - (cpuBefore.get(pid) ?? 0));
  const cpuUsed = perProcess.reduce((a, b) => a + b, 0);
  const perRequestUs = (ms: number) => round((ms * 1000) / latencies.length, 0);
  latencies.sort((a, b) => a - b);
  return {
    name: opts.name,
    // A fixed-count run can be a few seconds long: count its responses rather than average 1 s samples.
    rps: round(opts.requests ? latencies.length / wallS : result.requests.average, 0),
    ...(opts.cpuPid !== undefined && latencies.length > 0 ? { cpu_us: perRequestUs(cpuUsed) } : {}),
    ...(perProcess.length > 1 && latencies.length > 0 ? { cpu_by_process_us: perProcess.map(perRequestUs) } : {}),
    p50_ms: round(percentile(latencies, 50) ?? result.latency.p50, 2),
    p99_ms: round(percentile(latencies, 99) ?? result.latency.p99, 2),
    // result.errors already counts timeouts.
    errors: result.errors + result.non2xx + result.mismatches,
  };
}

function runAutocannon(opts: autocannon.Options, onLatency?: (ms: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
    if (onLatency) instance.on('response', (_client, _status, _bytes, responseTime) => onLatency(responseTime));
  });
}

function percentile(sorted: number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// ---------------------------------------------------------------------------------------------
// Scenarios

/** What a scenario gets: the running servers, logged-in sessions and the run settings. */
export type BenchContext = {
  app: RunningServer & { dataDir: string };
  baseline: RunningServer & { pagesDir: string };
  settings: Settings;
  /** The demo trainee, logged in. */
  trainee: { email: string; name: string; cookie: string };
  /** Logs in (once per email, cached) and returns the "bcm_session=…" cookie. */
  session(email: string, password?: string): Promise<string>;
};

/** Issue targets, checked against the measured row and printed PASS/MISS (never fatal). */
export type Targets = {
  /** req/s as a fraction of the baseline's, at least. */
  minBaselineRatio?: number;
  /** Server CPU per request: the bare reference's as a fraction of ours, at least. */
  minCpuRatio?: number;
  /** p99 latency in ms, below. */
  maxP99Ms?: number;
  /** For 'time' rows: duration and peak memory, below. */
  maxMs?: number;
  maxPeakMb?: number;
  /** For 'time' rows: resident memory (peak_mb holds it), below. */
  maxRssMb?: number;
  /** req/s, at least (an absolute figure: it moves with the machine's load). */
  minRps?: number;
  /** Acknowledged writes missing from the database, at most. */
  maxLost?: number;
};

export type Scenario = {
  name: string;
  /** The reference every other scenario's req/s is divided by (exactly one scenario). */
  isBaseline?: boolean;
  targets?: Targets;
  /** One row, or several for a scenario that times a few related tasks. */
  run(ctx: BenchContext): Promise<Row | Row[]>;
};
