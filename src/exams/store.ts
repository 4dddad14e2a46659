// Every query of the exam engine (attempts and answers). Hot paths — saving an answer and
// starting an attempt — use statements prepared once per database handle: drizzle's builder
// re-plans each call and is several times slower. Extra-time grants live in grants-store.ts.
import { and, asc, desc, eq, gt, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { attemptAnswers, examAttempts } from './schema.js';
import type { AttemptResult, Paper } from './types.js';

export type AttemptRow = typeof examAttempts.$inferSelect;
export type NewAttempt = Omit<typeof examAttempts.$inferInsert, 'id'>;
export type SubmittedBy = NonNullable<AttemptRow['submittedBy']>;

const p = sql.placeholder;

const metaColumns = {
  id: examAttempts.id,
  traineeId: examAttempts.traineeId,
  institutionId: examAttempts.institutionId,
  cohortId: examAttempts.cohortId,
  examKey: examAttempts.examKey,
  mode: examAttempts.mode,
  status: examAttempts.status,
  startedAt: examAttempts.startedAt,
  deadlineAt: examAttempts.deadlineAt,
  lastSeq: examAttempts.lastSeq,
};
export type AttemptMeta = Pick<AttemptRow, keyof typeof metaColumns>;

/** Runs fn in a write transaction taken up front, so two processes cannot interleave in it. */
export function immediate<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}

// --- attempts -----------------------------------------------------------------------------------

export function findOpenAttempt(db: Db, traineeId: number, examKey: string): AttemptMeta | undefined {
  return prepared(db, 'exams.findOpen', (d) =>
    d
      .select(metaColumns)
      .from(examAttempts)
      .where(and(eq(examAttempts.traineeId, p('traineeId')), eq(examAttempts.examKey, p('examKey')), eq(examAttempts.status, 'open')))
      .orderBy(asc(examAttempts.id))
      .limit(1)
      .prepare(),
  ).get({ traineeId, examKey });
}

/**
 * The question keys of each of a trainee's attempts of one exam, oldest first: what a retake
 * should avoid. Served by exam_attempts_trainee_idx; reads only the papers, never the answers.
 */
export function earlierPaperKeys(db: Db, traineeId: number, examKey: string): string[][] {
  return prepared(db, 'exams.earlierPapers', (d) =>
    d
      .select({ paper: examAttempts.paper })
      .from(examAttempts)
      .where(and(eq(examAttempts.traineeId, p('traineeId')), eq(examAttempts.examKey, p('examKey'))))
      .orderBy(asc(examAttempts.startedAt), asc(examAttempts.id))
      .prepare(),
  )
    .all({ traineeId, examKey })
    .map((r) => (r.paper as Paper).items.map((i) => i.key));
}

export function insertAttempt(db: Db, row: NewAttempt): number {
  return prepared(db, 'exams.insertAttempt', (d) =>
    d
      .insert(examAttempts)
      .values({
        traineeId: p('traineeId'),
        institutionId: p('institutionId'),
        cohortId: p('cohortId'),
        examKey: p('examKey'),
        mode: p('mode'),
        seed: p('seed'),
        paper: p('paper'),
        startedAt: p('startedAt'),
        deadlineAt: p('deadlineAt'),
        status: 'open',
        lastSeq: 0,
      })
      .returning({ id: examAttempts.id })
      .prepare(),
  ).get({ ...row, cohortId: row.cohortId ?? null, deadlineAt: row.deadlineAt ?? null })!.id;
}

export function attemptMeta(db: Db, id: number): AttemptMeta | undefined {
  return prepared(db, 'exams.attemptMeta', (d) =>
    d
      .select(metaColumns)
      .from(examAttempts)
      .where(eq(examAttempts.id, p('id')))
      .prepare(),
  ).get({ id });
}

export function attemptPaper(db: Db, id: number): Paper | undefined {
  const row = prepared(db, 'exams.attemptPaper', (d) =>
    d
      .select({ paper: examAttempts.paper })
      .from(examAttempts)
      .where(eq(examAttempts.id, p('id')))
      .prepare(),
  ).get({ id });
  return row?.paper as Paper | undefined;
}

export function findAttempt(db: Db, id: number): AttemptRow | undefined {
  return db.select().from(examAttempts).where(eq(examAttempts.id, id)).get();
}

export type AnswerRow = { questionKey: string; answer: string; flagged: boolean; seq: number };

export function answersOf(db: Db, attemptId: number): AnswerRow[] {
  return prepared(db, 'exams.answersOf', (d) =>
    d
      .select({ questionKey: attemptAnswers.questionKey, answer: attemptAnswers.answer, flagged: attemptAnswers.flagged, seq: attemptAnswers.seq })
      .from(attemptAnswers)
      .where(eq(attemptAnswers.attemptId, p('attemptId')))
      .prepare(),
  ).all({ attemptId });
}

