import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PG_DUMP_MISSING } from '../../src/ops/pg-backup.js';
import { POSTGRES_NOT_SERVING } from '../../src/ops/postgres-status.js';
import { bcm } from '../helpers/cli.js';
import { testPostgres } from '../helpers/postgres.js';
import { freePort, spawnServer } from '../helpers/server-process.js';
import { tempDir } from '../helpers/temp.js';

// With DATABASE_URL set (issue 18, decision 007): `bcm backup` is pg_dump's, the commands and
// the server whose stores do not run on PostgreSQL yet say so and touch nothing — above all they
// never quietly write to a SQLite file instead — and the server migrates the schema first.

const URL_WITH_PASSWORD = 'postgres://bcm:pa%24%24word@db.example.cn:5432/bcm?sslmode=require';

/** A folder holding a stand-in `pg_dump` (a shell script) that records how it was called, then does `body`. */
function fakePgDump(body: string): { bin: string; calls: string } {
  const bin = tempDir('bcm-fake-pgdump-');
  const calls = path.join(bin, 'calls.txt');
  const script = [
    '#!/bin/sh',
    `printf 'ARGS %s\\n' "$*" >> '${calls}'`,
    `printf 'PGPASSWORD %s\\n' "$PGPASSWORD" >> '${calls}'`,
    'for a in "$@"; do case "$a" in --file=*) out="${a#--file=}";; esac; done',
    body,
  ].join('\n');
  fs.writeFileSync(path.join(bin, 'pg_dump'), script, { mode: 0o755 });
  return { bin, calls };
}

describe('bcm on PostgreSQL', () => {
  it('backs up with pg_dump in its custom format, the password handed over in PGPASSWORD and never on the command line', async () => {
    const { bin, calls } = fakePgDump('printf "PGDMP-fake" > "$out"; exit 0');
    const target = path.join(tempDir('bcm-pgbackup-'), 'nightly.dump');
    const run = await bcm(['backup', target], { DATABASE_URL: URL_WITH_PASSWORD, PATH: `${bin}:${process.env.PATH}` });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Backed up postgres:\/\/bcm:\*\*\*@db\.example\.cn:5432\/bcm\?sslmode=require to .*nightly\.dump with pg_dump \(10 bytes/);
    expect(run.stdout).not.toContain('pa$$word');
    expect(fs.readFileSync(target, 'utf8')).toBe('PGDMP-fake');
    const recorded = fs.readFileSync(calls, 'utf8');
    expect(recorded).toContain(`ARGS --format=custom --file=${target} --no-password --dbname=postgres://bcm@db.example.cn:5432/bcm?sslmode=require`);
    expect(recorded).toContain('PGPASSWORD pa$$word');
    const commandLine = recorded
      .split('\n')
      .filter((l) => l.startsWith('ARGS'))
      .join('\n');
    expect(commandLine).not.toContain('pa$$word');
    expect(commandLine).not.toContain('pa%24%24word');
  });

  it("relays pg_dump's own reason when it fails, and leaves no half-written file that could pass for a backup", async () => {
    const { bin } = fakePgDump(
      'printf "PGDMP-partial" > "$out"; echo "pg_dump: error: aborting because of server version mismatch" >&2; echo "pg_dump: detail: server version: 18.1; pg_dump version: 15.18" >&2; exit 1',
    );
    const target = path.join(tempDir('bcm-pgbackup-'), 'nightly.dump');
    const run = await bcm(['backup', target], { DATABASE_URL: URL_WITH_PASSWORD, PATH: `${bin}:${process.env.PATH}` });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`bcm: backup: pg_dump failed (exit 1); nothing was written to ${target}:`);
    expect(run.stderr).toContain('server version: 18.1; pg_dump version: 15.18');
    expect(fs.existsSync(target)).toBe(false);
  });

  it('says how to get pg_dump, or to run it by hand, when it is not on the PATH', async () => {
    const target = path.join(tempDir('bcm-pgbackup-'), 'nightly.dump');
    const run = await bcm(['backup', target], { DATABASE_URL: URL_WITH_PASSWORD, PATH: tempDir('bcm-empty-path-') });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`bcm: backup: ${PG_DUMP_MISSING}\n`);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('refuses the commands whose stores do not run on PostgreSQL yet, and writes no SQLite file in their place', async () => {
    const dir = tempDir('bcm-pg-cli-');
    const sqliteFile = path.join(dir, 'bcm.sqlite');
    const env = { DATABASE_URL: URL_WITH_PASSWORD, DATABASE_PATH: sqliteFile };
    for (const args of [
      ['institutions:add', '--code', 'B1', '--name', '测试银行'],
      ['users:add', '--email', 'office@example.cn', '--name', '王芳', '--role', 'office'],
      ['users:reset-link', '--email', 'office@example.cn'],
    ]) {
      const run = await bcm(args, env);
      expect(run.status, args[0]).toBe(1);
      expect(run.stderr).toBe(`bcm: ${POSTGRES_NOT_SERVING}\n`);
    }
    expect(fs.existsSync(sqliteFile)).toBe(false);
  });
});

describe('npm start with DATABASE_URL', () => {
  it('migrates the PostgreSQL schema, then stops with the reason instead of serving from a SQLite file', { timeout: 60_000 }, async () => {
    const url = await testPostgres();
    const dir = tempDir('bcm-pg-start-');
    const sqliteFile = path.join(dir, 'bcm.sqlite');
    const { proc, output } = spawnServer(await freePort(), { DATABASE_URL: url, DATABASE_PATH: sqliteFile, DATA_DIR: dir });
    const [code] = (await once(proc, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(output()).toContain('the schema is up to date.');
    expect(output()).toContain(POSTGRES_NOT_SERVING);
    expect(output()).not.toContain('bcm-test'); // the test server's password
    expect(fs.existsSync(sqliteFile)).toBe(false);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query("select to_regclass('public.exam_attempts') as t");
      expect(rows[0].t).toBe('exam_attempts');
    } finally {
      await client.end();
    }
  });
});
