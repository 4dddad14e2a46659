// Exam analytics for one cohort and one blueprint: the stored facts (stats-store.ts) run through
// the pure statistics (stats.ts) and joined with the question pool, in the shapes the pages and
// exports need.
import type { ExamDeps } from './attempts.js';
import type { Blueprint } from './blueprint.js';
import { storedKey } from './answers.js';
import { poolFor } from './pool.js';
import {
  describe,
  histogram,
  itemStatistics,
  percentOf,
  selectAttempts,
  summariseTrainees,
  type AttemptFacts,
  type Basis,
  type Bin,
  type ItemStat,
  type Summary,
  type TraineeSummary,
} from './stats.js';
import {
  attemptAnswerMaps,
  attemptResults,
  cohortExamAttempts,
  cohortExamTrainees,
  extraMinutesByTrainee,
  type CohortScope,
  type TraineeRow,
} from './stats-store.js';
import { TYPE_ORDER, type PartType } from './types.js';

export type ResultRow = { trainee: TraineeRow; summary: TraineeSummary | undefined; extraMinutes: number };

/** One row per trainee of the cohort (and anyone who sat the exam in it), roster order. */
export function resultRows(deps: ExamDeps, cohort: CohortScope, examKey: string): { rows: ResultRow[]; attempts: AttemptFacts[] } {
  const attempts = cohortExamAttempts(deps.db, cohort, examKey);
  const summaries = summariseTrainees(attempts);
  const extra = extraMinutesByTrainee(deps.db, cohort, examKey);
  const rows = cohortExamTrainees(deps.db, cohort, examKey).map((trainee) => ({
    trainee,
    summary: summaries.get(trainee.id),
    extraMinutes: extra.get(trainee.id) ?? 0,
  }));
  return { rows, attempts };
}

export type Distribution = { basis: Basis; bins: Bin[]; summary: Summary | undefined; passed: number };

export function distribution(attempts: readonly AttemptFacts[], basis: Basis): Distribution {
  const counted = selectAttempts(attempts, basis);
  const percents = counted.map(percentOf);
  return { basis, bins: histogram(percents), summary: describe(percents), passed: counted.filter((a) => a.passed).length };
}

export type ItemView = ItemStat & {
  type: PartType;
  stem: string;
  /** The scenario of a case question, above its part's stem. */
  caseStem?: string;
  /** Options in their original order (A, B, …); empty for true/false. */
  options: string[];
  /** The key in stored form: letters ("AC") or "true"/"false". */
  answerKey: string;
  /** The question has left the pool since (its statistics stay; its text is gone). */
  missing?: true;
};

/**
 * Item statistics over the chosen attempts, in blueprint order (course, then type, then key).
 * Questions that have since left the pool keep their numbers but show their key only.
 */
export function itemReport(deps: ExamDeps, cohort: CohortScope, blueprint: Blueprint, basis: Basis): { items: ItemView[]; attempts: number } {
  const counted = selectAttempts(cohortExamAttempts(deps.db, cohort, blueprint.id), basis);
  const ids = counted.map((a) => a.id);
  const results = attemptResults(deps.db, cohort, blueprint.id, ids);
  const answers = attemptAnswerMaps(deps.db, cohort, blueprint.id, ids);
  const graded = ids.flatMap((id) => {
    const result = results.get(id);
    return result ? [{ result, answers: answers.get(id) ?? new Map<string, string>() }] : [];
  });
  const pool = poolFor(deps, cohort.institutionId);
  const items = itemStatistics(graded).map((stat): ItemView => {
    const question = pool.byKey.get(stat.item)?.question;
    const partId = stat.key === stat.item ? undefined : stat.key.slice(stat.item.length + 1);
    if (question?.type === 'written') return { ...stat, type: 'written', stem: question.stem, options: [], answerKey: '' };
    const part = question?.type === 'case' ? question.parts.find((p) => p.id === partId) : question;
    if (!part) return { ...stat, type: guessType(stat), stem: '', options: [], answerKey: '', missing: true };
    return {
      ...stat,
      type: part.type,
      stem: part.stem,
      ...(question?.type === 'case' ? { caseStem: question.stem } : {}),
      options: part.type === 'truefalse' ? [] : part.options,
      answerKey: storedKey(part),
    };
  });
  const courseOrder = new Map(blueprint.draw.map((d, i) => [d.course, i]));
  const rank = (i: ItemView) => [courseOrder.get(i.course) ?? 99, TYPE_ORDER.indexOf(i.caseStem !== undefined ? 'case' : i.type)] as const;
  items.sort((a, b) => {
    const [ca, ta] = rank(a);
    const [cb, tb] = rank(b);
    return ca - cb || ta - tb || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  });
  return { items, attempts: graded.length };
}

/** For a question gone from the pool, its type as its answers show it (only to lay out the picks). */
function guessType(stat: ItemStat): PartType {
  return 'true' in stat.picks || 'false' in stat.picks ? 'truefalse' : 'multiple';
}
