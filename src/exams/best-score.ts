import { and, desc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { examAttempts } from '../db/schema.js';

// The one question the training certificate asks of the exams feature: a trainee's best mock-exam
// result at a level. Only real mock exams count (mode 'exam', submitted, one of the level's
// blueprints — see examKeysForLevel); practice runs and open attempts never do.

export type BestExamScore = { score: number; maxScore: number; percent: number };

/** With `passedOnly`, only attempts that passed count (what an official certificate may print). */
export function bestExamScore(db: Db, traineeId: number, examKeys: readonly string[], opts: { passedOnly?: boolean } = {}): BestExamScore | null {
  if (examKeys.length === 0) return null;
  const row = db
    .select({ score: examAttempts.score, maxScore: examAttempts.maxScore })
    .from(examAttempts)
    .where(
      and(
        eq(examAttempts.traineeId, traineeId),
        inArray(examAttempts.examKey, [...examKeys]),
        eq(examAttempts.mode, 'exam'),
        eq(examAttempts.status, 'submitted'),
        isNotNull(examAttempts.score),
        gt(examAttempts.maxScore, 0),
        opts.passedOnly ? eq(examAttempts.passed, true) : undefined,
      ),
    )
    // Best share of the paper first (papers may differ in size), then the higher raw score, then the earliest.
    .orderBy(desc(sql`cast(${examAttempts.score} as real) / ${examAttempts.maxScore}`), desc(examAttempts.score), examAttempts.submittedAt, examAttempts.id)
    .limit(1)
    .get();
  if (!row || row.score === null || row.maxScore === null) return null;
  // One decimal, so the figure printed on a certificate is the same everywhere it is read.
  return { score: row.score, maxScore: row.maxScore, percent: Math.round((row.score * 1000) / row.maxScore) / 10 };
}
