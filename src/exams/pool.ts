// The question pool of one institution: the file banks (the same for everyone) plus the questions
// that institution imported. Built once and reused until its imported questions change, which a
// cheap count/max query detects, so a start storm never re-reads the banks.
import type { Catalog } from '../catalog/catalog.js';
import { questionSchema, type Question, type QuestionType } from '../catalog/question-bank.js';
import type { Db } from '../db/client.js';
import { fileBanks, type PoolQuestion } from './banks.js';
import { importedQuestionRows, importedStamp } from './store.js';

export type { PoolQuestion };

export type Pool = {
  stamp: string;
  byKey: ReadonlyMap<string, PoolQuestion>;
  /** Candidates of one type in one course, sorted by key so drawing depends only on the seed. */
  candidates(course: string, type: QuestionType): readonly PoolQuestion[];
  /** Every question of a course, sorted by key. */
  course(course: string): readonly PoolQuestion[];
  /** Imported rows whose data no longer passes the question schema (left out of the pool). */
  rejected: number;
};

type Entry = { catalog: Catalog; pool: Pool };
const cache = new WeakMap<Db, Map<number, Entry>>();

export const importedKey = (questionId: string) => `imp:${questionId}`;

export function poolFor(db: Db, catalog: Catalog, institutionId: number): Pool {
  const stamp = importedStamp(db, institutionId);
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  const hit = perDb.get(institutionId);
  if (hit && hit.catalog === catalog && hit.pool.stamp === stamp) return hit.pool;
  const pool = buildPool(catalog, importedQuestionRows(db, institutionId), stamp);
  perDb.set(institutionId, { catalog, pool });
  return pool;
}

/** For the import feature: forget an institution's pool now rather than at the next stamp check. */
export function invalidatePool(db: Db, institutionId: number): void {
  cache.get(db)?.delete(institutionId);
}

export function buildPool(catalog: Catalog, imported: readonly { courseSlug: string; questionId: string; data: unknown }[], stamp = ''): Pool {
  const all: PoolQuestion[] = [...fileBanks(catalog).questions];
  let rejected = 0;
  for (const row of imported) {
    // The importer validated the row; checking again keeps a hand-edited row from breaking papers.
    const parsed = questionSchema.safeParse(row.data);
    if (!parsed.success) {
      rejected++;
      continue;
    }
    all.push({ key: importedKey(row.questionId), course: row.courseSlug, source: 'imported', question: parsed.data as Question });
  }
  const byKey = new Map<string, PoolQuestion>();
  for (const q of all) if (!byKey.has(q.key)) byKey.set(q.key, q);
  const byCourse = new Map<string, PoolQuestion[]>();
  const byCourseType = new Map<string, PoolQuestion[]>();
  const sorted = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const q of sorted) {
    push(byCourse, q.course, q);
    push(byCourseType, `${q.course}\u0000${q.question.type}`, q);
  }
  return {
    stamp,
    byKey,
    candidates: (course, type) => byCourseType.get(`${course}\u0000${type}`) ?? [],
    course: (course) => byCourse.get(course) ?? [],
    rejected,
  };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
