// Exam analytics as pure functions: who sat what and how it went, the score distribution, and
// classical item statistics. No SQL and no HTTP here (stats-store.ts reads, analytics-routes.tsx
// serves), so every number on the instructors' pages can be checked by hand in a test.
//
// Definitions
//  - facility index (难度系数 P): the mean of score ÷ max over the attempts whose paper held the
//    question. For all-or-nothing questions that is the proportion who got it right; with partial
//    credit a half-right answer counts half. 0 = nobody right, 1 = everybody right.
//  - discrimination index: the corrected item–rest correlation, i.e. Pearson's r between the
//    question's score ÷ max and the rest of the paper's score ÷ max (the attempt's total with this
//    question taken out). With 0/1 item scores this is the point-biserial coefficient.
//    Chosen over "upper 27% minus lower 27%" because papers are drawn at random: each question is
//    seen by a different subset of trainees, and splitting an already small subset into thirds
//    throws away almost half of it, while a correlation uses every attempt that saw the question.
//    It also takes partial credit as it is, and leaving the question out of the total keeps it from
//    correlating with itself (which inflates the index a lot on short papers).
//    Below MIN_DISCRIMINATION_N attempts, or when every attempt scored the same, it is not given.
//  - option distribution: how many attempts picked each ORIGINAL option letter (answers are stored
//    in the question's own letters, whatever order the trainee saw), or 正确/错误 for true/false.
import type { AttemptResult, SlotResult } from './types.js';

/** Fewer attempts than this give a correlation too noisy to act on: shown as "n too small". */
export const MIN_DISCRIMINATION_N = 10;

export const round = (x: number, digits = 2) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

// --- attempts and trainees -------------------------------------------------------------------

export type AttemptFacts = {
  id: number;
  traineeId: number;
  status: 'open' | 'submitted';
  startedAt: number;
  deadlineAt: number | null;
  submittedAt: number | null;
  score: number | null;
  maxScore: number | null;
  passed: boolean | null;
};

export type Submitted<T extends AttemptFacts = AttemptFacts> = T & { status: 'submitted'; submittedAt: number; score: number; maxScore: number };

export const isSubmitted = <T extends AttemptFacts>(a: T): a is Submitted<T> =>
  a.status === 'submitted' && a.submittedAt !== null && a.score !== null && a.maxScore !== null;

/** Score as a percentage of the attempt's own maximum (papers differ when a question was withdrawn). */
export function percentOf(a: { score: number; maxScore: number }): number {
  return a.maxScore > 0 ? round((a.score / a.maxScore) * 100) : 0;
}

export type TraineeSummary<T extends AttemptFacts = AttemptFacts> = {
  traineeId: number;
  /** Submitted attempts. */
  attempts: number;
  /** An attempt still running. */
  open: T | undefined;
  /** Highest percentage; the earlier attempt wins a tie. */
  best: Submitted<T> | undefined;
  latest: Submitted<T> | undefined;
  /** Passed in any attempt; null when nothing was submitted. */
  passed: boolean | null;
  /** Of the latest attempt: from start to submission (the clock's deadline caps it). */
  timeTakenMs: number | null;
};

const byTime = (a: AttemptFacts, b: AttemptFacts) => a.startedAt - b.startedAt || a.id - b.id;

export function summariseTrainees<T extends AttemptFacts>(attempts: readonly T[]): Map<number, TraineeSummary<T>> {
  const out = new Map<number, TraineeSummary<T>>();
  for (const a of [...attempts].sort(byTime)) {
    let s = out.get(a.traineeId);
    if (!s)
      out.set(a.traineeId, (s = { traineeId: a.traineeId, attempts: 0, open: undefined, best: undefined, latest: undefined, passed: null, timeTakenMs: null }));
    if (!isSubmitted(a)) {
      if (a.status === 'open') s.open = a;
      continue;
    }
    s.attempts++;
    s.latest = a;
    if (!s.best || percentOf(a) > percentOf(s.best)) s.best = a;
    s.passed = (s.passed ?? false) || a.passed === true;
    s.timeTakenMs = timeTaken(a);
  }
  return out;
}

/** Time from start to submission; a submission by the clock or the sweep counts up to the deadline. */
export function timeTaken(a: Submitted): number {
  const end = a.deadlineAt !== null ? Math.min(a.submittedAt, a.deadlineAt) : a.submittedAt;
  return Math.max(0, end - a.startedAt);
}

/** Which attempts the distribution and item statistics count. */
export type Basis = 'first' | 'best' | 'latest' | 'all';
export const BASES: readonly Basis[] = ['first', 'best', 'latest', 'all'];
export const isBasis = (v: unknown): v is Basis => BASES.includes(v as Basis);

/**
 * One submitted attempt per trainee ('first', 'best', 'latest') or every one ('all'). 'first' is
 * the fairest for item statistics: later attempts follow a review that showed the answer key.
 */
