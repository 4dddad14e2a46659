import { beforeAll, describe, expect, it } from 'vitest';
import { testCatalog } from '../helpers/app.js';
import type { Catalog } from '../../src/catalog/catalog.js';
import { blueprintSchema, loadBlueprints, type Blueprint } from '../../src/exams/blueprint.js';
import { drawPaper, drawPractice, PoolTooSmall } from '../../src/exams/paper.js';
import { buildPool, type Pool } from '../../src/exams/pool.js';
import { permutation, sample, seededRng, shuffled } from '../../src/exams/prng.js';
import { paperSlots, type Paper } from '../../src/exams/types.js';
import { rememberPaper } from '../../src/exams/paper-cache.js';
import type { ExamsRuntime } from '../../src/exams/runtime.js';

// Drawing papers: reproducible from the seed, the blueprint's counts, shuffled sections and options.

let catalog: Catalog;
let pool: Pool;
let assistant: Blueprint;
beforeAll(async () => {
  catalog = await testCatalog();
  pool = buildPool(catalog, []);
  assistant = loadBlueprints(catalog.coursesDir).byId.get('assistant-mock')!;
});

const counts = (paper: Paper) => {
  const out: Record<string, number> = {};
  for (const i of paper.items) out[`${i.course}:${i.type}`] = (out[`${i.course}:${i.type}`] ?? 0) + 1;
  return out;
};

describe('seeded PRNG', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = seededRng('seed-1');
    const b = seededRng('seed-1');
    const c = seededRng('seed-2');
    const xs = Array.from({ length: 20 }, () => a());
    expect(Array.from({ length: 20 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 20 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('shuffles into a permutation, and every position is reachable', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const p = permutation(4, seededRng(`p${i}`));
      expect([...p].sort()).toEqual([0, 1, 2, 3]);
      seen.add(p.join(''));
    }
    expect(seen.size).toBe(24); // all 4! orders turn up
    expect(shuffled([1, 2, 3], seededRng('x')).sort()).toEqual([1, 2, 3]);
  });

  it('samples distinct items, never more than there are', () => {
    const s = sample([1, 2, 3, 4, 5, 6, 7, 8], 5, seededRng('s'));
    expect(new Set(s).size).toBe(5);
    expect(sample([1, 2], 5, seededRng('s'))).toHaveLength(2);
  });

  it('is roughly uniform (no option position favoured)', () => {
    const firsts = [0, 0, 0, 0];
    const rng = seededRng('uniform');
    for (let i = 0; i < 8000; i++) firsts[permutation(4, rng)[0]!]++;
    for (const n of firsts) {
      expect(n).toBeGreaterThan(1800);
      expect(n).toBeLessThan(2200);
    }
  });
});

