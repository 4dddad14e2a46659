import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Db } from '../../src/db/client.js';
import { createApp } from '../../src/app.js';
import { createLmsRuntime } from '../../src/lms/settings.js';
import { seedDemo } from '../../src/institutions/demo.js';
import { seedDemoClasses } from '../../src/hours/classes/demo.js';
import { testCatalog } from '../helpers/app.js';
import { blueprintDir } from '../helpers/exams.js';
import { resolveChromium } from './chromium.js';

// Browser journeys run the real server on a free port, with the demo data, and drive a real
// headless Chromium through playwright-core (see chromium.ts for which one).

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export async function startDemoServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcm-e2e-'));
  // Bind first to learn the port, so PUBLIC_URL (used by the CSRF origin check) is right.
  const config0 = loadConfig({ DATABASE_PATH: path.join(dir, 'bcm.sqlite'), DATA_DIR: dir });
  const db = openDatabase(config0.databasePath);
  await seedDemo(db);
  seedDemoClasses(db);
  let app: ReturnType<typeof createApp> | undefined;
  const server = serve({ fetch: (req) => app!.fetch(req), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({ DATABASE_PATH: config0.databasePath, DATA_DIR: dir, PUBLIC_URL: url });
  const logger = pino({ level: 'silent' });
  const catalog = await testCatalog();
  // The app's LMS runtime: what the tests record directly (reading time) reports through it, as the app would.
  const lms = createLmsRuntime(config, { catalog, logger });
  app = createApp({ db, config, logger, catalog, lms });
  return {
    url,
    db,
    lms,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The server for an exam journey: the demo data (no classes) on a free port, with the courses and
 * `blueprints` (a blueprints.yaml) as the exams' only blueprints. `env` adds to the environment;
 * `prepare` changes the seeded data before the app is built. `name` names the temporary folder.
 */
export async function startBlueprintServer(name: string, blueprints: string, opts: { env?: Record<string, string>; prepare?: (db: Db) => void } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bcm-e2e-${name}-`));
  const env = { DATABASE_PATH: path.join(dir, 'bcm.sqlite'), DATA_DIR: dir, COURSES_DIR: blueprintDir(blueprints), ...opts.env };
  const db = openDatabase(loadConfig(env).databasePath);
  await seedDemo(db);
  opts.prepare?.(db);
  let app: ReturnType<typeof createApp> | undefined;
  const srv = serve({ fetch: (req) => app!.fetch(req), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => srv.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  app = createApp({ db, config: loadConfig({ ...env, PUBLIC_URL: url }), logger: pino({ level: 'silent' }), catalog: await testCatalog() });
  return { url, db, close: () => new Promise<void>((resolve) => srv.close(() => resolve())) };
}

export async function launchBrowser(): Promise<Browser> {
  const found = await resolveChromium();
  return chromium.launch({
    executablePath: found.executablePath,
    headless: true,
    args: [...new Set([...found.args, ...FLAGS])],
    env: { ...process.env, ...found.env },
  });
}

/**
 * The demo server and a Chromium for one test file, started before its tests and closed after.
 * Read `env.server` / `env.browser` inside tests (they are set once beforeAll has run).
 */
export function useDemoBrowser() {
  const env = {} as { server: Awaited<ReturnType<typeof startDemoServer>>; browser: Browser };
  beforeAll(async () => {
    env.server = await startDemoServer();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
