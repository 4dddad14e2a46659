import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.js';
import { freePort, startServerProcess } from '../helpers/server-process.js';
// @ts-expect-error — a plain ES module without types: the very options `npm run build` uses.
import { buildOptions } from '../../scripts/build.mjs';

// `npm start` runs the server bundled into one file by `npm run build` (scripts/build.mjs), not the
// TypeScript through tsx as every other test does. This builds it the same way (into a folder of
// its own inside the checkout, so its npm packages resolve from node_modules as they do from dist/)
// and uses it as a visitor and a trainee would: files it finds relative to the checkout (the
// migrations, static files, the courses) are where the bundle looks for them.
describe('the production bundle that npm start runs', () => {
  it('starts on a fresh database and serves the levels, a lesson, a static file and a trainee home', { timeout: 120_000 }, async () => {
    const outDir = path.resolve('node_modules/.cache/bcm-build-test');
    fs.rmSync(outDir, { recursive: true, force: true });
    const outfile = path.join(outDir, 'server.js');
    await build(buildOptions(outfile));
    expect(fs.statSync(outfile).size).toBeGreaterThan(100_000);

    const dir = tempDir('bcm-bundle-');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = await startServerProcess(
      port,
      {
        PUBLIC_URL: url,
        DATABASE_PATH: path.join(dir, 'db.sqlite'),
        DATA_DIR: dir,
        SIGNING_KEY_PATH: path.join(dir, 'key.json'),
        COURSES_DIR: path.resolve('test/fixtures/courses-good'),
        LOG_LEVEL: 'silent',
      },
      90_000,
      ['--enable-source-maps', outfile, '--demo'],
    );
    try {
      const health = (await (await fetch(`${url}/healthz`)).json()) as { status: string; courses: { lessons: number; errors: number } };
      expect(health.status).toBe('ok');
      expect(health.courses.errors).toBe(0);
      expect(health.courses.lessons).toBeGreaterThan(0);

      const levels = await fetch(`${url}/levels`);
      expect(levels.status).toBe(200);
      expect(await levels.text()).toContain('培训级别');

      const htmx = await fetch(`${url}/static/htmx.js`);
      expect(htmx.status).toBe(200);
      expect((await htmx.text()).length).toBeGreaterThan(10_000);
      const css = await fetch(`${url}/static/css/app.css`);
      expect(css.status).toBe(200);

      const lesson = await fetch(`${url}/courses/intro/01-welcome`);
      expect(lesson.status).toBe(200);

      const login = await fetch(`${url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Origin: url, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'trainee@example.com', password: 'demo-password' }),
      });
      expect(login.status).toBe(303);
      const cookie = login.headers
        .getSetCookie()
        .find((h) => h.startsWith('bcm_session='))!
        .split(';')[0];
      const home = await fetch(`${url}/me`, { headers: { cookie } });
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('张学员');
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });
});