describe('drawing a paper from a blueprint', () => {
  it('is reproducible: same seed and pool give the same paper, another seed another paper', () => {
    const p1 = drawPaper(assistant, pool, 'abc123');
    const p2 = drawPaper(assistant, buildPool(catalog, []), 'abc123');
    expect(p2).toEqual(p1);
    const p3 = drawPaper(assistant, pool, 'abc124');
    expect(p3.items.map((i) => i.key)).not.toEqual(p1.items.map((i) => i.key));
  });

  it('is cached as the same paper a reload from the database gives, with its slots by key', () => {
    const paper = drawPaper(assistant, pool, 'cached');
    const deps = { db: undefined as never, exams: { papers: new Map() } as unknown as ExamsRuntime };
    rememberPaper(deps, 7, paper);
    const kept = deps.exams.papers.get(7)!;
    expect(kept.paper).toEqual(JSON.parse(JSON.stringify(paper)));
    expect([...kept.slots.keys()]).toEqual(paperSlots(paper).map((s) => s.key));
  });

  it('draws exactly the blueprint counts per course and type, without repeats', () => {
    const paper = drawPaper(assistant, pool, 'counts');
    const want: Record<string, number> = {};
    for (const r of assistant.draw) for (const type of ['single', 'multiple', 'truefalse', 'case'] as const) if (r[type]) want[`${r.course}:${type}`] = r[type];
    expect(counts(paper)).toEqual(want);
    expect(new Set(paper.items.map((i) => i.key)).size).toBe(paper.items.length);
  });

  it('orders sections by type and mixes courses within a section', () => {
    const paper = drawPaper(assistant, pool, 'sections');
    const types = paper.items.map((i) => i.type);
    expect(types).toEqual(
      [...types].sort((a, b) => ['single', 'multiple', 'truefalse', 'case'].indexOf(a) - ['single', 'multiple', 'truefalse', 'case'].indexOf(b)),
    );
    const singles = paper.items.filter((i) => i.type === 'single').map((i) => i.course);
    // Not grouped by course: the course changes more than twice along the single-choice section.
    expect(singles.filter((c, i) => i > 0 && c !== singles[i - 1]).length).toBeGreaterThan(2);
  });

  it('shuffles options of choice questions and of case parts, but keeps 正确/错误 and part order', () => {
    const paper = drawPaper(assistant, pool, 'options');
    let moved = 0;
    for (const slot of paperSlots(paper)) {
      const q = pool.byKey.get(slot.item.key)!.question;
      const part = q.type === 'case' ? q.parts.find((p) => p.id === slot.part!.id)! : q;
      if (part.type === 'truefalse' || part.type === 'written') {
        expect(slot.order).toBeUndefined();
        continue;
      }
      expect([...slot.order!].sort()).toEqual(part.options.map((_, i) => i));
      if (slot.order!.some((v, i) => v !== i)) moved++;
    }
    expect(moved).toBeGreaterThan(30);
    const c = paper.items.find((i) => i.type === 'case')!;
    const q = pool.byKey.get(c.key)!.question;
    expect(c.parts!.map((p) => p.id)).toEqual(q.type === 'case' ? q.parts.map((p) => p.id) : []);
    expect(c.parts!.some((p) => p.order && p.order.some((v, i) => v !== i))).toBe(true);
  });

  it('records points per type and the scoring rules in the paper', () => {
    const paper = drawPaper(assistant, pool, 'points');
    expect(paper.items.find((i) => i.type === 'multiple')!.points).toBe(assistant.points.multiple);
    expect(paper.items.find((i) => i.type === 'case')!.parts!.every((p) => p.points === assistant.points.casePart)).toBe(true);
    expect(paper).toMatchObject({ scoring: 'allOrNothing', passPercent: 60, review: { answers: true, explanations: true } });
  });

  it('draws every real level blueprint from the real banks', () => {
    for (const bp of loadBlueprints(catalog.coursesDir).list) expect(() => drawPaper(bp, pool, bp.id)).not.toThrow();
    expect(
      loadBlueprints(catalog.coursesDir)
        .list.map((b) => b.level)
        .sort(),
    ).toEqual(['assistant', 'corporate', 'retail', 'senior']);
  });

  it('refuses a blueprint the pool cannot satisfy instead of handing out a short paper', () => {
    const greedy = blueprintSchema.parse({ ...assistant, draw: [{ course: 'bcm-intro', case: pool.candidates('bcm-intro', 'case').length + 1 }] }) as Blueprint;
    expect(() => drawPaper(greedy, pool, 'x')).toThrow(PoolTooSmall);
  });

  it('adds an institution’s imported questions to its pool only', () => {
    const imported = buildPool(catalog, [
      {
        courseSlug: 'bcm-intro',
        questionId: 'A01-1',
        data: {
          id: 'A01-1',
          type: 'truefalse',
          stem: '导入的判断题',
          answer: true,
          explanation: '因为',
          difficulty: 1,
          lesson: '01-role-and-duties',
          topic: 't',
        },
      },
      { courseSlug: 'bcm-intro', questionId: 'BAD', data: { id: 'BAD', type: 'single' } },
    ]);
    expect(imported.byKey.get('imp:A01-1')?.question.stem).toBe('导入的判断题');
    expect(imported.candidates('bcm-intro', 'truefalse').length).toBe(pool.candidates('bcm-intro', 'truefalse').length + 1);
    expect(imported.rejected).toBe(1);
    expect(pool.byKey.has('imp:A01-1')).toBe(false);
  });
});

describe('practice papers', () => {
  it('draws up to ten questions of one course, reproducibly', () => {
    const a = drawPractice(pool.course('retail-risk'), 'p');
    expect(a.items).toHaveLength(10);
    expect(a.items.every((i) => i.course === 'retail-risk')).toBe(true);
    expect(drawPractice(pool.course('retail-risk'), 'p')).toEqual(a);
    expect(drawPractice(pool.course('retail-risk').slice(0, 3), 'p').items).toHaveLength(3);
  });
});
