// Papers never change once drawn, so each is parsed once per process and kept (bounded): the
// autosave hot path and the exam page both need it, and JSON-parsing a paper costs more than
// the rest of a save. Per process is safe with WORKERS=N, with no invalidation: no statement
// updates exam_attempts.paper or deletes an attempt, and ids are AUTOINCREMENT (never reused), so
// what another process does cannot make an entry stale. What does change — status, deadline —
// is read from the database on every save (attemptMeta), never from here. (An institution's
// question pool, which does change, is checked against the database on use: pool.ts's stamp.)
import type { Db } from '../db/client.js';
import { attemptPaper } from './store.js';
import type { ExamsRuntime } from './runtime.js';
import { paperSlots, type Paper, type Slot } from './types.js';

export type CachedPaper = { paper: Paper; slots: Map<string, Slot> };

const MAX = 20_000;

type PaperDeps = { db: Db; exams: ExamsRuntime };

/** A paper just drawn and stored: the attempt's first page load need not read it back. */
export function rememberPaper(deps: PaperDeps, attemptId: number, paper: Paper): void {
  const papers = deps.exams.papers;
  if (papers.size >= MAX) papers.clear();
  // Kept as a copy read back from JSON, the form a cache miss would load: the freshly drawn paper
  // holds ~18 KB of heap against ~10 KB for the copy (2,000 open attempts: ~16 MB less), and a
  // copy costs a few tens of µs once per attempt.
  const kept = JSON.parse(JSON.stringify(paper)) as Paper;
  papers.set(attemptId, { paper: kept, slots: new Map(paperSlots(kept).map((s) => [s.key, s])) });
}

export function paperOf(deps: PaperDeps, attemptId: number): CachedPaper | undefined {
  const { db } = deps;
  const perDb = deps.exams.papers;
  let hit = perDb.get(attemptId);
  if (!hit) {
    const paper = attemptPaper(db, attemptId);
    if (!paper) return undefined;
    hit = { paper, slots: new Map(paperSlots(paper).map((s) => [s.key, s])) };
    // Dropping everything at the cap is crude but cheap, and a re-parse is only a cache miss.
    if (perDb.size >= MAX) perDb.clear();
    perDb.set(attemptId, hit);
  }
  return hit;
}
