import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Question } from '../catalog/index.js';
import { inTransaction, type Db } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import type { Translate } from '../i18n/index.js';
import { writeAudit } from '../institutions/index.js';
import { emptyCounts, finaliseDrafts, type ImportedQuestion, type TypeCounts } from './import.js';
import { importedQuestions } from './schema.js';
import type { DraftQuestion, ImportCourse, SourceError } from './types.js';

// imported_questions: an institution's own questions, one row per top-level question (a case
// question holds its parts), `data` in exactly the questions.yaml shape. Every read and write is
// scoped by institution: no query here can see another institution's questions.
//
// Ids: a question id given in the file that this institution already has in the same course is
// updated in place (so a corrected sheet can be imported again); one it has in another course,
// or one that is already a case part's id, is an error. Questions without an id get
// `<INSTITUTION>-<COURSE>-0001`…, counting on from the highest such number ever stored.

export const idPrefix = (institutionCode: string, courseCode: string) => `${institutionCode}-${courseCode}-`;

export type ImportTarget = { institutionId: number; institutionCode: string; course: ImportCourse };
export type SaveOutcome = { created: number; updated: number; counts: TypeCounts; questions: ImportedQuestion[] };

/** The next number for generated ids in this course (1 when there are none yet). */
export function nextGeneratedNumber(db: Db, target: ImportTarget): number {
  const prefix = idPrefix(target.institutionCode, target.course.code);
  const rows = db
    .select({ id: importedQuestions.questionId })
    .from(importedQuestions)
    .where(and(eq(importedQuestions.institutionId, target.institutionId), eq(importedQuestions.courseSlug, target.course.slug)))
    .all();
  let max = 0;
  for (const { id } of rows) {
    if (id.startsWith(prefix) && /^\d+$/.test(id.slice(prefix.length))) max = Math.max(max, Number(id.slice(prefix.length)));
  }
  return max + 1;
}

/**
 * Checks and writes a whole import in one transaction: any error (a bad row, an id clash with
 * stored questions) and nothing is written. The audit entry lands in the same transaction.
 */
export function saveImport(
  db: Db,
  target: ImportTarget,
  drafts: DraftQuestion[],
  meta: { actorId: number | null; via: 'web' | 'cli'; fileName: string },
  t: Translate,
  now = Date.now(),
): SaveOutcome | { errors: SourceError[] } {
  return inTransaction(db, () => {
    // Numbered inside the transaction, so two imports at once cannot hand out the same id.
    const start = nextGeneratedNumber(db, target);
    const done = finaliseDrafts(drafts, { prefix: idPrefix(target.institutionCode, target.course.code), start }, t);
    if ('errors' in done) return done;

    const existing = db
      .select({ questionId: importedQuestions.questionId, courseSlug: importedQuestions.courseSlug, data: importedQuestions.data })
      .from(importedQuestions)
      .where(eq(importedQuestions.institutionId, target.institutionId))
      .all();
    // Every id already in use (case parts included) → the top-level question that holds it.
    const owner = new Map<string, { top: string; courseSlug: string }>();
    for (const row of existing) {
      const q = row.data as Question;
      owner.set(row.questionId, { top: row.questionId, courseSlug: row.courseSlug });
      if (q.type === 'case') for (const p of q.parts) owner.set(p.id, { top: row.questionId, courseSlug: row.courseSlug });
    }
    const errors: SourceError[] = [];
    for (const { at, question } of done.questions) {
      const mine = owner.get(question.id);
      if (mine && mine.top === question.id && mine.courseSlug !== target.course.slug) {
        errors.push({ at, message: t('questions.error.idInOtherCourse', { value: question.id, course: mine.courseSlug }) });
      }
      const ids = [question.id, ...(question.type === 'case' ? question.parts.map((p) => p.id) : [])];
      for (const id of ids) {
        const held = owner.get(id);
        if (held && held.top !== question.id) errors.push({ at, message: t('questions.error.idTaken', { value: id, other: held.top }) });
      }
    }
    if (errors.length) return { errors };

    let created = 0;
    for (const { question } of done.questions) {
      if (!owner.has(question.id)) created++;
      db.insert(importedQuestions)
        .values({
          institutionId: target.institutionId,
          courseSlug: target.course.slug,
          questionId: question.id,
          type: question.type,
          data: question,
          importedBy: meta.actorId,
          importedAt: now,
        })
        .onConflictDoUpdate({
          target: [importedQuestions.institutionId, importedQuestions.questionId],
          set: { type: question.type, data: question, importedBy: meta.actorId, importedAt: now },
        })
        .run();
    }
    const outcome: SaveOutcome = { created, updated: done.questions.length - created, counts: done.counts, questions: done.questions };
    writeAudit(
      db,
      {
        actorId: meta.actorId,
        institutionId: target.institutionId,
        action: 'questions.import',
        subject: `course:${target.course.slug}`,
        detail: { file: meta.fileName, via: meta.via, created, updated: outcome.updated, counts: done.counts },
      },
      now,
    );
    return outcome;
  });
}

