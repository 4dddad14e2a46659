// Every query of the exam engine (attempts and answers). Hot paths — saving an answer and
// starting an attempt — use statements prepared once per database handle: drizzle's builder
// re-plans each call and is several times slower. Extra-time grants live in grants-store.ts.
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { attemptAnswers, examAttempts, examSittings } from './schema.js';
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
  sittingId: examAttempts.sittingId,
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
        sittingId: p('sittingId'),
      })
      .returning({ id: examAttempts.id })
      .prepare(),
  ).get({ ...row, cohortId: row.cohortId ?? null, deadlineAt: row.deadlineAt ?? null, sittingId: row.sittingId ?? null })!.id;
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
 * acknowledged sequence number rises to the largest in the batch. Only an attempt still open
 * takes answers: the one that closed before this transaction (graded, by another process too:
 * finaliseAttempt grades inside an IMMEDIATE transaction) is returned, its rows not stored.
 */
export function saveAnswerRows(db: Db, rows: readonly SaveRow[]): ReadonlySet<number> {
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
    // The bump doubles as the check that the attempt is still open (no extra statement).
    const bump = d
      .update(examAttempts)
      .set({ lastSeq: sql`max(${examAttempts.lastSeq}, ${p('seq')})` })
      .where(and(eq(examAttempts.id, p('attemptId')), eq(examAttempts.status, 'open')))
      .prepare();
    return d.$client.transaction((batch: readonly SaveRow[]): ReadonlySet<number> => {
      const highest = new Map<number, number>();
      for (const r of batch) highest.set(r.attemptId, Math.max(highest.get(r.attemptId) ?? 0, r.seq));
      const closed = new Set<number>();
      for (const [attemptId, seq] of highest) if (bump.run({ attemptId, seq }).changes === 0) closed.add(attemptId);
      for (const r of batch) {
        if (closed.size && closed.has(r.attemptId)) continue;
        upsert.run({ attemptId: r.attemptId, key: r.key, answer: r.answer, flagged: r.flagged ? 1 : 0, seq: r.seq, savedAt: r.savedAt });
      }
      return closed;
    });
  });
  return tx(rows);
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
  'id' | 'examKey' | 'mode' | 'status' | 'startedAt' | 'deadlineAt' | 'submittedAt' | 'submittedBy' | 'score' | 'maxScore' | 'passed' | 'sittingId'
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
      sittingId: examAttempts.sittingId,
    })
    .from(examAttempts)
    .where(eq(examAttempts.traineeId, traineeId))
    .orderBy(desc(examAttempts.startedAt), desc(examAttempts.id))
    .all()
    .map((a) => ({ ...a, awaitingMarking: a.status === 'submitted' && a.score === null }));
}

/**
 * Results of a trainee's finished attempts, oldest first (the wrong-answer notebook replays them).
 * A sitting's attempt counts only once its full review is open (its window closed, review 'full').
 */
export function traineeResults(db: Db, traineeId: number, now = Date.now()) {
  return db
    .select({ id: examAttempts.id, mode: examAttempts.mode, submittedAt: examAttempts.submittedAt, result: examAttempts.result })
    .from(examAttempts)
    .where(
      and(
        eq(examAttempts.traineeId, traineeId),
        eq(examAttempts.status, 'submitted'),
        sql`(${examAttempts.sittingId} is null or exists (select 1 from ${examSittings} where ${examSittings.id} = ${examAttempts.sittingId} and ${examSittings.review} = 'full' and ${examSittings.closesAt} <= ${now}))`,
      ),
    )
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
  const keys = new Set(examKeys);
  return bestOf(
    mockAttempts(db, traineeId).filter((a) => keys.has(a.examKey)),
    opts,
  );
}

/** One trainee's real mock-exam attempts (not practice), every blueprint, in the order started: one query for the home page's every exam line. */
export function mockAttempts(db: Db, traineeId: number): MockAttempt[] {
  return prepared(db, 'exams.mockAttempts', (d) =>
    d
      .select({
        id: examAttempts.id,
        examKey: examAttempts.examKey,
        status: examAttempts.status,
        deadlineAt: examAttempts.deadlineAt,
        submittedAt: examAttempts.submittedAt,
        score: examAttempts.score,
        maxScore: examAttempts.maxScore,
        passed: examAttempts.passed,
      })
      .from(examAttempts)
      .where(and(eq(examAttempts.traineeId, p('traineeId')), eq(examAttempts.mode, 'exam')))
      .orderBy(asc(examAttempts.id))
      .prepare(),
  ).all({ traineeId });
}

export type MockAttempt = Pick<AttemptRow, 'id' | 'examKey' | 'status' | 'deadlineAt' | 'submittedAt' | 'score' | 'maxScore' | 'passed'>;

/**
 * The best graded attempt: the best share of the paper first (papers may differ in size), then the
 * higher raw score, then the earliest. Attempts awaiting marking (no score yet) never count.
 */
export function bestOf(attempts: readonly MockAttempt[], opts: { passedOnly?: boolean } = {}): BestExamScore | null {
  let best: MockAttempt | undefined;
  for (const a of attempts) {
    if (a.status !== 'submitted' || a.score === null || a.maxScore === null || a.maxScore <= 0) continue;
    if (opts.passedOnly && a.passed !== true) continue;
    if (!best || beats(a, best)) best = a;
  }
  if (!best || best.score === null || best.maxScore === null) return null;
  // One decimal, so the figure printed on a certificate is the same everywhere it is read.
  return { score: best.score, maxScore: best.maxScore, percent: Math.round((best.score * 1000) / best.maxScore) / 10 };
}

function beats(a: MockAttempt, b: MockAttempt): boolean {
  const share = a.score! * b.maxScore! - b.score! * a.maxScore!; // a/am vs b/bm without rounding
  if (share !== 0) return share > 0;
  if (a.score !== b.score) return a.score! > b.score!;
  const at = a.submittedAt ?? 0;
  const bt = b.submittedAt ?? 0;
  return at !== bt ? at < bt : a.id < b.id;
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
