// Group commit for autosaves. A commit costs far more than the upsert inside it (the WAL write),
// so saves that arrive in the same turn of the event loop share one transaction. Each save is
// acknowledged only after its transaction commits, so an acknowledged save is always durable;
// under light load a batch is a single save and the wait is one setImmediate.
import type { Db } from '../db/client.js';
import { saveAnswerRows, type SaveRow } from './store.js';
import type { ExamsRuntime } from './runtime.js';

type SaveDeps = { db: Db; exams: ExamsRuntime };

export function commitSave(deps: SaveDeps, row: SaveRow): Promise<void> {
  const q = deps.exams.saveQueue;
  return new Promise<void>((resolve, reject) => {
    q.push({ row, done: (err) => (err === undefined ? resolve() : reject(err)) });
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
  try {
    saveAnswerRows(
      db,
      batch.map((w) => w.row),
    );
  } catch (err) {
    for (const w of batch) w.done(err);
    return;
  }
  for (const w of batch) w.done();
}
