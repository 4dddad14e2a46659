import { spawn } from 'node:child_process';
import { runBcm } from '../../src/cli.js';

// `bcm` two ways: in this process through `runBcm` (milliseconds; most cases), or as a person runs
// it, `node bin/bcm.js …` in its own process (seconds: node + tsx + the CLI load), kept for one
// smoke test per command so the exit status and streams of the real program stay checked.

export type BcmRun = { status: number; stdout: string; stderr: string };

/** `bcm args` in this process, with `env` over this process's environment. */
export async function bcm(args: string[], env: Record<string, string> = {}, stdin = ''): Promise<BcmRun> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runBcm(args, {
    log: (line) => out.push(`${line}\n`),
    error: (line) => err.push(`${line}\n`),
    stdin: async () => stdin,
    env: { ...process.env, ...env },
  });
  return { status, stdout: out.join(''), stderr: err.join('') };
}

/** `node bin/bcm.js args` in a child process. */
export function bcmProcess(
  args: string[],
  env: Record<string, string> = {},
  stdin?: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/bcm.js', ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}
