// Closed laptops still get a result: attempts whose deadline (and grace) passed are finalised
// periodically, not only when someone next opens them.
import type { Logger } from 'pino';
import { finaliseAttempt, type ExamDeps } from './attempts.js';
import { fileBanks } from './banks.js';
import { GRACE_MS } from './clock.js';
import { overdueAttemptIds } from './store.js';
import type { Lease } from '../ops/lease.js';

/** Finalises every overdue open attempt; returns how many it closed. */
export function sweepOverdue(deps: ExamDeps, now = Date.now()): number {
  let closed = 0;
  for (const id of overdueAttemptIds(deps.db, now - GRACE_MS)) {
    if (finaliseAttempt(deps, id, 'sweep', now)) closed++;
  }
  return closed;
}

export const SWEEP_EVERY_MS = 30_000;

/**
 * Warms the banks (the first start of an exam day should not pay for reading YAML), reports the
 * blueprints' problems (the runtime read them at start-up), sweeps once, then every SWEEP_EVERY_MS. The timer is unref'd so it never keeps the
 * process alive; the returned function stops it. With a `lease` (several processes on one
 * database, ops/lease.ts) a tick sweeps only in the process holding it; without one, always.
 * Two sweeps at once would still be safe (finaliseAttempt closes an attempt once), only wasted.
 */
export function startExamSweep(deps: ExamDeps & { logger: Logger }, everyMs = SWEEP_EVERY_MS, lease?: Lease): () => void {
  fileBanks(deps.exams, deps.catalog);
  for (const p of deps.exams.blueprints.problems) deps.logger.warn({ problem: `${p.path}:${p.line}:${p.column} ${p.message}` }, 'exam blueprint problem');
  // One tick at a time: a tick waits for its lease, and the next one must not start meanwhile.
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= (async () => {
      try {
        if (lease && !(await lease.held())) return;
        const n = sweepOverdue(deps);
        if (n > 0) deps.logger.info({ closed: n }, 'overdue exam attempts finalised');
      } catch (err) {
        deps.logger.error({ err: String(err) }, 'exam sweep failed');
      }
    })().finally(() => {
      running = null;
    });
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
