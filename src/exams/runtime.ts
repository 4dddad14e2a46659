// What the exams feature keeps between requests, built once by the composition root (createApp,
// or server.ts for the app and the sweep together) and passed in as `deps.exams`: the blueprints,
// and caches and the save queue; no module-level state. Each cache only saves work — losing it costs a re-read, never an answer — except the save
// queue, whose waiting saves are acknowledged only once written (group-commit.ts).
import type { Catalog } from '../catalog/index.js';
import type { FileBanks } from './banks.js';
import { loadBlueprints, type Blueprints } from './blueprint.js';
import type { CachedPaper } from './paper-cache.js';
import type { Pool } from './pool.js';
import type { SaveRow } from './store.js';

/** `stored` false: the attempt had closed when the batch committed (group-commit.ts). */
export type SaveWaiter = { row: SaveRow; done: (err?: unknown, stored?: boolean) => void };

export class ExamsRuntime {
  /** The mock-exam blueprints (courses/blueprints.yaml), read once here for the whole process. */
  readonly blueprints: Blueprints;
  /** Each institution's question pool, until its imported questions change (pool.ts). */
  readonly pools = new Map<number, { catalog: Catalog; pool: Pool }>();
  /** Drawn papers, parsed once (paper-cache.ts). */
  readonly papers = new Map<number, CachedPaper>();
  /** Autosaves waiting for this turn's shared transaction (group-commit.ts). */
  readonly saveQueue: SaveWaiter[] = [];
  /** The file banks of the app's catalogue, read once (banks.ts). */
  banks: { catalog: Catalog; banks: FileBanks } | null = null;

  /** `coursesDir`: the folder of the app's courses (config.coursesDir), whose blueprints.yaml is read now. */
  constructor(coursesDir: string) {
    this.blueprints = loadBlueprints(coursesDir);
  }
}