export function selectAttempts<T extends AttemptFacts>(attempts: readonly T[], basis: Basis): Submitted<T>[] {
  const done = attempts.filter(isSubmitted).sort(byTime);
  if (basis === 'all') return done;
  const pick = new Map<number, Submitted<T>>();
  for (const a of done) {
    const cur = pick.get(a.traineeId);
    if (!cur || basis === 'latest' || (basis === 'best' && percentOf(a) > percentOf(cur))) pick.set(a.traineeId, a);
  }
  return [...pick.values()].sort(byTime);
}

// --- distribution --------------------------------------------------------------------------------

export type Bin = { from: number; to: number; count: number };

/** Percentages in bins of `width` points from 0 to 100; the last bin includes 100. */
export function histogram(percents: readonly number[], width = 10): Bin[] {
  const n = Math.ceil(100 / width);
  const bins: Bin[] = Array.from({ length: n }, (_, i) => ({ from: i * width, to: Math.min(100, (i + 1) * width), count: 0 }));
  for (const p of percents) {
    const clamped = Math.min(100, Math.max(0, p));
    bins[Math.min(n - 1, Math.floor(clamped / width))]!.count++;
  }
  return bins;
}

export type Summary = { n: number; mean: number; median: number; sd: number; min: number; max: number };

/** Mean, median, (population) standard deviation, min and max; undefined for no values. */
export function describe(values: readonly number[]): Summary | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / n;
  const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const sd = Math.sqrt(sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
  return { n, mean: round(mean), median: round(median), sd: round(sd), min: sorted[0]!, max: sorted[n - 1]! };
}

// --- item statistics -------------------------------------------------------------------------

/** Pearson's r, or null when either side does not vary (or fewer than two pairs). */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return null;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // Sums of squares this small are rounding noise around zero: nothing varies.
  if (sxx < 1e-12 || syy < 1e-12) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** One question in one attempt: its score and the rest of that attempt's paper. */
export type Observation = { score: number; max: number; restScore: number; restMax: number; answer: string };

export type DiscriminationNote = 'small' | 'flat';

export type ItemStat = {
  /** The slot key: the pool key, or `<caseKey>/<partId>` for a case part. */
  key: string;
  /** The pool key of the question (the case, for a part). */
  item: string;
  course: string;
  n: number;
  facility: number;
  discrimination: number | null;
  /** Why discrimination is missing: too few attempts, or no variation to correlate. */
  note?: DiscriminationNote;
  /** Picks per original option letter ('A'…'F') or 'true'/'false'. */
  picks: Record<string, number>;
  blanks: number;
};

export function facility(obs: readonly Pick<Observation, 'score' | 'max'>[]): number {
  if (obs.length === 0) return 0;
  return round(obs.reduce((s, o) => s + (o.max > 0 ? o.score / o.max : 0), 0) / obs.length, 3);
}

export function discrimination(obs: readonly Observation[], minN = MIN_DISCRIMINATION_N): { value: number | null; note?: DiscriminationNote } {
  if (obs.length < minN) return { value: null, note: 'small' };
  const r = pearson(
    obs.map((o) => (o.max > 0 ? o.score / o.max : 0)),
    obs.map((o) => (o.restMax > 0 ? o.restScore / o.restMax : 0)),
  );
  return r === null ? { value: null, note: 'flat' } : { value: round(r, 3) };
}

/** Counts each picked letter (a multiple-choice answer "AC" counts A and C) or true/false. */
export function optionPicks(answers: readonly string[]): { picks: Record<string, number>; blanks: number } {
  const picks: Record<string, number> = {};
  let blanks = 0;
  for (const a of answers) {
    if (a === '') blanks++;
    else if (a === 'true' || a === 'false') picks[a] = (picks[a] ?? 0) + 1;
    else for (const l of new Set(a)) picks[l] = (picks[l] ?? 0) + 1;
  }
  return { picks, blanks };
}

export type GradedAttempt = { result: Pick<AttemptResult, 'score' | 'max' | 'slots'>; answers: ReadonlyMap<string, string> };

/**
 * Statistics for every question (or case part) seen in these attempts, keyed by slot key, which
 * is the same in every paper (`<poolKey>` or `<caseKey>/<partId>`). Withdrawn questions are not
 * in a result's slots and so are left out.
 */
export function itemStatistics(attempts: readonly GradedAttempt[], minN = MIN_DISCRIMINATION_N): ItemStat[] {
  const seen = new Map<string, { item: string; course: string; obs: Observation[] }>();
  for (const { result, answers } of attempts) {
    for (const s of result.slots as SlotResult[]) {
      let entry = seen.get(s.key);
      if (!entry) seen.set(s.key, (entry = { item: s.item, course: s.course, obs: [] }));
      entry.obs.push({
        score: s.score,
        max: s.max,
        restScore: result.score - s.score,
        restMax: result.max - s.max,
        answer: s.blank ? '' : (answers.get(s.key) ?? ''),
      });
    }
  }
  return [...seen].map(([key, { item, course, obs }]) => {
    const d = discrimination(obs, minN);
    return {
      key,
      item,
      course,
      n: obs.length,
      facility: facility(obs),
      discrimination: d.value,
      ...(d.note ? { note: d.note } : {}),
      ...optionPicks(obs.map((o) => o.answer)),
    };
  });
}
