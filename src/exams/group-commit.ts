// Group commit for autosaves. A commit costs far more than the upsert inside it (the WAL write),
// so saves that arrive in the same turn of the event loop share one transaction. Each save is
// acknowledged only after its transaction commits, so an acknowledged save is always durable;
// under light load a batch is a single save and the wait is one setImmediate.
//
// The queue is this process's own (deps.exams.saveQueue), also with WORKERS=N: each process
// commits its queue in its own transaction and SQLite serialises the writers (busy_timeout waits
// for the lock), so nothing is gained by sharing it, and a save never waits on another process's
// queue. What must hold across processes holds in the transaction itself: an attempt closed by
// another process (its sweep, a submit served there) takes no more answers, and those saves are
// refused as closed rather than acknowledged (store.saveAnswerRows).
import type { Db } from '../db/client.js';
import { saveAnswerRows, type SaveRow } from './store.js';
import type { ExamsRuntime } from './runtime.js';

type SaveDeps = { db: Db; exams: ExamsRuntime };

/** Resolves true once the save is committed, false if its attempt had closed meanwhile (nothing stored). */
export function commitSave(deps: SaveDeps, row: SaveRow): Promise<boolean> {
  const q = deps.exams.saveQueue;
  return new Promise<boolean>((resolve, reject) => {
    q.push({ row, done: (err, stored) => (err === undefined ? resolve(stored ?? true) : reject(err)) });
    if (q.length === 1) setImmediate(() => flushSaves(deps));
  });
}

/**
 * Writes every queued save now. Finalising an attempt calls this first, so a save that passed the
 * deadline check is graded even if the attempt closes before the next turn of the event loop.
 */
export function flushSaves(deps: SaveDeps): void {
  const { db } = deps;
  const queue = deps.exams.saveQueue;
  if (queue.length === 0) return;
  const batch = queue.splice(0);
  let closed: ReadonlySet<number>;
  try {
    closed = saveAnswerRows(
      db,
      batch.map((w) => w.row),
    );
  } catch (err) {
    for (const w of batch) w.done(err);
    return;
  }
  for (const w of batch) w.done(undefined, !closed.has(w.row.attemptId));
}