/** Counts by type for each course this institution has imported into. */
export function countsByCourse(db: Db, institutionId: number): Map<string, TypeCounts> {
  const rows = db
    .select({ courseSlug: importedQuestions.courseSlug, type: importedQuestions.type, n: count() })
    .from(importedQuestions)
    .where(eq(importedQuestions.institutionId, institutionId))
    .groupBy(importedQuestions.courseSlug, importedQuestions.type)
    .all();
  const out = new Map<string, TypeCounts>();
  for (const r of rows) {
    const counts = out.get(r.courseSlug) ?? emptyCounts();
    counts[r.type] = r.n;
    out.set(r.courseSlug, counts);
  }
  return out;
}

export type StoredQuestion = { question: Question; importedAt: number };

/** One course's imported questions for this institution, in the order they were first imported. */
export function listImported(db: Db, institutionId: number, courseSlug: string): StoredQuestion[] {
  return db
    .select({ data: importedQuestions.data, importedAt: importedQuestions.importedAt })
    .from(importedQuestions)
    .where(and(eq(importedQuestions.institutionId, institutionId), eq(importedQuestions.courseSlug, courseSlug)))
    .orderBy(asc(importedQuestions.id))
    .all()
    .map((r) => ({ question: r.data as Question, importedAt: r.importedAt }));
}

/** For the exam engine: an institution's imported questions for a course, in questions.yaml shape. */
export function loadImportedQuestions(db: Db, institutionId: number, courseSlug: string): Question[] {
  return listImported(db, institutionId, courseSlug).map((r) => r.question);
}

/**
 * For the exam engine's pool cache: changes whenever an institution's imported questions do
 * (insert, delete, or re-import). Prepared once per database: it is read on every attempt start.
 */
export function importedStamp(db: Db, institutionId: number): string {
  const row = prepared(db, 'questions.importedStamp', (d) =>
    d
      .select({
        n: sql<number>`count(*)`,
        maxId: sql<number>`coalesce(max(${importedQuestions.id}), 0)`,
        at: sql<number>`coalesce(max(${importedQuestions.importedAt}), 0)`,
      })
      .from(importedQuestions)
      .where(eq(importedQuestions.institutionId, sql.placeholder('institutionId')))
      .prepare(),
  ).get({ institutionId })!;
  return `${row.n}:${row.maxId}:${row.at}`;
}

/** For the exam engine: every imported question of an institution, all courses, in import order (`data` unparsed). */
export function importedQuestionRows(db: Db, institutionId: number): { courseSlug: string; questionId: string; data: unknown }[] {
  return db
    .select({ courseSlug: importedQuestions.courseSlug, questionId: importedQuestions.questionId, data: importedQuestions.data })
    .from(importedQuestions)
    .where(eq(importedQuestions.institutionId, institutionId))
    .orderBy(asc(importedQuestions.id))
    .all();
}
