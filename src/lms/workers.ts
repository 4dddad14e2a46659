import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import type { LmsRuntime } from './settings.js';
import { purgeExpiredLogin } from './store.js';
import { purgeSentStatements } from './queue-store.js';
import { sendDueStatements } from './xapi/queue.js';
import { sendDueGrades } from './lti/grades.js';
import type { Lease } from '../ops/lease.js';

// The background side of the LMS integration, started once by src/server.ts with the app's runtime: sends due xAPI
// statements and AGS scores, and clears spent login states. Timers are unref'd so they never keep
// the process alive at shutdown; a tick that is still running makes the next one wait its turn
// (no two sends of the same rows at once). With a `lease` (several processes on one database,
// ops/lease.ts) only the process holding it sends and purges; a tick that outlives the lease may
// overlap the next holder's, which only repeats a send the other side takes twice harmlessly
// (xAPI statements carry their id; an AGS score replaces the previous one).

const WEEK_MS = 7 * 24 * 60 * 60_000;

export type LmsWorkers = { tick(): Promise<void>; stop(): void };

export function startLmsWorkers(deps: { db: Db; logger: Logger; lms: LmsRuntime }, opts: { intervalMs?: number; lease?: Lease } = {}): LmsWorkers {
  const { db, logger, lms: rt } = deps;
  // Make the tool key now rather than on the first LMS request, so its creation is in the start-up log.
  rt.keys().then(
    (k) => logger.info({ kid: k.kid, path: rt.settings.keyPath }, 'LTI tool key ready'),
    (err) => logger.error({ err: String(err), path: rt.settings.keyPath }, 'LTI tool key unavailable'),
  );
  if (rt.settings.xapi) logger.info({ lrs: rt.settings.xapi.endpoint.origin }, 'xAPI statements go to the LRS');

  let running: Promise<void> | null = null;
  let lastPurge = 0;
  async function work() {
    const now = Date.now();
    if (opts.lease && !(await opts.lease.held(now))) return;
    if (now - lastPurge > 60 * 60_000) {
      purgeExpiredLogin(db, now);
      purgeSentStatements(db, now - WEEK_MS);
      lastPurge = now;
    }
    const x = await sendDueStatements(rt, db, now);
    if (x.retried) logger.warn({ sent: x.sent, retried: x.retried }, 'xAPI statements waiting for the LRS');
    const g = await sendDueGrades(rt, db, now);
    if (g.retried || g.failed) logger.warn({ ...g }, 'LMS scores not accepted yet');
  }
  function tick(): Promise<void> {
    running ??= work()
      .catch((err) => logger.error({ err: err instanceof Error ? err.message : String(err) }, 'LMS worker tick failed'))
      .finally(() => {
        running = null;
      });
    return running;
  }
  const timer = setInterval(() => void tick(), opts.intervalMs ?? rt.settings.workerIntervalMs);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
