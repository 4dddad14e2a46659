// Papers never change once drawn, so each is parsed once per process and kept (bounded): the
// autosave hot path and the exam page both need it, and JSON-parsing a paper costs more than
// the rest of a save.
import type { Db } from '../db/client.js';
import { attemptPaper } from './store.js';
import { paperSlots, type Paper, type Slot } from './types.js';

export type CachedPaper = { paper: Paper; slots: Map<string, Slot> };

const MAX = 20_000;
const cache = new WeakMap<Db, Map<number, CachedPaper>>();

/** A paper just drawn and stored: the attempt's first page load need not read it back. */
export function rememberPaper(db: Db, attemptId: number, paper: Paper): void {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  if (perDb.size >= MAX) perDb.clear();
  perDb.set(attemptId, { paper, slots: new Map(paperSlots(paper).map((s) => [s.key, s])) });
}

export function paperOf(db: Db, attemptId: number): CachedPaper | undefined {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
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
