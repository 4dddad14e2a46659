// Storage of marking (阅卷): the marks table and the reads the marking queue needs of submitted
// attempts. Only exams' own tables.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { attemptAnswers, examAttempts, writtenMarks } from '../schema.js';
import type { AttemptResult, Paper } from '../types.js';
import type { Mark } from './rules.js';

/** A submitted mock-exam attempt of the cohort with written answers, as marking sees it: no trainee named. */
export type MarkableAttempt = { id: number; institutionId: number; examKey: string; paper: Paper; result: AttemptResult; awaiting: boolean };

/** Submitted attempts of one exam in one cohort, oldest first (their order gives the candidate numbers). */
export function submittedExamAttempts(db: Db, cohortId: number, examKey: string): MarkableAttempt[] {
  return db
    .select({
      id: examAttempts.id,
      institutionId: examAttempts.institutionId,
      examKey: examAttempts.examKey,
      paper: examAttempts.paper,
      result: examAttempts.result,
      score: examAttempts.score,
    })
    .from(examAttempts)
    .where(and(eq(examAttempts.cohortId, cohortId), eq(examAttempts.examKey, examKey), eq(examAttempts.mode, 'exam'), eq(examAttempts.status, 'submitted')))
    .orderBy(asc(examAttempts.id))
    .all()
    .filter((r) => r.result != null)
    .map((r) => ({
      id: r.id,
      institutionId: r.institutionId,
      examKey: r.examKey,
      paper: r.paper as Paper,
      result: r.result as AttemptResult,
      awaiting: r.score == null,
    }));
}

/** Marks of the given attempts, in the order they were given, by attempt and slot ("id slotKey"). */
export function marksOf(db: Db, attemptIds: readonly number[]): Map<string, (Mark & { comment: string | null; markedAt: number })[]> {
  const out = new Map<string, (Mark & { comment: string | null; markedAt: number })[]>();
  if (attemptIds.length === 0) return out;
  const rows = db
    .select()
    .from(writtenMarks)
    .where(inArray(writtenMarks.attemptId, [...attemptIds]))
    .orderBy(asc(writtenMarks.id))
    .all();
  for (const r of rows) {
    const key = `${r.attemptId} ${r.slotKey}`;
    const list = out.get(key) ?? [];
    list.push({ markerId: r.markerId, levels: r.levels, total: r.total, comment: r.comment, markedAt: r.markedAt });
    out.set(key, list);
  }
  return out;
}

export function writtenAnswerText(db: Db, attemptId: number, slotKey: string): string {
  const row = db
    .select({ answer: attemptAnswers.answer })
    .from(attemptAnswers)
    .where(and(eq(attemptAnswers.attemptId, attemptId), eq(attemptAnswers.questionKey, slotKey)))
    .get();
  return row?.answer ?? '';
}

export function answersByKey(db: Db, attemptId: number): Map<string, string> {
  const rows = db
    .select({ key: attemptAnswers.questionKey, answer: attemptAnswers.answer })
    .from(attemptAnswers)
    .where(eq(attemptAnswers.attemptId, attemptId))
    .all();
  return new Map(rows.map((r) => [r.key, r.answer]));
}

/** A marker's mark; false when this marker already marked that answer (the unique index). */
export function insertMark(
  db: Db,
  row: { attemptId: number; slotKey: string; markerId: number; levels: number[]; total: number; comment: string | null; markedAt: number },
): boolean {
  const res = db.insert(writtenMarks).values(row).onConflictDoNothing().run();
  return res.changes === 1;
}

/** The final result once every written answer is marked; only an attempt still awaiting marking changes. */
export function recordMarkedResult(db: Db, attemptId: number, r: { score: number; passed: boolean; result: AttemptResult }): boolean {
  const res = db
    .update(examAttempts)
    .set({ score: r.score, passed: r.passed, result: r.result })
    .where(and(eq(examAttempts.id, attemptId), eq(examAttempts.status, 'submitted'), isNull(examAttempts.score)))
    .run();
  return res.changes === 1;
}
