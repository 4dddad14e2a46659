import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/catalog.js';
import { validateCourses } from '../../src/catalog/validate.js';
import { blueprintProblems, loadBlueprints, drawnSize, examKeysForLevel, paperSize, questionCount } from '../../src/exams/blueprint.js';
import { drawPaper } from '../../src/exams/paper.js';
import { buildPool } from '../../src/exams/pool.js';
import { paperSlots } from '../../src/exams/types.js';
import { testCatalog } from '../helpers/app.js';
import { drawFixture } from '../helpers/draw-fixture.js';

// courses/blueprints.yaml is checked by `bcm validate`, including that the banks can fill it.

const GOOD = path.resolve('test/fixtures/courses-good');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bcm-bp-'));

/** The small good fixture plus a blueprints.yaml. */
async function fixtureWith(yaml: string) {
  const dir = path.join(tmp(), 'courses');
  fs.cpSync(GOOD, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'blueprints.yaml'), yaml);
  const catalog = await loadCatalog({ coursesDir: dir, cacheDir: tmp(), production: false });
  return { dir, catalog };
}

const messages = (ps: { line: number; message: string }[]) => ps.map((p) => `${p.line}: ${p.message}`);

describe('the real blueprints', () => {
  it('have no problems and can be drawn from every level’s banks', async () => {
    const catalog = await testCatalog();
    expect(blueprintProblems(catalog)).toEqual([]);
    const bps = loadBlueprints(catalog.coursesDir);
    expect(bps.list.map((b) => b.id)).toEqual(['assistant-mock', 'retail-mock', 'corporate-mock', 'senior-mock']);
    const pool = buildPool(catalog, []);
    // Items a trainee answers (a case counts its parts), by level: senior ~100 in 120 minutes and
    // the others at about the same pace (courses/blueprints.yaml's header says why).
    const items: Record<string, [number, number]> = { assistant: [45, 60], retail: [70, 82], corporate: [70, 82], senior: [95, 110] };
    for (const bp of bps.list) {
      // Every course of the level is examined.
      expect(bp.draw.map((d) => d.course).sort()).toEqual([...catalog.level(bp.level)!.courses].sort());
      expect(bp).toMatchObject({ multipleScoring: 'allOrNothing', difficulty: { easy: 30, medium: 50, hard: 20 } });
      for (const seed of ['a', 'b', 'c']) {
        const slots = paperSlots(drawPaper(bp, pool, seed));
        const written = slots.filter((s) => s.type === 'written');
        const n = slots.length - written.length;
        expect(n).toBeGreaterThanOrEqual(items[bp.level]![0]);
        expect(n).toBeLessThanOrEqual(items[bp.level]![1]);
        // Above assistant, one written case analysis worth 20–30% of the paper, with 30 minutes
        // of its own; the choice questions keep the same pace at every level.
        expect(written.length).toBe(bp.level === 'assistant' ? 0 : 1);
        if (written.length > 0) {
          const share = written[0]!.points / slots.reduce((sum, s) => sum + s.points, 0);
          expect(share).toBeGreaterThanOrEqual(0.2);
          expect(share).toBeLessThanOrEqual(0.3);
        }
        const objectiveMinutes = bp.timeLimitMinutes - 30 * written.length;
        expect(objectiveMinutes / n).toBeGreaterThanOrEqual(1);
        expect(objectiveMinutes / n).toBeLessThan(1.35);
      }
      expect(questionCount(bp)).toBeLessThan(paperSlots(drawPaper(bp, pool, 'x')).length);
      // 考前须知 counts items as the paper numbers them: every draw falls inside its ranges, type by
      // type, and the drawn paper's own counts are exact.
      const size = paperSize(bp, pool);
      for (const seed of ['d', 'e', 'f', 'g']) {
        const paper = drawPaper(bp, pool, seed);
        const drawn = drawnSize(paper);
        expect(drawn.map((r) => r.type)).toEqual(size.map((r) => r.type));
        drawn.forEach((r, i) => {
          expect(r.items.min).toBe(r.items.max);
          expect(r.items.min).toBeGreaterThanOrEqual(size[i]!.items.min);
          expect(r.items.min).toBeLessThanOrEqual(size[i]!.items.max);
          expect(r.questions).toBe(size[i]!.questions);
        });
        expect(drawn.reduce((n, r) => n + r.items.min, 0)).toBe(paperSlots(paper).length);
      }
    }
  });
});

