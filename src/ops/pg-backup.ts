import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Why a PostgreSQL backup did not happen, in words for the person who ran `bcm backup`. */
export class PgBackupProblem extends Error {}

export const PG_DUMP_MISSING =
  "pg_dump was not found on the PATH. Install PostgreSQL's client tools of the server's major version " +
  '(Debian: apt install postgresql-client-NN), or run where they are: pg_dump --format=custom --file=FILE "$DATABASE_URL"';

/**
 * `bcm backup FILE` on PostgreSQL: pg_dump's custom format (restore with pg_restore), a consistent
 * snapshot taken while the servers keep writing. The password goes to pg_dump in PGPASSWORD, not
 * on its command line, where every user of the machine could read it in the process list. A
 * failed dump leaves no file behind, so a half-written one is never mistaken for a backup.
 */
export async function pgDumpBackup(databaseUrl: string, target: string, env: NodeJS.ProcessEnv = process.env): Promise<{ bytes: number; ms: number }> {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const started = Date.now();
  const args = ['--format=custom', `--file=${target}`, '--no-password', `--dbname=${url.toString()}`];
  const childEnv = { ...env, ...(password ? { PGPASSWORD: password } : {}) };
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn('pg_dump', args, { env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 16_000) stderr += chunk;
    });
    child.on('error', (err: NodeJS.ErrnoException) => reject(err.code === 'ENOENT' ? new PgBackupProblem(PG_DUMP_MISSING) : err));
    child.on('close', (code) => resolve({ code, stderr }));
  });
  if (code !== 0) {
    fs.rmSync(target, { force: true });
    const said = stderr.trim().split('\n').slice(-10).join('\n') || 'no message';
    throw new PgBackupProblem(`pg_dump failed (exit ${code ?? 'by signal'}); nothing was written to ${target}:\n${said}`);
  }
  return { bytes: fs.statSync(target).size, ms: Date.now() - started };
}
