// What the exam engine reads of an institution's imported questions to build its question pool:
// a cheap stamp that changes whenever they do, and the rows themselves (the pool re-checks each).
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { importedQuestions } from './schema.js';

const p = sql.placeholder;

/** Changes whenever an institution's imported questions do (insert, delete, or re-import). */
export function importedStamp(db: Db, institutionId: number): string {
  const row = prepared(db, 'questions.importedStamp', (d) =>
    d
      .select({ n: sql<number>`count(*)`, maxId: sql<number>`coalesce(max(${importedQuestions.id}), 0)`, at: sql<number>`coalesce(max(${importedQuestions.importedAt}), 0)` })
      .from(importedQuestions)
      .where(eq(importedQuestions.institutionId, p('institutionId')))
      .prepare(),
  ).get({ institutionId })!;
  return `${row.n}:${row.maxId}:${row.at}`;
}

export type ImportedQuestionRow = { courseSlug: string; questionId: string; data: unknown };

/** An institution's imported questions, in the order they were first imported. */
export function importedQuestionRows(db: Db, institutionId: number): ImportedQuestionRow[] {
  return db
    .select({ courseSlug: importedQuestions.courseSlug, questionId: importedQuestions.questionId, data: importedQuestions.data })
    .from(importedQuestions)
    .where(eq(importedQuestions.institutionId, institutionId))
    .orderBy(asc(importedQuestions.id))
    .all();
}