export type SaveRow = { attemptId: number; key: string; answer: string; flagged: boolean; seq: number; savedAt: number };

/**
 * Stores answers in one transaction. Each lands only if its sequence number is newer than the
 * stored one (a retried or reordered older save changes nothing), and each attempt's highest
 * acknowledged sequence number rises to the largest in the batch.
 */
export function saveAnswerRows(db: Db, rows: readonly SaveRow[]): void {
  const tx = prepared(db, 'exams.saveTx', (d) => {
    const upsert = d
      .insert(attemptAnswers)
      .values({ attemptId: p('attemptId'), questionKey: p('key'), answer: p('answer'), flagged: p('flagged'), seq: p('seq'), savedAt: p('savedAt') })
      .onConflictDoUpdate({
        target: [attemptAnswers.attemptId, attemptAnswers.questionKey],
        set: { answer: sql`excluded.answer`, flagged: sql`excluded.flagged`, seq: sql`excluded.seq`, savedAt: sql`excluded.saved_at` },
        setWhere: sql`excluded.seq > ${attemptAnswers.seq}`,
      })
      .prepare();
    const bump = d
      .update(examAttempts)
      .set({ lastSeq: sql`max(${examAttempts.lastSeq}, ${p('seq')})` })
      .where(eq(examAttempts.id, p('attemptId')))
      .prepare();
    return d.$client.transaction((batch: readonly SaveRow[]) => {
      const highest = new Map<number, number>();
      for (const r of batch) {
        upsert.run({ attemptId: r.attemptId, key: r.key, answer: r.answer, flagged: r.flagged ? 1 : 0, seq: r.seq, savedAt: r.savedAt });
        highest.set(r.attemptId, Math.max(highest.get(r.attemptId) ?? 0, r.seq));
      }
      for (const [attemptId, seq] of highest) bump.run({ attemptId, seq });
    });
  });
  tx(rows);
}

export const saveAnswerRow = (db: Db, row: SaveRow) => saveAnswerRows(db, [row]);

/** score and passed are null while written answers await marking (待阅卷): no grade leaves yet. */
export type Finalised = {
  submittedAt: number;
  submittedBy: SubmittedBy;
  score: number | null;
  maxScore: number;
  passed: boolean | null;
  result: AttemptResult;
};

/** Closes an open attempt; false if it was already closed (someone else finalised it first). */
export function closeAttempt(db: Db, id: number, f: Finalised): boolean {
  const res = db
    .update(examAttempts)
    .set({
      status: 'submitted',
      submittedAt: f.submittedAt,
      submittedBy: f.submittedBy,
      score: f.score,
      maxScore: f.maxScore,
      passed: f.passed,
      result: f.result,
    })
    .where(and(eq(examAttempts.id, id), eq(examAttempts.status, 'open')))
    .run();
  return res.changes === 1;
}

/** Open timed attempts whose deadline (plus grace) is before `cutoff`. */
export function overdueAttemptIds(db: Db, cutoff: number): number[] {
  return db
    .select({ id: examAttempts.id })
    .from(examAttempts)
    .where(and(eq(examAttempts.status, 'open'), lt(examAttempts.deadlineAt, cutoff)))
    .all()
    .map((r) => r.id);
}

export type AttemptSummary = Pick<
  AttemptRow,
  'id' | 'examKey' | 'mode' | 'status' | 'startedAt' | 'deadlineAt' | 'submittedAt' | 'submittedBy' | 'score' | 'maxScore' | 'passed'
> & {
  /** Submitted, with written answers still to be marked (待阅卷): no score and no pass or fail yet. */
  awaitingMarking: boolean;
};

/** A trainee's attempts, newest first (history and the exams page). */
export function traineeAttempts(db: Db, traineeId: number): AttemptSummary[] {
  return db
    .select({
      id: examAttempts.id,
      examKey: examAttempts.examKey,
      mode: examAttempts.mode,
      status: examAttempts.status,
      startedAt: examAttempts.startedAt,
      deadlineAt: examAttempts.deadlineAt,
      submittedAt: examAttempts.submittedAt,
      submittedBy: examAttempts.submittedBy,
      score: examAttempts.score,
      maxScore: examAttempts.maxScore,
      passed: examAttempts.passed,
    })
    .from(examAttempts)
    .where(eq(examAttempts.traineeId, traineeId))
    .orderBy(desc(examAttempts.startedAt), desc(examAttempts.id))
    .all()
    .map((a) => ({ ...a, awaitingMarking: a.status === 'submitted' && a.score === null }));
}

/** How many of a trainee's submitted mock exams of one blueprint wait for their written answers to be marked. */
export function awaitingMarkingCount(db: Db, traineeId: number, examKey: string): number {
  return prepared(db, 'exams.awaitingCount', (d) =>
    d
      .select({ n: sql<number>`count(*)` })
      .from(examAttempts)
      .where(
        and(
          eq(examAttempts.traineeId, p('traineeId')),
          eq(examAttempts.examKey, p('examKey')),
          eq(examAttempts.mode, 'exam'),
          eq(examAttempts.status, 'submitted'),
          sql`${examAttempts.score} is null`,
        ),
      )
      .prepare(),
  ).get({ traineeId, examKey })!.n;
}