describe('bcm validate checks blueprints', () => {
  it('accepts a blueprint the banks can fill, and no file at all', async () => {
    const { catalog } = await fixtureWith(`
blueprints:
  - id: basic-mock
    level: basic
    title: { zh: 基础级模拟考试, en: Basic mock }
    timeLimitMinutes: 30
    passPercent: 60
    points: { single: 1, multiple: 2, truefalse: 1, casePart: 2 }
    draw:
      - { course: intro, single: 1, multiple: 1, truefalse: 1, case: 1 }
`);
    expect(blueprintProblems(catalog)).toEqual([]);
    expect(loadBlueprints(catalog.coursesDir).list[0]).toMatchObject({ multipleScoring: 'allOrNothing', review: { answers: true, explanations: true } });
    expect(await validateCourses(GOOD, { cacheDir: tmp() })).toEqual([]);
  });

  it('reports each mistake at its line: unknown level, foreign course, too few questions, bad fields, duplicate id', async () => {
    const { dir, catalog } = await fixtureWith(`blueprints:
  - id: basic-mock
    level: basic
    title: { zh: 基础级模拟考试, en: Basic mock }
    timeLimitMinutes: 30
    passPercent: 60
    points: { single: 1, multiple: 2, truefalse: 1, casePart: 2 }
    draw:
      - { course: intro, single: 3 }
      - { course: advanced, single: 1 }
  - id: nowhere-mock
    level: expert
    title: { zh: 无, en: None }
    timeLimitMinutes: 30
    passPercent: 60
    points: { single: 1, multiple: 2, truefalse: 1, casePart: 2 }
    draw:
      - { course: intro }
  - id: broken
    level: basic
    title: { zh: 坏, en: Broken }
    timeLimitMinutes: -5
    passPercent: 160
    points: { single: 1, multiple: 2, truefalse: 1, casePart: 2 }
    multipleScoring: sometimes
    draw: []
  - id: basic-mock
    level: basic
    title: { zh: 重复, en: Duplicate }
    timeLimitMinutes: 30
    passPercent: 60
    points: { single: 1, multiple: 2, truefalse: 1, casePart: 2 }
    draw:
      - { course: intro, single: 1 }
`);
    const problems = blueprintProblems(catalog);
    expect(problems.every((p) => p.path === path.join(dir, 'blueprints.yaml'))).toBe(true);
    expect(messages(problems)).toEqual(
      expect.arrayContaining([
        '9: blueprints[0] (basic-mock): draw[0]: asks for 3 single question(s) from intro but its bank has 1',
        '10: blueprints[0] (basic-mock): draw[1]: advanced is not a course of level basic',
        '12: blueprints[1] (nowhere-mock): level expert is not a level in programme.yaml',
        '17: blueprints[1] (nowhere-mock): draws no questions',
        '22: blueprints[2].timeLimitMinutes must be > 0, got -5',
        '23: blueprints[2].passPercent must be ≤ 100, got 160',
        expect.stringMatching(/^25: blueprints\[2\]\.multipleScoring must be one of "allOrNothing", "partial"/),
        '26: blueprints[2].draw needs at least 1 item(s)',
        '27: blueprints[3].id: basic-mock is used twice',
      ]),
    );
    // The same problems come out of `bcm validate` for the folder.
    const all = await validateCourses(dir, { cacheDir: tmp() });
    expect(all.filter((p) => p.path.endsWith('blueprints.yaml'))).toHaveLength(problems.length);
  });

  it('counts only questions of written lessons: an outline lesson’s questions cannot fill a paper', async () => {
    // Lesson 02 is an outline and holds the bank's only multiple-choice and case questions.
    const { dir, catalog } = await drawFixture(
      [
        { slug: '01-a', status: 'full' },
        { slug: '02-b', status: 'outline' },
      ],
      [
        { lesson: '01-a', type: 'single', difficulty: 1, n: 2 },
        { lesson: '02-b', type: 'single', difficulty: 1, n: 3 },
        { lesson: '02-b', type: 'multiple', difficulty: 3, n: 2 },
        { lesson: '02-b', type: 'case', difficulty: 5, n: 1 },
      ],
    );
    fs.writeFileSync(
      path.join(dir, 'blueprints.yaml'),
      `blueprints:
  - id: basic-mock
    level: basic
    title: { zh: 基础级模拟考试, en: Basic mock }
    timeLimitMinutes: 30
    passPercent: 60
    points: { single: 1, multiple: 2, truefalse: 1, casePart: 2 }
    draw:
      - { course: intro, single: 2, multiple: 1, case: 1 }
`,
    );
    expect(messages(blueprintProblems(catalog))).toEqual([
      '9: blueprints[0] (basic-mock): draw[0]: asks for 1 multiple question(s) from intro but its bank has 0 in written lessons (2 more belong to outline lessons, which are never drawn)',
      '9: blueprints[0] (basic-mock): draw[0]: asks for 1 case question(s) from intro but its bank has 0 in written lessons (1 more belong to outline lessons, which are never drawn)',
    ]);
  });

  it('reports a difficulty band the mix asks for that the course does not hold at all', async () => {
    const { dir, catalog } = await drawFixture(
      [
        { slug: '01-a', status: 'full' },
        { slug: '02-b', status: 'outline' },
      ],
      [
        { lesson: '01-a', type: 'single', difficulty: 1, n: 3 },
        { lesson: '01-a', type: 'single', difficulty: 3, n: 3 },
        { lesson: '02-b', type: 'single', difficulty: 5, n: 3 }, // hard, but in an outline lesson
        { lesson: '01-a', type: 'case', difficulty: 5, n: 1 },
      ],
    );
    const bp = (rule: string, mix = '{ easy: 30, medium: 50, hard: 20 }') => `blueprints:
  - id: basic-mock
    level: basic
    title: { zh: 基础级模拟考试, en: Basic mock }
    timeLimitMinutes: 30
    passPercent: 60
    points: { single: 1, multiple: 2, truefalse: 1, casePart: 2 }
    difficulty: ${mix}
    draw:
      - ${rule}
`;
    fs.writeFileSync(path.join(dir, 'blueprints.yaml'), bp('{ course: intro, single: 4 }'));
    expect(messages(blueprintProblems(catalog))).toEqual([
      '8: blueprints[0] (basic-mock): draw[0]: the mix asks for 20% hard but intro has no hard question of the types drawn',
    ]);
    // A hard case among the drawn types answers it; so does a mix without hard questions.
    fs.writeFileSync(path.join(dir, 'blueprints.yaml'), bp('{ course: intro, single: 4, case: 1 }'));
    expect(blueprintProblems(catalog)).toEqual([]);
    fs.writeFileSync(path.join(dir, 'blueprints.yaml'), bp('{ course: intro, single: 4 }', '{ easy: 40, medium: 60 }'));
    expect(blueprintProblems(catalog)).toEqual([]);
    // A rule's own mix is reported at the rule.
    fs.writeFileSync(path.join(dir, 'blueprints.yaml'), bp('{ course: intro, single: 4, difficulty: { hard: 100 } }'));
    expect(messages(blueprintProblems(catalog))).toEqual([
      '10: blueprints[0] (basic-mock): draw[0]: the mix asks for 100% hard but intro has no hard question of the types drawn',
    ]);
  });

  it('checks difficulty mixes and the spread setting', async () => {
    const { catalog } = await fixtureWith(`blueprints:
  - id: basic-mock
    level: basic
    title: { zh: 基础级模拟考试, en: Basic mock }
    timeLimitMinutes: 30
    passPercent: 60
    points: { single: 1, multiple: 2, truefalse: 1, casePart: 2 }
    difficulty: { easy: 30, medium: 50, hard: 30 }
    draw:
      - { course: intro, single: 1, spread: sideways, difficulty: { easy: 100, tricky: 0 } }
      - { course: advanced, single: 1, difficulty: { medium: 100 } }
`);
    expect(messages(blueprintProblems(catalog))).toEqual(
      expect.arrayContaining([
        '8: blueprints[0].difficulty: easy + medium + hard must add up to 100',
        expect.stringMatching(/^10: blueprints\[0\]\.draw\[0\]\.spread must be one of "lessons", "none"/),
        expect.stringMatching(/^10: blueprints\[0\]\.draw\[0\]\.difficulty.*tricky/),
      ]),
    );
    expect(messages(blueprintProblems(catalog)).some((m) => m.startsWith('11:'))).toBe(false); // missing bands count as 0
  });

  it('draws written questions (主观题) only from a bank that has them', async () => {
    const { catalog } = await fixtureWith(`blueprints:
  - id: basic-mock
    level: basic
    title: { zh: 基础级模拟考试, en: Basic mock }
    timeLimitMinutes: 30
    passPercent: 60
    points: { single: 1, multiple: 2, truefalse: 1, casePart: 2, written: 10 }
    draw:
      - { course: intro, single: 1, written: 1 }
`);
    expect(messages(blueprintProblems(catalog))).toEqual([
      expect.stringMatching(/^9: blueprints\[0\] \(basic-mock\): draw\[0\]: asks for 1 written question\(s\) from intro but its bank has 0$/),
    ]);
  });

  it('reports YAML syntax errors and a missing list', async () => {
    const { catalog: a } = await fixtureWith('blueprints: [\n');
    expect(blueprintProblems(a)[0]!.message).toMatch(/^YAML:/);
    const { catalog: b } = await fixtureWith('exams: []\n');
    expect(messages(blueprintProblems(b)).join('\n')).toMatch(/blueprints is required|unknown field/);
  });
});

describe('exam keys by level', () => {
  it('names the blueprints of a level (what the certificate asks for)', async () => {
    const catalog = await testCatalog();
    expect(examKeysForLevel(loadBlueprints(catalog.coursesDir), 'senior')).toEqual(['senior-mock']);
    expect(examKeysForLevel(loadBlueprints(catalog.coursesDir), 'nope')).toEqual([]);
  });
});
