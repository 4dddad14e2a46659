import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';

// The real server as a child process (`node --import tsx src/server.ts`), for the tests that kill,
// restart or run several of it: the crash test, the two-process test, the shutdown and cluster tests;
// or the production bundle (`node dist/server.js`, what `npm start` runs) given as `entry`.

/** A TCP port free on 127.0.0.1 at the moment of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Spawns src/server.ts on `port` (production mode, warnings only) with `env` on top; `output()` is
 * what it has printed so far. Does not wait for it: see startServerProcess.
 */
export function spawnServer(
  port: number,
  env: Record<string, string>,
  entry = ['--import', 'tsx', 'src/server.ts'],
): { proc: ChildProcess; output: () => string } {
  const proc = spawn(process.execPath, entry, {
    cwd: process.cwd(),
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (d) => (output += d));
  proc.stderr!.on('data', (d) => (output += d));
  return { proc, output: () => output };
}

/**
 * Starts src/server.ts as spawnServer does and resolves once /healthz answers; throws with the
 * server's output if it exits or does not answer in time.
 */
export async function startServerProcess(port: number, env: Record<string, string>, timeoutMs = 60_000, entry?: string[]): Promise<ChildProcess> {
  const { proc, output } = spawnServer(port, env, entry);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return proc;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`server did not start: ${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type Answer = { status: number; body: string };

/**
 * A login post whose handler is known to be running: it asks `Expect: 100-continue`, and the server
 * sends "100 Continue" only once it has read the headers and started the request. The form body is
 * held back until `send()`, so the request stays in flight (the handler awaits its body).
 */
export function heldLogin(url: string, email = 'nobody@example.com') {
  const body = new URLSearchParams({ email, password: 'wrong-password-123' }).toString();
  const req = http.request(`${url}/login`, {
    method: 'POST',
    agent: false,
    headers: { Expect: '100-continue', Origin: url, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
  });
  const started = new Promise<void>((resolve) => req.once('continue', () => resolve()));
  let answeredEarly = false;
  let sent = false;
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      if (!sent) answeredEarly = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
  });
  req.flushHeaders();
  return {
    started,
    answer,
    answeredEarly: () => answeredEarly,
    send: () => {
      sent = true;
      req.end(body);
    },
  };
}
