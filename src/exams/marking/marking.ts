// Marking (阅卷) written answers of a cohort's mock exam: the queue per question, the next answer for
// a marker, and recording a mark. Answers are shown blind: a candidate number (the attempt's place
// among the exam's submitted attempts in the cohort), never the trainee. When an attempt's last
// written answer has its final mark, the attempt is graded with the marks, gets its score and pass
// or fail, and the LMS is told (onExamMarked: the AGS score and xAPI passed/failed leave only now).
import type { Db } from '../../db/client.js';
import type { WrittenQuestion } from '../../catalog/index.js';
import { personNames, writeAudit } from '../../institutions/index.js';
import type { ExamDeps } from '../attempts.js';
import type { Blueprint } from '../blueprint.js';
import { gradePaper } from '../grading.js';
import { poolFor } from '../pool.js';
import { immediate } from '../store.js';
import {
  checkLevels,
  markState,
  mayMark,
  SINGLE_MARKING,
  writtenStats,
  type MarkProblem,
  type MarkState,
  type MarkingPolicy,
  type WrittenStats,
} from './rules.js';
import * as store from './store.js';

export type MarkingScope = { cohortId: number; institutionId: number };

export const policyOf = (bp: Blueprint): MarkingPolicy => bp.marking ?? SINGLE_MARKING;

/** One written answer in the queue. */
type Entry = { attemptId: number; slotKey: string; item: string; course: string; candidate: number; state: MarkState };

function entries(deps: ExamDeps, scope: MarkingScope, bp: Blueprint): { list: Entry[]; question: (item: string) => WrittenQuestion | undefined } {
  const attempts = store.submittedExamAttempts(deps.db, scope.cohortId, bp.id);
  const pool = poolFor(deps, scope.institutionId);
  const question = (item: string) => {
    const q = pool.byKey.get(item)?.question;
    return q?.type === 'written' ? q : undefined;
  };
  const marks = store.marksOf(
    deps.db,
    attempts.map((a) => a.id),
  );
  const policy = policyOf(bp);
  const list: Entry[] = [];
  attempts.forEach((a, i) => {
    for (const s of a.result.slots) {
      // A blank answer scored 0 at submission: there is nothing to mark.
      if (s.type !== 'written' || s.blank) continue;
      const q = question(s.item);
      if (!q) continue;
      list.push({
        attemptId: a.id,
        slotKey: s.key,
        item: s.item,
        course: s.course,
        candidate: i + 1,
        state: markState(marks.get(`${a.id} ${s.key}`) ?? [], policy, q.points),
      });
    }
  });
  return { list, question };
}

export type QueueRow = {
  item: string;
  course: string;
  title: string;
  answers: number;
  final: number;
  forMe: number;
  disputed: number;
  points: number;
  /** The marking so far: final marks' mean and spread, criterion means, each marker's mean (named: markers are staff). */
  stats: WrittenStats;
  criteria: string[];
  markerNames: Map<number, string>;
};

/** The exam's written questions with how many answers are marked, and how many this marker can mark now. */
export function markingQueue(deps: ExamDeps, scope: MarkingScope, bp: Blueprint, markerId: number): QueueRow[] {
  const { list, question } = entries(deps, scope, bp);
  const byItem = new Map<string, Entry[]>();
  for (const e of list) byItem.set(e.item, [...(byItem.get(e.item) ?? []), e]);
  const rows = [...byItem].map(([item, es]) => {
    const q = question(item)!;
    const stats = writtenStats(
      es.map((e) => e.state),
      q.rubric.length,
    );
    return {
      item,
      course: es[0]!.course,
      title: q.topic ?? q.id,
      answers: es.length,
      final: es.filter((e) => e.state.stage === 'final').length,
      forMe: es.filter((e) => mayMark(e.state, markerId)).length,
      disputed: es.filter((e) => e.state.stage === 'third').length,
      points: q.points,
      stats,
      criteria: q.rubric.map((c) => c.criterion),
      markerNames: new Map<number, string>(),
    };
  });
  const names = personNames(
    deps.db,
    rows.flatMap((r) => r.stats.markers.map((m) => m.markerId)),
  );
  for (const r of rows) r.markerNames = names;
  return rows;
}

export type AnswerToMark = {
  attemptId: number;
  slotKey: string;
  candidate: number;
  answer: string;
  question: WrittenQuestion;
  stage: 'first' | 'second' | 'third';
  /** Left for this marker on this question, this one included. */
  left: number;
};