/** Results of a trainee's finished attempts, oldest first (the wrong-answer notebook replays them). */
export function traineeResults(db: Db, traineeId: number) {
  return db
    .select({ id: examAttempts.id, mode: examAttempts.mode, submittedAt: examAttempts.submittedAt, result: examAttempts.result })
    .from(examAttempts)
    .where(and(eq(examAttempts.traineeId, traineeId), eq(examAttempts.status, 'submitted')))
    .orderBy(asc(examAttempts.submittedAt), asc(examAttempts.id))
    .all()
    .map((r) => ({ id: r.id, mode: r.mode, submittedAt: r.submittedAt ?? 0, result: r.result as AttemptResult | null }));
}

// --- best results (the training certificate, the trainee's home) -------------------------------
// Only real mock exams count (mode 'exam', submitted, one of the given blueprints); practice runs
// and open attempts never do.

export type BestExamScore = { score: number; maxScore: number; percent: number };

/** With `passedOnly`, only attempts that passed count (what an official certificate may print). */
export function bestExamScore(db: Db, traineeId: number, examKeys: readonly string[], opts: { passedOnly?: boolean } = {}): BestExamScore | null {
  if (examKeys.length === 0) return null;
  // A trainee's home asks this twice per mock exam: prepared once per number of keys and filter.
  const passedOnly = opts.passedOnly === true;
  const keys = examKeys.map((_, i) => `k${i}`);
  const row = prepared(db, `exams.best:${examKeys.length}:${passedOnly}`, (d) =>
    d
      .select({ score: examAttempts.score, maxScore: examAttempts.maxScore })
      .from(examAttempts)
      .where(
        and(
          eq(examAttempts.traineeId, p('traineeId')),
          inArray(
            examAttempts.examKey,
            keys.map((k) => p(k)),
          ),
          eq(examAttempts.mode, 'exam'),
          eq(examAttempts.status, 'submitted'),
          isNotNull(examAttempts.score),
          gt(examAttempts.maxScore, 0),
          passedOnly ? eq(examAttempts.passed, true) : undefined,
        ),
      )
      // Best share of the paper first (papers may differ in size), then the higher raw score, then the earliest.
      .orderBy(desc(sql`cast(${examAttempts.score} as real) / ${examAttempts.maxScore}`), desc(examAttempts.score), examAttempts.submittedAt, examAttempts.id)
      .limit(1)
      .prepare(),
  ).get({ traineeId, ...Object.fromEntries(keys.map((k, i) => [k, examKeys[i]])) });
  if (!row || row.score === null || row.maxScore === null) return null;
  // One decimal, so the figure printed on a certificate is the same everywhere it is read.
  return { score: row.score, maxScore: row.maxScore, percent: Math.round((row.score * 1000) / row.maxScore) / 10 };
}

// --- what the LMS feature asks of attempts (its grade queue names attempts by id) ---------------

/** What the exam hooks need of an attempt: its facts without the paper or the graded result. */
export function examAttemptFacts(db: Db, id: number) {
  return db
    .select({
      id: examAttempts.id,
      traineeId: examAttempts.traineeId,
      institutionId: examAttempts.institutionId,
      examKey: examAttempts.examKey,
      mode: examAttempts.mode,
      status: examAttempts.status,
      startedAt: examAttempts.startedAt,
      submittedAt: examAttempts.submittedAt,
      score: examAttempts.score,
      maxScore: examAttempts.maxScore,
      passed: examAttempts.passed,
    })
    .from(examAttempts)
    .where(eq(examAttempts.id, id))
    .get();
}

export type AttemptOrigin = { id: number; traineeId: number; examKey: string; cohortId: number | null; submittedAt: number | null };

/** Who sat each attempt, at which exam, in which cohort, and when it was submitted; by attempt id. */
export function attemptOrigins(db: Db, ids: readonly number[]): Map<number, AttemptOrigin> {
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select({
        id: examAttempts.id,
        traineeId: examAttempts.traineeId,
        examKey: examAttempts.examKey,
        cohortId: examAttempts.cohortId,
        submittedAt: examAttempts.submittedAt,
      })
      .from(examAttempts)
      .where(inArray(examAttempts.id, [...new Set(ids)]))
      .all()
      .map((r) => [r.id, r]),
  );
}

/** Ids of the attempts sat in these cohorts, as a subquery another feature's query filters on. */
export function attemptIdsInCohorts(db: Db, cohortIds: readonly number[]) {
  return db
    .select({ id: examAttempts.id })
    .from(examAttempts)
    .where(inArray(examAttempts.cohortId, [...cohortIds]));
}
