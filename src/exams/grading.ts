// Grading as pure functions: the same answers and paper always give the same result, whichever
// code path (trainee, deadline, sweep) finalises the attempt.
//
// Answers are stored in the question's own terms, independent of the shuffled display order:
// single/multiple as the original option letters sorted ("AC"), true/false as "true"/"false",
// and "" for no answer (e.g. a question only flagged).
//
// Rules:
//  - single, true/false: full points if exactly right, else 0.
//  - multiple, all-or-nothing (default): full points only for exactly the key's letters.
//  - multiple, partial credit: any wrong pick scores 0; otherwise points × (right picks / key size),
//    rounded to 0.01. So "AC" for key "ACD" at 2 points scores 1.33; "AB" scores 0.
//  - a case question is the sum of its parts, each graded by its own type with the paper's rule.
//  - a written answer (主观题) scores its final mark, scaled from the rubric's total to the slot's
//    points; a blank one scores 0 at once; one not yet marked is `pending` and the attempt's
//    result is not final (`awaiting`): no score, no pass or fail until the last mark (written/).
import type { Question } from '../catalog/index.js';
import { paperSlots, type AttemptResult, type Paper, type PartType, type Scoring, type SlotResult, type Tally } from './types.js';

export type Gradable = { type: 'single' | 'multiple'; answer: string } | { type: 'truefalse'; answer: boolean };

export const round2 = (x: number) => Math.round(x * 100) / 100;

/** Upper-case, de-duplicated, sorted letters A–F. */
export function normaliseLetters(s: string): string {
  return [...new Set(s.toUpperCase().replace(/[^A-F]/g, ''))].sort().join('');
}

export function keyOf(q: Gradable): string {
  return q.type === 'truefalse' ? String(q.answer) : normaliseLetters(q.answer);
}

export function scoreSingle(key: string, given: string, points: number): number {
  return given !== '' && normaliseLetters(given) === normaliseLetters(key) ? points : 0;
}

export function scoreTrueFalse(key: boolean, given: string, points: number): number {
  return given === String(key) ? points : 0;
}

export function scoreMultiple(key: string, given: string, points: number, scoring: Scoring): number {
  const want = normaliseLetters(key);
  const got = normaliseLetters(given);
  if (got === '') return 0;
  if (got === want) return points;
  if (scoring === 'allOrNothing') return 0;
  if ([...got].some((l) => !want.includes(l))) return 0;
  return round2((points * got.length) / want.length);
}

export function scoreAnswer(q: Gradable, given: string | undefined, points: number, scoring: Scoring): number {
  const g = given ?? '';
  switch (q.type) {
    case 'single':
      return scoreSingle(q.answer, g, points);
    case 'truefalse':
      return scoreTrueFalse(q.answer, g, points);
    case 'multiple':
      return scoreMultiple(q.answer, g, points, scoring);
  }
}

/** The question (or case part) an answer slot refers to; undefined if it left the bank. */
export function slotQuestion(q: Question | undefined, partId: string | undefined): (Gradable & { type: Exclude<PartType, 'written'> }) | undefined {
  if (!q || q.type === 'written') return undefined;
  if (q.type === 'case') return q.parts.find((p) => p.id === partId);
  return q;
}

const add = (t: Record<string, Tally>, k: string, score: number, max: number) => {
  const cur = (t[k] ??= { score: 0, max: 0 });
  cur.score = round2(cur.score + score);
  cur.max = round2(cur.max + max);
};

/**
 * Grades a whole paper. `lookup` finds a question by pool key; `answers` maps slot key → answer;
 * `marks` maps a written slot's key → its final rubric total (on the question's own points).
 */
export function gradePaper(
  paper: Paper,
  lookup: (key: string) => Question | undefined,
  answers: ReadonlyMap<string, string>,
  marks: ReadonlyMap<string, number> = new Map(),
): AttemptResult {
  const slots: SlotResult[] = [];
  const withdrawn = new Set<string>();
  const awaiting: string[] = [];
  const byCourse: Record<string, Tally> = {};
  const byType: Record<string, Tally> = {};
  for (const slot of paperSlots(paper)) {
    if (slot.type === 'written') {
      const w = lookup(slot.item.key);
      if (!w || w.type !== 'written') {
        withdrawn.add(slot.item.key);
        continue;
      }
      const given = answers.get(slot.key) ?? '';
      const blank = given.trim() === '';
      const mark = marks.get(slot.key);
      if (!blank && mark === undefined) awaiting.push(slot.key);
      const score = blank || mark === undefined ? 0 : round2((Math.min(Math.max(mark, 0), w.points) * slot.points) / w.points);
      slots.push({
        key: slot.key,
        item: slot.item.key,
        course: slot.item.course,
        type: 'written',
        score,
        max: slot.points,
        ...(blank ? { blank: true as const } : {}),
        ...(!blank && mark === undefined ? { pending: true as const } : {}),
      });
      add(byCourse, slot.item.course, score, slot.points);
      add(byType, 'written', score, slot.points);
      continue;
    }
    const q = slotQuestion(lookup(slot.item.key), slot.part?.id);
    // A question removed from its bank after the paper was drawn cannot be marked fairly: void it.
    if (!q || q.type !== slot.type) {
      withdrawn.add(slot.item.key);
      continue;
    }
    const given = answers.get(slot.key) ?? '';
    const score = scoreAnswer(q, given, slot.points, paper.scoring);
    slots.push({
      key: slot.key,
      item: slot.item.key,
      course: slot.item.course,
      type: slot.item.type,
      score,
      max: slot.points,
      ...(given === '' ? { blank: true as const } : {}),
    });
    add(byCourse, slot.item.course, score, slot.points);
    add(byType, slot.item.type, score, slot.points);
  }
  const score = round2(slots.reduce((s, r) => s + r.score, 0));
  const max = round2(slots.reduce((s, r) => s + r.max, 0));
  return {
    score,
    max,
    percent: max > 0 ? round2((score / max) * 100) : 0,
    passed: awaiting.length === 0 && passes(score, max, paper.passPercent),
    byCourse,
    byType,
    slots,
    withdrawn: [...withdrawn],
    ...(awaiting.length ? { awaiting } : {}),
  };
}

/** Pass mark as a percentage of the maximum; the tolerance absorbs rounding of partial credit. */
export function passes(score: number, max: number, passPercent: number): boolean {
  return max > 0 && score * 100 >= passPercent * max - 1e-9;
}

/**
 * Items answered fully right, by item key (a case counts only if every part is right). With
 * `skipBlank`, unanswered slots are left out, and an item with no answered slot is not listed.
 */
export function itemOutcomes(result: Pick<AttemptResult, 'slots'>, opts: { skipBlank?: boolean } = {}): Map<string, { course: string; right: boolean }> {
  const out = new Map<string, { course: string; right: boolean }>();
  for (const s of result.slots) {
    if (opts.skipBlank && s.blank) continue;
    // A written answer is not right or wrong: the 错题本 and its practice keep to choice questions.
    if (s.type === 'written') continue;
    const prev = out.get(s.item);
    const right = s.score >= s.max;
    out.set(s.item, { course: s.course, right: (prev?.right ?? true) && right });
  }
  return out;
}
