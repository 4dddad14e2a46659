// Drawing papers. Everything random comes from the attempt's seed, consumed in a fixed order
// (blueprint order, then type order, then each item's options), so the same seed, the same pool and
// the same earlier attempts give the same paper. Which questions of a course and type are chosen —
// lessons, difficulty mix, exposure — is selection.ts. The paper is stored on the attempt anyway,
// so later bank edits don't move it.
import { mixFor, type Blueprint } from './blueprint.js';
import type { Pool, PoolQuestion } from './pool.js';
import { permutation, sample, seededRng, shuffled, type Rng } from './prng.js';
import { chooseQuestions, emptyLoad, type Exposure } from './selection.js';
import { TYPE_ORDER, type Paper, type PaperItem, type QuestionType, type ReviewRule, type Scoring } from './types.js';

/** `written` unset: each written question carries its own points (its rubric's total). */
export type Points = { single: number; multiple: number; truefalse: number; casePart: number; written?: number };

/** A blueprint asks for more questions than the institution's pool holds. */
export class PoolTooSmall extends Error {
  constructor(
    readonly course: string,
    readonly type: QuestionType,
    readonly want: number,
    readonly have: number,
  ) {
    super(`pool has ${have} drawable ${type} question(s) in ${course}, blueprint needs ${want}`);
  }
}

export function itemFor(pq: PoolQuestion, points: Points, rng: Rng): PaperItem {
  const q = pq.question;
  const base = { key: pq.key, course: pq.course, type: q.type };
  switch (q.type) {
    case 'single':
    case 'multiple':
      return { ...base, points: points[q.type], order: permutation(q.options.length, rng) };
    case 'truefalse':
      // 正确/错误 keep their usual order: shuffling two fixed words only confuses.
      return { ...base, points: points.truefalse };
    case 'case':
      // Sub-questions keep their order (they often build on each other); their options shuffle.
      return {
        ...base,
        points: 0,
        parts: q.parts.map((part) => ({
          id: part.id,
          type: part.type,
          points: points.casePart,
          ...(part.type === 'truefalse' ? {} : { order: permutation(part.options.length, rng) }),
        })),
      };
    case 'written':
      return { ...base, points: points.written ?? q.points };
  }
}

/** Sections by type (单选, 多选, 判断, 案例), each shuffled, every option list shuffled. */
function arrange(chosen: Record<QuestionType, PoolQuestion[]>, points: Points, rng: Rng): PaperItem[] {
  const items: PaperItem[] = [];
  for (const type of TYPE_ORDER) for (const pq of shuffled(chosen[type], rng)) items.push(itemFor(pq, points, rng));
  return items;
}

const emptyByType = (): Record<QuestionType, PoolQuestion[]> => ({ single: [], multiple: [], truefalse: [], case: [], written: [] });

/** `exposure`: the trainee's earlier attempts of this blueprint (earlierExposure in attempts.ts). */
export function drawPaper(bp: Blueprint, pool: Pool, seed: string, exposure?: Exposure): Paper {
  const rng = seededRng(seed);
  const chosen = emptyByType();
  for (const rule of bp.draw) {
    const load = emptyLoad();
    const opts = { mix: mixFor(bp, rule), spread: rule.spread === 'lessons', exposure, lessonOf: pool.lessonOf };
    for (const type of TYPE_ORDER) {
      const want = rule[type];
      if (want === 0) continue;
      const candidates = pool.candidates(rule.course, type);
      // Refuse rather than hand out a shorter paper than everyone else's.
      if (candidates.length < want) throw new PoolTooSmall(rule.course, type, want, candidates.length);
      chosen[type].push(...chooseQuestions(candidates, want, load, opts, rng));
    }
  }
  return { v: 1, items: arrange(chosen, bp.points, rng), scoring: bp.multipleScoring, passPercent: bp.passPercent, review: bp.review };
}

export const PRACTICE_SIZE = 10;
export const PRACTICE_RULES: { points: Points; scoring: Scoring; passPercent: number; review: ReviewRule } = {
  points: { single: 1, multiple: 2, truefalse: 1, casePart: 2 },
  scoring: 'allOrNothing',
  passPercent: 60,
  review: { answers: true, explanations: true },
};

/** A practice run: up to `size` questions drawn from the given candidates (a course, or the 错题本). */
export function drawPractice(candidates: readonly PoolQuestion[], seed: string, size = PRACTICE_SIZE): Paper {
  const rng = seededRng(seed);
  const chosen = emptyByType();
  const objective = candidates.filter((pq) => pq.question.type !== 'written');
  for (const pq of sample(objective, size, rng)) chosen[pq.question.type].push(pq);
  const r = PRACTICE_RULES;
  return { v: 1, items: arrange(chosen, r.points, rng), scoring: r.scoring, passPercent: r.passPercent, review: r.review };
}
