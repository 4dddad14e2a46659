import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

type Answer = { status: number; body: string };

/**
 * A login post whose handler is known to be running: it asks `Expect: 100-continue`, and the server
 * sends "100 Continue" only once it has read the headers and started the request. The form body is
 * held back until `send()`, so the request stays in flight (the handler awaits its body).
 */
function heldLogin(url: string, email: string) {
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

describe('graceful shutdown', () => {
  it('on SIGTERM answers every request in flight, then exits 0', { timeout: 180_000 }, async () => {
    const dir = tempDir('bcm-stop-');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: url,
        DATABASE_PATH: path.join(dir, 'db.sqlite'),
        DATA_DIR: dir,
        SIGNING_KEY_PATH: path.join(dir, 'key.json'),
        // The small fixture programme: a fresh DATA_DIR has no lesson cache, and compiling the real
        // 80 lessons first would be most of this test's time. Shutdown does not depend on them.
        COURSES_DIR: path.resolve('test/fixtures/courses-good'),
        LOG_LEVEL: 'silent',
      },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${url}/healthz`)).ok) break;
      } catch {
        /* not up yet */
      }
      // Generous: a busy machine takes its time to transform and start the server, and this test
      // is about what happens at SIGTERM, not how fast it starts.
      if (i > 1500) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    // 20 requests the server has started on (each got its "100 Continue") when SIGTERM arrives.
    const inFlight = Array.from({ length: 20 }, (_, i) => heldLogin(url, `nobody${i}@example.com`));
    await Promise.all(inFlight.map((r) => r.started));
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200)); // the server is shutting down now
    for (const r of inFlight) r.send();

    const answers = await Promise.allSettled(inFlight.map((r) => r.answer));
    // None was answered before its body came, so each was still in flight at SIGTERM.
    expect(inFlight.map((r) => r.answeredEarly())).toEqual(Array(20).fill(false));
    // Every one gets its whole answer: the login page saying the password is wrong (or, once the
    // address has tried too often, that it must wait), not a reset connection.
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill('fulfilled'));
    for (const a of answers) {
      const { status, body } = (a as PromiseFulfilledResult<Answer>).value;
      expect([400, 429]).toContain(status);
      expect(body).toContain('</html>');
    }
    expect(await exited).toBe(0);
  });
});