/** The next answer to this question the marker may mark, in candidate order; null when none is left. */
export function nextAnswer(deps: ExamDeps, scope: MarkingScope, bp: Blueprint, item: string, markerId: number): AnswerToMark | null {
  const { list, question } = entries(deps, scope, bp);
  const mine = list.filter((e) => e.item === item && mayMark(e.state, markerId));
  const e = mine[0];
  if (!e || e.state.stage === 'final') return null;
  return {
    attemptId: e.attemptId,
    slotKey: e.slotKey,
    candidate: e.candidate,
    answer: store.writtenAnswerText(deps.db, e.attemptId, e.slotKey),
    question: question(e.item)!,
    stage: e.state.stage,
    left: mine.length,
  };
}

/** The rubric of a written answer of this exam in this cohort; null when there is no such answer. */
export function rubricOf(deps: ExamDeps, scope: MarkingScope, bp: Blueprint, attemptId: number, slotKey: string): WrittenQuestion['rubric'] | null {
  const { list, question } = entries(deps, scope, bp);
  const e = list.find((x) => x.attemptId === attemptId && x.slotKey === slotKey);
  return e ? question(e.item)!.rubric : null;
}

export type MarkInput = { attemptId: number; slotKey: string; levels: (number | undefined)[]; comment: string };
export type MarkOutcome =
  | { ok: true; finalised: boolean; candidate: number }
  | { ok: false; reason: 'not-found' | 'not-yours' }
  | { ok: false; reason: 'invalid'; problems: MarkProblem[] };

/**
 * Records one marker's mark, in one transaction with its audit line and — when it makes the
 * attempt's last written answer final — the attempt's graded result and the LMS hook.
 */
export function recordMark(deps: ExamDeps, scope: MarkingScope, bp: Blueprint, markerId: number, input: MarkInput, now = Date.now()): MarkOutcome {
  const { db } = deps;
  return immediate(db, (): MarkOutcome => {
    const { list, question } = entries(deps, scope, bp);
    // Only an answer of this exam in this cohort: an attempt id from elsewhere is simply not found.
    const e = list.find((x) => x.attemptId === input.attemptId && x.slotKey === input.slotKey);
    if (!e) return { ok: false, reason: 'not-found' };
    if (!mayMark(e.state, markerId)) return { ok: false, reason: 'not-yours' };
    const q = question(e.item)!;
    const checked = checkLevels(q.rubric, input.levels);
    if ('problems' in checked) return { ok: false, reason: 'invalid', problems: checked.problems };
    const comment = input.comment.trim() || null;
    if (
      !store.insertMark(db, {
        attemptId: e.attemptId,
        slotKey: e.slotKey,
        markerId,
        levels: input.levels as number[],
        total: checked.total,
        comment,
        markedAt: now,
      })
    ) {
      return { ok: false, reason: 'not-yours' };
    }
    writeAudit(
      db,
      {
        actorId: markerId,
        institutionId: scope.institutionId,
        action: 'exam.mark',
        subject: `attempt:${e.attemptId}`,
        detail: { exam: bp.id, question: e.item, slot: e.slotKey, stage: e.state.stage, levels: input.levels, total: checked.total },
      },
      now,
    );
    return { ok: true, finalised: finaliseIfMarked(deps, scope, bp, e.attemptId, now), candidate: e.candidate };
  });
}

/** Grades the attempt with its final marks once none is missing; true when that made it final. */
function finaliseIfMarked(deps: ExamDeps, scope: MarkingScope, bp: Blueprint, attemptId: number, now: number): boolean {
  const { db } = deps;
  const attempt = store.submittedExamAttempts(db, scope.cohortId, bp.id).find((a) => a.id === attemptId);
  if (!attempt || !attempt.awaiting) return false;
  const { list } = entries(deps, scope, bp);
  const marks = new Map<string, number>();
  for (const e of list) {
    if (e.attemptId !== attemptId) continue;
    if (e.state.stage !== 'final') return false;
    marks.set(e.slotKey, e.state.mark);
  }
  const pool = poolFor(deps, scope.institutionId);
  const result = gradePaper(attempt.paper, (key) => pool.byKey.get(key)?.question, store.answersByKey(db, attemptId), marks);
  if (result.awaiting) return false;
  if (!store.recordMarkedResult(db, attemptId, { score: result.score, passed: result.passed, result })) return false;
  deps.lms.onExamMarked(db, attemptId, now); // LMS hook: AGS score and xAPI passed/failed, queued in this transaction
  return true;
}

/** What the trainee sees of the marking once final: each written answer's mark and comments. */
export function markFeedback(db: Db, attemptId: number): Map<string, { comments: string[] }> {
  const out = new Map<string, { comments: string[] }>();
  for (const [key, marks] of store.marksOf(db, [attemptId])) {
    const slotKey = key.slice(key.indexOf(' ') + 1);
    out.set(slotKey, { comments: marks.map((m) => m.comment).filter((c): c is string => !!c) });
  }
  return out;
}
