// Marking (阅卷) written answers: pure rules, no storage. A marker picks one level per rubric
// criterion; the mark is the sum of the levels picked. An answer's final mark comes from its marks
// under the blueprint's marking policy:
//  - single marking (the default): the first mark is final;
//  - second marking: two markers mark blind; when their totals differ by no more than the
//    discrepancy share of the question's points, the final mark is their mean; when they differ by
//    more, a third marker (or the institution admin) marks it and that mark is final.
import type { Criterion } from '../../catalog/index.js';

/** The longest comment a marker may leave the trainee (characters); the route refuses more. */
export const MARK_COMMENT_MAX = 2000;

export type MarkingPolicy = { second: boolean; discrepancyPercent: number };
export const SINGLE_MARKING: MarkingPolicy = Object.freeze({ second: false, discrepancyPercent: 20 });

/** One marker's mark of one answer: the points picked per criterion (in rubric order). */
export type Mark = { markerId: number; levels: readonly number[]; total: number };

export type MarkProblem = { criterion: number; message: 'missing' | 'not-a-level' } | { criterion: -1; message: 'wrong-count' };

/** Checks a marker's picks against the rubric: one existing level per criterion. Returns the total. */
export function checkLevels(rubric: readonly Criterion[], picked: readonly (number | undefined)[]): { total: number } | { problems: MarkProblem[] } {
  if (picked.length !== rubric.length) return { problems: [{ criterion: -1, message: 'wrong-count' }] };
  const problems: MarkProblem[] = [];
  rubric.forEach((c, i) => {
    const p = picked[i];
    if (p === undefined || Number.isNaN(p)) problems.push({ criterion: i, message: 'missing' });
    else if (!c.levels.some((l) => l.points === p)) problems.push({ criterion: i, message: 'not-a-level' });
  });
  if (problems.length) return { problems };
  return { total: (picked as number[]).reduce((n, p) => n + p, 0) };
}

/** Where an answer stands: who must mark it next, or its final mark (on the question's own points). */
export type MarkState =
  | { stage: 'first' }
  | { stage: 'second'; marks: readonly Mark[] }
  | { stage: 'third'; marks: readonly Mark[]; gap: number }
  | { stage: 'final'; mark: number; marks: readonly Mark[] };

/** Marks in the order they were given. */
export function markState(marks: readonly Mark[], policy: MarkingPolicy, maxPoints: number): MarkState {
  const [a, b, c] = marks;
  if (!a) return { stage: 'first' };
  if (!policy.second) return { stage: 'final', mark: a.total, marks };
  if (!b) return { stage: 'second', marks };
  const gap = Math.abs(a.total - b.total);
  // The tolerance in points, with a little room so a share written as 20% of 15 (3) is not missed by float error.
  if (gap <= (policy.discrepancyPercent / 100) * maxPoints + 1e-9) return { stage: 'final', mark: Math.round(((a.total + b.total) / 2) * 100) / 100, marks };
  if (!c) return { stage: 'third', marks, gap };
  return { stage: 'final', mark: c.total, marks };
}

/**
 * Whether this marker may mark the answer now: never twice, and under second marking the two
 * first marks come from different people (blind, independent) — a third mark too.
 */
export function mayMark(state: MarkState, markerId: number): boolean {
  if (state.stage === 'final') return false;
  if (state.stage === 'first') return true;
  return !state.marks.some((m) => m.markerId === markerId);
}

/** How one written question was marked: final marks, each criterion's mean level, each marker's mean. */
export type WrittenStats = {
  finals: number;
  mean: number | null;
  /** Population standard deviation of the final marks. */
  sd: number | null;
  /** Mean points given per criterion, over every mark (in rubric order). */
  criterionMeans: (number | null)[];
  markers: { markerId: number; marks: number; mean: number }[];
};

const round2 = (n: number) => Math.round(n * 100) / 100;

export function writtenStats(states: readonly MarkState[], criteria: number): WrittenStats {
  const finals = states.flatMap((s) => (s.stage === 'final' ? [s.mark] : []));
  const mean = finals.length ? finals.reduce((a, b) => a + b, 0) / finals.length : null;
  const sd = mean === null ? null : Math.sqrt(finals.reduce((a, b) => a + (b - mean) ** 2, 0) / finals.length);
  const all = states.flatMap((s) => (s.stage === 'first' ? [] : s.marks));
  const criterionMeans = Array.from({ length: criteria }, (_, i) => {
    const given = all.map((m) => m.levels[i]).filter((p): p is number => typeof p === 'number');
    return given.length ? round2(given.reduce((a, b) => a + b, 0) / given.length) : null;
  });
  const byMarker = new Map<number, number[]>();
  for (const m of all) byMarker.set(m.markerId, [...(byMarker.get(m.markerId) ?? []), m.total]);
  const markers = [...byMarker].map(([markerId, totals]) => ({
    markerId,
    marks: totals.length,
    mean: round2(totals.reduce((a, b) => a + b, 0) / totals.length),
  }));
  return { finals: finals.length, mean: mean === null ? null : round2(mean), sd: sd === null ? null : round2(sd), criterionMeans, markers };
}
