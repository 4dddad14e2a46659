import { describe, expect, it } from 'vitest';
import { earlierExposure } from '../../src/exams/attempts.js';
import { drawPaper, drawPractice } from '../../src/exams/paper.js';
import { buildPool, type Pool } from '../../src/exams/pool.js';
import { seededRng } from '../../src/exams/prng.js';
import { bandOf, bandQuotas } from '../../src/exams/selection.js';
import type { Paper } from '../../src/exams/types.js';
import { drawFixture, introBlueprint, type LessonSpec, type QuestionSpec } from '../helpers/draw-fixture.js';

// Which questions a paper holds: spread over lessons, a difficulty mix with its fallback, never an
// outline lesson, fresh questions on a retake, and all of it reproducible from the seed.

const written = (...slugs: string[]): LessonSpec[] => slugs.map((slug) => ({ slug, status: 'full' }));
const SEEDS = Array.from({ length: 40 }, (_, i) => `seed-${i}`);

async function poolOf(lessons: LessonSpec[], specs: QuestionSpec[], imported: Parameters<typeof buildPool>[1] = []): Promise<Pool> {
  const { catalog } = await drawFixture(lessons, specs);
  return buildPool(catalog, imported);
}

const question = (pool: Pool, key: string) => pool.byKey.get(key)!.question;
const tally = (paper: Paper, pool: Pool, by: (q: ReturnType<typeof question>) => string) => {
  const out: Record<string, number> = {};
  for (const item of paper.items) {
    const k = by(question(pool, item.key));
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
};
const keys = (paper: Paper) => paper.items.map((i) => i.key);

describe('difficulty bands', () => {
  it('reads difficulty 1–2 as easy, 3 as medium, 4–5 as hard, as the bank rules do', () => {
    expect([1, 2, 3, 4, 5].map(bandOf)).toEqual(['easy', 'easy', 'medium', 'hard', 'hard']);
  });

  it('splits a count by the mix: exact shares as they are, fractions rounded at random in proportion', () => {
    const mix = { easy: 30, medium: 50, hard: 20 };
    for (const seed of SEEDS) expect(bandQuotas(10, mix, seededRng(seed))).toEqual({ easy: 3, medium: 5, hard: 2 });
    // One question of a type: easy, medium or hard as often as the mix says, never always medium.
    const rng = seededRng('one');
    const ones = { easy: 0, medium: 0, hard: 0 };
    for (let i = 0; i < 4000; i++) {
      const q = bandQuotas(1, mix, rng);
      expect(q.easy + q.medium + q.hard).toBe(1);
      for (const b of ['easy', 'medium', 'hard'] as const) ones[b] += q[b];
    }
    expect(ones.easy / 4000).toBeCloseTo(0.3, 1);
    expect(ones.medium / 4000).toBeCloseTo(0.5, 1);
    expect(ones.hard / 4000).toBeCloseTo(0.2, 1);
    // Any count: each band gets its share rounded down or up, and the parts add up.
    for (let n = 0; n <= 30; n++) {
      for (const seed of SEEDS.slice(0, 5)) {
        const q = bandQuotas(n, mix, seededRng(seed));
        expect(q.easy + q.medium + q.hard).toBe(n);
        for (const b of ['easy', 'medium', 'hard'] as const) expect(Math.abs(q[b] - (n * mix[b]) / 100)).toBeLessThan(1);
      }
    }
  });
});

describe('spreading a course’s picks over its lessons', () => {
  // Four written lessons with 6 single, 3 multiple and 2 true/false questions each.
  const lessons = written('01-a', '02-b', '03-c', '04-d');
  const specs = lessons.flatMap(({ slug }) => [
    { lesson: slug, type: 'single' as const, difficulty: 3, n: 6 },
    { lesson: slug, type: 'multiple' as const, difficulty: 3, n: 3 },
    { lesson: slug, type: 'truefalse' as const, difficulty: 3, n: 2 },
  ]);

  it('gives every lesson the same share by default, counted across types', async () => {
    const pool = await poolOf(lessons, specs);
    // 7 + 5 + 4 = 16 picks over 4 lessons: 4 each, though no single type divides evenly.
    const bp = introBlueprint({ single: 7, multiple: 5, truefalse: 4 });
    for (const seed of SEEDS) expect(tally(drawPaper(bp, pool, seed), pool, (q) => q.lesson)).toEqual({ '01-a': 4, '02-b': 4, '03-c': 4, '04-d': 4 });
    // Still random: the questions themselves change with the seed.
    expect(
      new Set(
        SEEDS.map((s) =>
          keys(drawPaper(bp, pool, s))
            .sort()
            .join(),
        ),
      ).size,
    ).toBeGreaterThan(30);
  });

  it('leaves lessons to chance with spread: none', async () => {
    const pool = await poolOf(lessons, specs);
    const bp = introBlueprint({ single: 7, multiple: 5, truefalse: 4, spread: 'none' });
    const uneven = SEEDS.filter((seed) => Object.values(tally(drawPaper(bp, pool, seed), pool, (q) => q.lesson)).some((n) => n !== 4));
    expect(uneven.length).toBeGreaterThan(20);
  });

  it('avoids asking one topic twice in a course while other topics remain', async () => {
    // Lesson 01's six single-choice questions share two topics; lesson 02's have their own.
    const pool = await poolOf(written('01-a', '02-b'), [
      { lesson: '01-a', type: 'single', difficulty: 3, n: 3, topic: '存款' },
      { lesson: '01-a', type: 'single', difficulty: 3, n: 3, topic: '贷款' },
      { lesson: '02-b', type: 'single', difficulty: 3, n: 6 },
    ]);
    const bp = introBlueprint({ single: 4 });
    for (const seed of SEEDS) {
      const topics = tally(drawPaper(bp, pool, seed), pool, (q) => q.topic);
      expect(topics['存款']).toBe(1);
      expect(topics['贷款']).toBe(1);
    }
  });
});

describe('the difficulty mix', () => {
  const mix = { easy: 30, medium: 50, hard: 20 };
  const bank = (easy: number, medium: number, hard: number): QuestionSpec[] => [
    { lesson: '01-a', type: 'single', difficulty: 1, n: easy },
    { lesson: '01-a', type: 'single', difficulty: 3, n: medium },
    { lesson: '01-a', type: 'single', difficulty: 5, n: hard },
  ];
  const bands = (paper: Paper, pool: Pool) => ({ easy: 0, medium: 0, hard: 0, ...tally(paper, pool, (q) => bandOf(q.difficulty)) });

  it('is met exactly when every band has enough questions, from the blueprint or the rule', async () => {
    const pool = await poolOf(written('01-a'), bank(10, 10, 10));
    for (const seed of SEEDS.slice(0, 10)) {
      expect(bands(drawPaper(introBlueprint({ single: 10 }, { difficulty: mix }), pool, seed), pool)).toEqual({ easy: 3, medium: 5, hard: 2 });
      // A rule's own mix wins over the blueprint's.
      expect(bands(drawPaper(introBlueprint({ single: 10, difficulty: { easy: 0, medium: 0, hard: 100 } }, { difficulty: mix }), pool, seed), pool)).toEqual({
        easy: 0,
        medium: 0,
        hard: 10,
      });
    }
  });

  it('falls back to the nearest band when one runs short: easy and hard to medium, medium to either side', async () => {
    const bp = introBlueprint({ single: 10 }, { difficulty: mix });
    const fewEasy = await poolOf(written('01-a'), bank(1, 10, 10));
    const fewHard = await poolOf(written('01-a'), bank(10, 10, 0));
    const fewMedium = await poolOf(written('01-a'), bank(10, 1, 10));
    const noMedium = await poolOf(written('01-a'), bank(1, 0, 10));
    for (const seed of SEEDS.slice(0, 10)) {
      expect(bands(drawPaper(bp, fewEasy, seed), fewEasy)).toEqual({ easy: 1, medium: 7, hard: 2 });
      expect(bands(drawPaper(bp, fewHard, seed), fewHard)).toEqual({ easy: 3, medium: 7, hard: 0 });
      const m = bands(drawPaper(bp, fewMedium, seed), fewMedium);
      expect(m.medium).toBe(1);
      expect(m.easy).toBeGreaterThanOrEqual(3);
      expect(m.hard).toBeGreaterThanOrEqual(2);
      // Easy short and no medium at all: what is left is hard, the paper is still full.
      expect(bands(drawPaper(bp, noMedium, seed), noMedium)).toEqual({ easy: 1, medium: 0, hard: 9 });
    }
    // Medium's shortfall goes to both sides, not always the same one.
    const easyShares = new Set(SEEDS.map((s) => bands(drawPaper(bp, fewMedium, s), fewMedium).easy));
    expect(easyShares.size).toBeGreaterThan(1);
  });
});

describe('outline lessons', () => {
  const lessons: LessonSpec[] = [...written('01-a', '02-b'), { slug: '03-c', status: 'outline' }];
  const specs: QuestionSpec[] = ['01-a', '02-b', '03-c'].flatMap((lesson) => [
    { lesson, type: 'single' as const, difficulty: 3, n: 4 },
    { lesson, type: 'truefalse' as const, difficulty: 1, n: 2 },
  ]);
  const imported = (id: string, lesson: string) => ({
    courseSlug: 'intro',
    questionId: id,
    data: { id, type: 'single', stem: `导入${id}`, options: ['甲', '乙'], answer: 'A', explanation: '解析。', difficulty: 3, lesson, topic: `导入${id}` },
  });

  it('never gives a question of an outline lesson, in a paper or in practice, but keeps it for grading', async () => {
    const pool = await poolOf(lessons, specs, [imported('X-1', '03-c'), imported('X-2', '09-renamed')]);
    const outline = [...pool.byKey.values()].filter((q) => q.question.lesson === '03-c').map((q) => q.key);
    expect(outline).toHaveLength(7); // six from the bank, one imported
    // Every drawable single-choice question: 4 + 4 written, and the import whose lesson is unknown.
    const bp = introBlueprint({ single: 9, truefalse: 4 });
    for (const seed of SEEDS) {
      const paper = drawPaper(bp, pool, seed);
      expect(keys(paper).filter((k) => outline.includes(k))).toEqual([]);
      expect(keys(paper)).toContain('imp:X-2');
      expect(keys(drawPractice(pool.course('intro'), seed)).filter((k) => outline.includes(k))).toEqual([]);
    }
    expect(pool.candidates('intro', 'single')).toHaveLength(9);
    expect(pool.outlineCount('intro', 'single')).toBe(5);
    expect(pool.outlineCount('intro', 'truefalse')).toBe(2);
    expect(() => drawPaper(introBlueprint({ single: 10 }), pool, 'x')).toThrow(/9 drawable single question\(s\) in intro, blueprint needs 10/);
  });
});

describe('exposure and reproducibility', () => {
  // 12 single choice in each of 3 lessons, mixed difficulty; a paper takes 9 with the usual mix.
  const lessons = written('01-a', '02-b', '03-c');
  const specs: QuestionSpec[] = lessons.flatMap(({ slug }) => [
    { lesson: slug, type: 'single' as const, difficulty: 1, n: 4 },
    { lesson: slug, type: 'single' as const, difficulty: 3, n: 5 },
    { lesson: slug, type: 'single' as const, difficulty: 5, n: 3 },
  ]);
  const bp = introBlueprint({ single: 9 }, { difficulty: { easy: 30, medium: 50, hard: 20 } });

  it('draws the same paper from the same seed and the same earlier attempts', async () => {
    const pool = await poolOf(lessons, specs);
    const first = drawPaper(bp, pool, 'one');
    expect(drawPaper(bp, pool, 'one')).toEqual(first);
    const seen = earlierExposure([keys(first)]);
    expect(drawPaper(bp, pool, 'two', seen)).toEqual(drawPaper(bp, pool, 'two', earlierExposure([keys(first)])));
    expect(keys(drawPaper(bp, pool, 'two'))).not.toEqual(keys(drawPaper(bp, pool, 'three')));
  });

  it('gives a retake only unseen questions while there are enough, then the least recently seen', async () => {
    const pool = await poolOf(lessons, specs);
    for (const seed of SEEDS.slice(0, 10)) {
      const first = drawPaper(bp, pool, `${seed}-1`);
      const second = drawPaper(bp, pool, `${seed}-2`, earlierExposure([keys(first)]));
      expect(keys(second).filter((k) => keys(first).includes(k))).toEqual([]);
      // Still spread over the lessons while fresh questions allow it.
      expect(Object.values(tally(second, pool, (q) => q.lesson))).toEqual([3, 3, 3]);
      const third = drawPaper(bp, pool, `${seed}-3`, earlierExposure([keys(first), keys(second)]));
      // 36 questions, 18 seen: the third paper is fresh too.
      expect(keys(third).filter((k) => keys(first).includes(k) || keys(second).includes(k))).toEqual([]);
      const fourth = drawPaper(bp, pool, `${seed}-4`, earlierExposure([keys(first), keys(second), keys(third)]));
      // 9 unseen remain: all of them, nothing seen before.
      expect(new Set([...keys(first), ...keys(second), ...keys(third), ...keys(fourth)]).size).toBe(36);
      // Nothing unseen is left: the fifth paper repeats the oldest attempt, the first.
      const fifth = drawPaper(bp, pool, `${seed}-5`, earlierExposure([keys(first), keys(second), keys(third), keys(fourth)]));
      expect([...keys(fifth)].sort()).toEqual([...keys(first)].sort());
    }
  });
});
