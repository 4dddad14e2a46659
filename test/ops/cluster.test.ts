import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.js';
import { freePort, heldLogin, spawnServer } from '../helpers/server-process.js';

// `WORKERS=2 npm start`: the primary forks two workers on one port, restarts one that dies, and
// on SIGTERM has each finish its requests in flight before everything exits 0.

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('WORKERS=2', () => {
  it('serves from two workers, restarts one killed, and shuts them all down gracefully on SIGTERM', { timeout: 180_000 }, async () => {
    const dir = tempDir('bcm-cluster-');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const { proc: child, output } = spawnServer(port, {
      WORKERS: '2',
      PUBLIC_URL: url,
      DATABASE_PATH: path.join(dir, 'db.sqlite'),
      DATA_DIR: dir,
      SIGNING_KEY_PATH: path.join(dir, 'key.json'),
      COURSES_DIR: path.resolve('test/fixtures/courses-good'),
      LOG_LEVEL: 'info',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const lines = () =>
      output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { msg: string; pid?: number; worker?: number });
    const waitFor = async (what: () => boolean, label: string) => {
      for (let i = 0; !what(); i++) {
        if (i > 1500) throw new Error(`${label}; log:\n${output()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const listening = () => lines().filter((l) => l.msg === 'BCM Academy listening').length;
    await waitFor(() => listening() >= 2, 'two workers did not start');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const workerPids = () => lines().flatMap((l) => (l.msg === 'worker started' && l.pid ? [l.pid] : []));
    const [first, second] = workerPids();
    expect(first).not.toBe(second);
    // Migrations ran once, in the primary, before the workers started.
    expect(output().indexOf('starting the workers')).toBeLessThan(output().indexOf('worker started'));

    process.kill(first!, 'SIGKILL');
    await waitFor(() => workerPids().length === 3 && listening() >= 3, 'the killed worker was not restarted');
    expect(lines().find((l) => l.msg === 'worker died; restarting it')).toMatchObject({ pid: first, signal: 'SIGKILL', restartInMs: 500 });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    // Requests in flight on the workers when the primary gets SIGTERM are answered in full.
    const held = Array.from({ length: 6 }, () => heldLogin(url));
    await Promise.all(held.map((h) => h.started));
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    for (const h of held) h.send();
    const statuses = (await Promise.all(held.map((h) => h.answer))).map((a) => a.status);
    for (const s of statuses) expect([400, 429]).toContain(s);
    expect(await exited).toBe(0);
    expect(workerPids().filter(alive)).toEqual([]);
    expect(lines().filter((l) => l.msg === 'shutting down').length).toBe(2);
  });
});
