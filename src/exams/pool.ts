// The question pool of one institution: the file banks (the same for everyone) plus the questions
// that institution imported. Built once and reused until its imported questions change, which a
// cheap count/max query detects, so a start storm never re-reads the banks.
//
// Questions whose lesson is an outline (frontmatter `status: outline`, 本课正文编写中) are never
// drawn: nothing a trainee can study teaches them yet. They stay in `byKey`, so papers drawn before
// a lesson went back to outline still grade. An imported question whose lesson the catalogue does
// not know (renamed since the import) stays eligible, counted for spreading as one more lesson.
import { importedQuestionSchema, type Catalog, type Question, type QuestionType } from '../catalog/index.js';
import type { Db } from '../db/client.js';
import { fileBanks, loadFileBanks, type FileBanks, type PoolQuestion } from './banks.js';
import type { ExamsRuntime } from './runtime.js';
import { importedQuestionRows, importedStamp } from '../questions/index.js';

export type { PoolQuestion };

export type Pool = {
  stamp: string;
  byKey: ReadonlyMap<string, PoolQuestion>;
  /** Drawable questions of one type in one course, sorted by key so drawing depends only on the seed. */
  candidates(course: string, type: QuestionType): readonly PoolQuestion[];
  /** Every drawable objective question of a course, sorted by key (practice: a written answer needs a marker). */
  course(course: string): readonly PoolQuestion[];
  /** How many questions of one type in one course are left out because their lesson is an outline. */
  outlineCount(course: string, type: QuestionType): number;
  /** The lesson a question counts under when a paper spreads its picks ('' when not in the catalogue). */
  lessonOf(pq: PoolQuestion): string;
  /** Imported rows whose data no longer passes the question schema (left out of the pool). */
  rejected: number;
};

/** What building and caching a pool needs: the database, the catalogue and the app's exams runtime. */
export type PoolDeps = { db: Db; catalog: Catalog; exams: ExamsRuntime };

export const importedKey = (questionId: string) => `imp:${questionId}`;

export function poolFor(deps: PoolDeps, institutionId: number): Pool {
  const { db, catalog, exams } = deps;
  const stamp = importedStamp(db, institutionId);
  const hit = exams.pools.get(institutionId);
  if (hit && hit.catalog === catalog && hit.pool.stamp === stamp) return hit.pool;
  const pool = buildPool(catalog, importedQuestionRows(db, institutionId), stamp, fileBanks(exams, catalog));
  exams.pools.set(institutionId, { catalog, pool });
  return pool;
}

/** Forget an institution's pool now rather than at the next stamp check. */
export function invalidatePool(deps: Pick<PoolDeps, 'exams'>, institutionId: number): void {
  deps.exams.pools.delete(institutionId);
}

export function buildPool(
  catalog: Catalog,
  imported: readonly { courseSlug: string; questionId: string; data: unknown }[],
  stamp = '',
  banks: FileBanks = loadFileBanks(catalog),
): Pool {
  const all: PoolQuestion[] = [...banks.questions];
  let rejected = 0;
  for (const row of imported) {
    // The importer validated the row; checking again keeps a hand-edited row from breaking papers.
    const parsed = importedQuestionSchema.safeParse(row.data);
    if (!parsed.success) {
      rejected++;
      continue;
    }
    all.push({ key: importedKey(row.questionId), course: row.courseSlug, source: 'imported', question: parsed.data as Question });
  }
  const byKey = new Map<string, PoolQuestion>();
  for (const q of all) if (!byKey.has(q.key)) byKey.set(q.key, q);
  const lessons = lessonStatus(catalog);
  const byCourse = new Map<string, PoolQuestion[]>();
  const byCourseType = new Map<string, PoolQuestion[]>();
  const outlines = new Map<string, number>();
  const lessonGroup = new Map<PoolQuestion, string>();
  const sorted = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const q of sorted) {
    const at = `${q.course}\u0000${q.question.type}`;
    const status = lessons.get(lessonId(q.course, q.question.lesson));
    if (status === 'outline') {
      outlines.set(at, (outlines.get(at) ?? 0) + 1);
      continue;
    }
    lessonGroup.set(q, status ? q.question.lesson : '');
    if (q.question.type !== 'written') push(byCourse, q.course, q);
    push(byCourseType, at, q);
  }
  return {
    stamp,
    byKey,
    candidates: (course, type) => byCourseType.get(`${course}\u0000${type}`) ?? [],
    course: (course) => byCourse.get(course) ?? [],
    outlineCount: (course, type) => outlines.get(`${course}\u0000${type}`) ?? 0,
    lessonOf: (pq) => lessonGroup.get(pq) ?? '',
    rejected,
  };
}

const lessonId = (course: string, lesson: string) => `${course}\u0000${lesson}`;

/**
 * Each catalogue lesson's frontmatter status. A lesson that failed to compile still has its
 * frontmatter when only its body is broken; one with none at all is not counted as an outline
 * (`bcm validate` reports it, and its questions stay drawable rather than emptying a paper).
 */
function lessonStatus(catalog: Catalog): Map<string, 'full' | 'outline' | 'unknown'> {
  const out = new Map<string, 'full' | 'outline' | 'unknown'>();
  for (const course of catalog.programme.courses.values()) {
    for (const l of catalog.lessons(course.slug)) {
      const compiled = 'ok' in l.state ? l.state.ok : l.state.compiled;
      out.set(lessonId(course.slug, l.slug), compiled?.frontmatter.status ?? 'unknown');
    }
  }
  return out;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
