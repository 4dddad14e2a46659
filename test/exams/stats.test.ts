import { describe, expect, it } from 'vitest';
import {
  describe as summary,
  discrimination,
  facility,
  histogram,
  itemStatistics,
  optionPicks,
  pearson,
  percentOf,
  selectAttempts,
  summariseTrainees,
  timeTaken,
  type AttemptFacts,
  type GradedAttempt,
  type Observation,
} from '../../src/exams/stats.js';
import type { SlotResult } from '../../src/exams/types.js';

// Exam analytics on examples small enough to work out by hand (the working is in the comments).

const MIN = 60_000;

function attempt(id: number, traineeId: number, startedAt: number, score: number | null, opts: Partial<AttemptFacts> = {}): AttemptFacts {
  const submitted = score !== null;
  return {
    id,
    traineeId,
    status: submitted ? 'submitted' : 'open',
    startedAt,
    deadlineAt: startedAt + 60 * MIN,
    submittedAt: submitted ? startedAt + 30 * MIN : null,
    score,
    maxScore: submitted ? 50 : null,
    passed: submitted ? score! >= 30 : null,
    ...opts,
  };
}

describe('trainees and attempts', () => {
  // Trainee 1: 20/50 (40%), then 40/50 (80%), then 30/50 (60%), and one running now. Trainee 2: running only.
  const attempts = [attempt(3, 1, 3000, 30), attempt(1, 1, 1000, 20), attempt(2, 1, 2000, 40), attempt(4, 1, 4000, null), attempt(5, 2, 1500, null)];

  it('summarises attempts, best, latest, pass and time taken per trainee', () => {
    const s = summariseTrainees(attempts);
    const one = s.get(1)!;
    expect(one.attempts).toBe(3);
    expect(one.best?.id).toBe(2);
    expect(one.latest?.id).toBe(3);
    expect(one.passed).toBe(true);
    expect(one.open?.id).toBe(4);
    expect(one.timeTakenMs).toBe(30 * MIN);
    const two = s.get(2)!;
    expect(two).toMatchObject({ attempts: 0, best: undefined, latest: undefined, passed: null, timeTakenMs: null });
    expect(two.open?.id).toBe(5);
  });

  it('keeps the earlier attempt when two are equally good, and reports a fail when none passed', () => {
    const s = summariseTrainees([attempt(1, 7, 1000, 10), attempt(2, 7, 2000, 10)]).get(7)!;
    expect(s.best?.id).toBe(1);
    expect(s.passed).toBe(false);
  });

  it('counts time up to the deadline for a paper the sweep closed later', () => {
    const late = { ...attempt(1, 1, 0, 10), submittedAt: 75 * MIN } as Parameters<typeof timeTaken>[0];
    expect(timeTaken(late)).toBe(60 * MIN);
  });

  it('selects first, best, latest or all submitted attempts, never a running one', () => {
    const ids = (basis: 'first' | 'best' | 'latest' | 'all') => selectAttempts(attempts, basis).map((a) => a.id);
    expect(ids('first')).toEqual([1]);
    expect(ids('best')).toEqual([2]);
    expect(ids('latest')).toEqual([3]);
    expect(ids('all')).toEqual([1, 2, 3]);
  });

  it('takes percentages against each attempt’s own maximum', () => {
    expect(percentOf({ score: 37, maxScore: 48 })).toBe(77.08); // a withdrawn 2-point question left 48
    expect(percentOf({ score: 0, maxScore: 0 })).toBe(0);
  });
});

