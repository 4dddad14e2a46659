import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.js';
import { freePort, heldLogin, startServerProcess, type Answer } from '../helpers/server-process.js';

describe('graceful shutdown', () => {
  it('on SIGTERM answers every request in flight, then exits 0', { timeout: 180_000 }, async () => {
    const dir = tempDir('bcm-stop-');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // Generous: a busy machine takes its time to transform and start the server, and this test
    // is about what happens at SIGTERM, not how fast it starts.
    const child = await startServerProcess(
      port,
      {
        PUBLIC_URL: url,
        DATABASE_PATH: path.join(dir, 'db.sqlite'),
        DATA_DIR: dir,
        SIGNING_KEY_PATH: path.join(dir, 'key.json'),
        // The small fixture programme: a fresh DATA_DIR has no lesson cache, and compiling the real
        // 80 lessons first would be most of this test's time. Shutdown does not depend on them.
        COURSES_DIR: path.resolve('test/fixtures/courses-good'),
        LOG_LEVEL: 'silent',
      },
      150_000,
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
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
