import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { nextYoungDeaths, restartDelay } from './rules/restart.js';

// The primary process of WORKERS=N (src/server.ts): forks the workers, each of which runs the
// whole app on the shared port (node:cluster hands connections round-robin); restarts a worker
// that dies, with a back-off (rules/restart.ts); and on SIGTERM/SIGINT passes SIGTERM on, so each
// worker shuts down gracefully (requests in flight finish), then exits when they all have.

const STOP_WAIT_MS = 15_000;

export function superviseWorkers(count: number, logger: Logger): void {
  let stopping = false;
  let youngDeaths = 0;
  const born = new Map<number, number>();

  const fork = () => {
    const w = cluster.fork();
    born.set(w.id, Date.now());
    return w;
  };
  cluster.on('online', (w: Worker) => logger.info({ worker: w.id, pid: w.process.pid }, 'worker started'));
  cluster.on('exit', (w: Worker, code: number | null, signal: string | null) => {
    const lived = Date.now() - (born.get(w.id) ?? Date.now());
    born.delete(w.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logger.info('every worker stopped');
        process.exit(0);
      }
      return;
    }
    youngDeaths = nextYoungDeaths(youngDeaths, lived);
    const delay = restartDelay(youngDeaths);
    logger.warn({ worker: w.id, pid: w.process.pid, code, signal, livedMs: lived, restartInMs: delay }, 'worker died; restarting it');
    setTimeout(() => {
      if (!stopping) fork();
    }, delay);
  });

  for (let i = 0; i < count; i++) fork();

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: Object.keys(cluster.workers ?? {}).length }, 'shutting down the workers');
    const left = Object.values(cluster.workers ?? {});
    if (left.length === 0) process.exit(0);
    for (const w of left) w?.process.kill('SIGTERM');
    // Each worker forces itself out after 10 s; this is the primary's own backstop.
    setTimeout(() => {
      logger.warn('workers still running; exiting anyway');
      process.exit(1);
    }, STOP_WAIT_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