describe('score distribution', () => {
  it('puts percentages in ten-point bins, 100 in the last', () => {
    const bins = histogram([0, 9.99, 10, 55, 100, 100]);
    expect(bins).toHaveLength(10);
    expect(bins.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(bins[9]).toEqual({ from: 90, to: 100, count: 2 });
  });

  it('describes the spread', () => {
    // mean (50+70+90+60)/4 = 67.5; median (60+70)/2 = 65; sd = √((17.5²+2.5²+22.5²+7.5²)/4) = √218.75 ≈ 14.79
    expect(summary([50, 70, 90, 60])).toEqual({ n: 4, mean: 67.5, median: 65, sd: 14.79, min: 50, max: 90 });
    expect(summary([])).toBeUndefined();
  });
});

describe('facility index', () => {
  it('is the proportion right for all-or-nothing questions', () => {
    expect(facility([1, 0, 1, 1].map((score) => ({ score, max: 1 })))).toBe(0.75);
  });

  it('is mean score ÷ max with partial credit', () => {
    // (2 + 1.33 + 0 + 2) / 4 / 2 = 0.66625
    expect(facility([2, 1.33, 0, 2].map((score) => ({ score, max: 2 })))).toBe(0.666);
  });
});

describe('discrimination index', () => {
  it('is Pearson’s r', () => {
    // x̄ = .5, ȳ = .55; Σdxdy = .5, Σdx² = 1, Σdy² = .29 → r = .5/√.29 ≈ .9285
    expect(pearson([1, 0, 1, 0], [0.9, 0.2, 0.7, 0.4])).toBeCloseTo(0.9285, 4);
    expect(pearson([1, 1, 1], [0.2, 0.5, 0.9])).toBeNull();
  });

  // Ten attempts: question Q (1 point) and the rest of the paper R (4 points).
  const q = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
  const r = [4, 3, 4, 2, 3, 1, 2, 0, 1, 2];
  const obs = (qs: number[], rs: number[]): Observation[] =>
    qs.map((score, i) => ({ score, max: 1, restScore: rs[i]!, restMax: 4, answer: score ? 'A' : 'B' }));

  it('correlates the question with the rest of the paper (point-biserial for right/wrong)', () => {
    // Rest as fractions: right group mean .8, wrong group mean .3, population sd √.0975 ≈ .31225,
    // p = q = .5: r_pb = (.8 − .3) / .31225 × √(.5 × .5) ≈ .8006
    expect(discrimination(obs(q, r)).value).toBe(0.801);
  });

  it('is negative for a question the weaker trainees get right', () => {
    expect(
      discrimination(
        obs(
          q.map((x) => 1 - x),
          r,
        ),
      ).value,
    ).toBe(-0.801);
  });

  it('says "n too small" below ten answers, and "no spread" when everyone scored alike', () => {
    expect(discrimination(obs(q.slice(0, 9), r.slice(0, 9)))).toEqual({ value: null, note: 'small' });
    expect(
      discrimination(
        obs(
          q.map(() => 1),
          r,
        ),
      ),
    ).toEqual({ value: null, note: 'flat' });
  });

  it('leaves the question out of the total it is correlated with', () => {
    // Built from whole results: Q's rest is the total minus Q, so R's numbers come back exactly.
    const slot = (key: string, score: number, max: number): SlotResult => ({ key, item: key, course: 'c', type: 'single', score, max });
    const attempts: GradedAttempt[] = q.map((qs, i) => ({
      result: { score: qs + r[i]!, max: 5, slots: [slot('Q', qs, 1), slot('R', r[i]!, 4)] },
      answers: new Map([['Q', qs ? 'A' : 'B']]),
    }));
    const stats = itemStatistics(attempts);
    const Q = stats.find((s) => s.key === 'Q')!;
    expect(Q).toMatchObject({ n: 10, facility: 0.5, discrimination: 0.801, picks: { A: 5, B: 5 }, blanks: 0 });
  });
});

describe('option distribution', () => {
  it('counts each original letter picked, true/false, and blanks', () => {
    expect(optionPicks(['AC', 'A', '', 'CD', 'true', 'false', 'true'])).toEqual({ picks: { A: 2, C: 2, D: 1, true: 2, false: 1 }, blanks: 1 });
  });

  it('counts case parts on their own, with blanks from the result rather than the stored row', () => {
    const part = (key: string, score: number, blank?: true): SlotResult => ({
      key,
      item: 'CASE-1',
      course: 'c',
      type: 'case',
      score,
      max: 2,
      ...(blank ? { blank } : {}),
    });
    const attempts: GradedAttempt[] = [
      {
        result: { score: 2, max: 4, slots: [part('CASE-1/a', 2), part('CASE-1/b', 0, true)] },
        answers: new Map([
          ['CASE-1/a', 'B'],
          ['CASE-1/b', ''],
        ]),
      },
      {
        result: { score: 4, max: 4, slots: [part('CASE-1/a', 2), part('CASE-1/b', 2)] },
        answers: new Map([
          ['CASE-1/a', 'B'],
          ['CASE-1/b', 'true'],
        ]),
      },
    ];
    const stats = itemStatistics(attempts);
    expect(stats.map((s) => [s.key, s.item, s.facility, s.picks, s.blanks])).toEqual([
      ['CASE-1/a', 'CASE-1', 1, { B: 2 }, 0],
      ['CASE-1/b', 'CASE-1', 0.5, { true: 1 }, 1],
    ]);
    expect(stats[0]!.note).toBe('small');
  });
});
