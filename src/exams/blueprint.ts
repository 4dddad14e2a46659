// Blueprints (组卷规则): courses/blueprints.yaml says, per level, how a mock exam is put together.
// Checked by `bcm validate` (including that the banks hold enough questions to draw every paper)
// and loaded once by the composition root (the ExamsRuntime it builds holds them); an invalid
// blueprint is left out rather than served half-right.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { issuesToProblems, problemAt, readYamlFile, type Catalog, type ParsedYaml, type Problem } from '../catalog/index.js';
import { buildPool, type Pool } from './pool.js';
import { BANDS, bandOf, type DifficultyMix } from './selection.js';
import { paperSlots, TYPE_ORDER, type Paper, type QuestionType, type ReviewRule, type Scoring } from './types.js';

export const BLUEPRINTS_FILE = 'blueprints.yaml';
/** Levels whose papers stay machine-graded (issue 15: the assistant blueprint has no written questions). */
export const OBJECTIVE_LEVELS: readonly string[] = ['assistant'];

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by -');
const count = z.number().int().min(0).default(0);
const points = z.number().positive().max(100);

const percent = z.number().int().min(0).max(100);
// Percent of the picks per band (difficulty 1–2 easy, 3 medium, 4–5 hard); applied to each type.
const mixSchema = z
  .strictObject({ easy: percent.default(0), medium: percent.default(0), hard: percent.default(0) })
  .refine((m) => m.easy + m.medium + m.hard === 100, { message: 'easy + medium + hard must add up to 100' });

const drawRuleSchema = z.strictObject({
  course: slug,
  single: count,
  multiple: count,
  truefalse: count,
  case: count,
  // Written questions (主观题), marked by hand; never at the assistant level (OBJECTIVE_LEVELS).
  written: count,
  // lessons (default): spread the course's picks evenly over its lessons; none: any lesson.
  spread: z.enum(['lessons', 'none']).default('lessons'),
  // Overrides the blueprint's mix for this course.
  difficulty: mixSchema.optional(),
});

export const blueprintSchema = z.strictObject({
  // Stored with every attempt as its exam key, so it must never be renamed once exams were sat.
  id: slug.refine((id) => !id.startsWith('practice'), 'must not start with "practice" (reserved for practice runs)'),
  level: slug,
  title: z.strictObject({ zh: z.string().min(1), en: z.string().min(1) }),
  // Fractions are allowed (a test fixture may give 0.25 minutes); real blueprints use whole minutes.
  timeLimitMinutes: z.number().positive().max(600),
  passPercent: z.number().min(0).max(100),
  // written: the same points for every written question; unset, each keeps its own (its rubric's total).
  points: z.strictObject({ single: points, multiple: points, truefalse: points, casePart: points, written: points.optional() }),
  multipleScoring: z.enum(['allOrNothing', 'partial']).default('allOrNothing'),
  // The mix every draw rule uses unless it gives its own; without one, difficulty is left to chance.
  difficulty: mixSchema.optional(),
  review: z.strictObject({ answers: z.boolean(), explanations: z.boolean() }).default({ answers: true, explanations: true }),
  // How written answers are marked: by one marker (unset), or by two blind markers with a third
  // when their totals differ by more than discrepancyPercent of the question's points.
  marking: z.strictObject({ second: z.boolean(), discrepancyPercent: percent.default(20) }).optional(),
  draw: z.array(drawRuleSchema).min(1),
});

export type DrawRule = z.infer<typeof drawRuleSchema>;
export type Blueprint = z.infer<typeof blueprintSchema> & { multipleScoring: Scoring; review: ReviewRule };

export type BlueprintFile = { file: string; blueprints: Blueprint[]; problems: Problem[]; parsed?: ParsedYaml; rawIndex: number[] };

const fileShape = z.strictObject({ blueprints: z.array(z.unknown()) });

/** Reads and checks the file's shape; each blueprint on its own so one mistake hides no other. */
export function readBlueprints(coursesDir: string): BlueprintFile {
  const file = path.join(coursesDir, BLUEPRINTS_FILE);
  // No file: the institution runs no mock exams. Not an error (fixtures and small sites).
  if (!fs.existsSync(file)) return { file, blueprints: [], problems: [], rawIndex: [] };
  const parsed = readYamlFile(file);
  if (parsed.problems.length) return { file, blueprints: [], problems: parsed.problems, parsed, rawIndex: [] };
  const shape = fileShape.safeParse(parsed.data);
  if (!shape.success) return { file, blueprints: [], problems: issuesToProblems(parsed, shape.error.issues, parsed.data), parsed, rawIndex: [] };
  const blueprints: Blueprint[] = [];
  const rawIndex: number[] = [];
  const problems: Problem[] = [];
  const ids = new Set<string>();
  shape.data.blueprints.forEach((raw, i) => {
    const bp = blueprintSchema.safeParse(raw);
    if (!bp.success) {
      problems.push(
        ...issuesToProblems(
          parsed,
          bp.error.issues.map((iss) => ({ ...iss, path: ['blueprints', i, ...iss.path] })),
          parsed.data,
        ),
      );
      return;
    }
    if (ids.has(bp.data.id)) {
      problems.push(problemAt(file, parsed.locate(['blueprints', i, 'id']), `blueprints[${i}].id: ${bp.data.id} is used twice`));
      return;
    }
    ids.add(bp.data.id);
    blueprints.push(bp.data);
    rawIndex.push(i);
  });
  return { file, blueprints, problems, parsed, rawIndex };
}

/** The difficulty mix a draw rule uses: its own, else the blueprint's, else none. */
export function mixFor(bp: Blueprint, rule: DrawRule): DifficultyMix | undefined {
  return rule.difficulty ?? bp.difficulty;
}

/**
 * Blueprint checks against the programme and the file banks, for `bcm validate`. Counts only what
 * the app would draw (questions of written lessons), from the same pool. A difficulty band that runs
 * short falls back to its neighbour (selection.ts), so it never stops a paper; only a band the mix
 * asks for that the course's drawn types do not hold at all is reported, as the mix would be a
 * fiction.
 */
export function blueprintProblems(catalog: Catalog): Problem[] {
  const bf = readBlueprints(catalog.coursesDir);
  const problems = [...bf.problems];
  const pool = buildPool(catalog, []);
  bf.blueprints.forEach((bp, k) => {
    const i = bf.rawIndex[k]!;
    const at = (p: PropertyKey[], msg: string) =>
      problems.push(problemAt(bf.file, bf.parsed!.locate(['blueprints', i, ...p]), `blueprints[${i}] (${bp.id}): ${msg}`));
    const level = catalog.level(bp.level);
    if (!level) at(['level'], `level ${bp.level} is not a level in programme.yaml`);
    const seen = new Set<string>();
    let total = 0;
    bp.draw.forEach((rule, j) => {
      if (seen.has(rule.course)) at(['draw', j, 'course'], `draw[${j}]: ${rule.course} appears twice`);
      seen.add(rule.course);
      if (level && !level.courses.includes(rule.course)) at(['draw', j, 'course'], `draw[${j}]: ${rule.course} is not a course of level ${bp.level}`);
      if (rule.written > 0 && OBJECTIVE_LEVELS.includes(bp.level))
        at(['draw', j, 'written'], `draw[${j}]: the ${bp.level} paper stays objective: no written questions`);
      for (const type of TYPE_ORDER) {
        const want = rule[type];
        total += want;
        const got = pool.candidates(rule.course, type).length;
        const outlines = pool.outlineCount(rule.course, type);
        const why = outlines ? ` in written lessons (${outlines} more belong to outline lessons, which are never drawn)` : '';
        if (want > got) at(['draw', j, type], `draw[${j}]: asks for ${want} ${type} question(s) from ${rule.course} but its bank has ${got}${why}`);
      }
      const mix = mixFor(bp, rule);
      const drawn = TYPE_ORDER.filter((t) => rule[t] > 0).flatMap((t) => pool.candidates(rule.course, t));
      for (const band of BANDS) {
        if (mix && mix[band] > 0 && drawn.length > 0 && !drawn.some((q) => bandOf(q.question.difficulty) === band)) {
          at(
            rule.difficulty ? ['draw', j, 'difficulty', band] : ['difficulty', band],
            `draw[${j}]: the mix asks for ${mix[band]}% ${band} but ${rule.course} has no ${band} question of the types drawn`,
          );
        }
      }
    });
    if (total === 0) at(['draw'], 'draws no questions');
  });
  return problems;
}

export type Blueprints = { list: Blueprint[]; byId: Map<string, Blueprint>; problems: Problem[] };

/**
 * Reads the courses folder's blueprints (every call reads the file): the composition root's call,
 * once, for the ExamsRuntime; everything else uses the ones it holds (`deps.exams.blueprints`).
 */
export function loadBlueprints(coursesDir: string): Blueprints {
  const bf = readBlueprints(coursesDir);
  return { list: bf.blueprints, byId: new Map(bf.blueprints.map((b) => [b.id, b])), problems: bf.problems };
}

/** Questions a blueprint draws (a case counts once). */
export function questionCount(bp: Blueprint): number {
  return bp.draw.reduce((n, r) => n + TYPE_ORDER.reduce((m, t: QuestionType) => m + r[t], 0), 0);
}

export type Range = { min: number; max: number };
/** One type's share of a paper: questions drawn, items numbered (a case counts its parts), points. */
export type SizeRow = { type: QuestionType; questions: number; items: Range; pointsEach: number; points: Range };

/**
 * The paper a blueprint will draw from this pool, counted as the paper numbers it. A case brings
 * its 2–5 parts, and which cases are drawn is chance: the range runs from the cases with the
 * fewest parts to those with the most (one number when every candidate has as many parts).
 */
export function paperSize(bp: Blueprint, pool: Pool): SizeRow[] {
  const rows: SizeRow[] = [];
  for (const type of TYPE_ORDER) {
    const questions = bp.draw.reduce((n, r) => n + r[type], 0);
    if (questions === 0) continue;
    let items: Range;
    if (type === 'case') {
      items = { min: 0, max: 0 };
      for (const rule of bp.draw) {
        if (rule.case === 0) continue;
        const parts = pool
          .candidates(rule.course, 'case')
          .map((pq) => (pq.question.type === 'case' ? pq.question.parts.length : 1))
          .sort((a, b) => a - b);
        items.min += parts.slice(0, rule.case).reduce((a, b) => a + b, 0);
        items.max += parts.slice(-rule.case).reduce((a, b) => a + b, 0);
      }
    } else {
      items = { min: questions, max: questions };
    }
    if (type === 'written' && bp.points.written === undefined) {
      rows.push({ type, questions, items, ...ownPoints(bp, pool) });
      continue;
    }
    const pointsEach = type === 'case' ? bp.points.casePart : (bp.points[type] ?? 0);
    rows.push({ type, questions, items, pointsEach, points: { min: items.min * pointsEach, max: items.max * pointsEach } });
  }
  return rows;
}

/**
 * Written questions that keep their own points: the paper's share runs from the cheapest to the
 * dearest questions it may draw; `pointsEach` is 0 unless every candidate is worth the same.
 */
function ownPoints(bp: Blueprint, pool: Pool): Pick<SizeRow, 'pointsEach' | 'points'> {
  const points = { min: 0, max: 0 };
  const seen = new Set<number>();
  for (const rule of bp.draw) {
    if (rule.written === 0) continue;
    const each = pool
      .candidates(rule.course, 'written')
      .map((pq) => (pq.question.type === 'written' ? pq.question.points : 0))
      .sort((a, b) => a - b);
    each.forEach((n) => seen.add(n));
    points.min += each.slice(0, rule.written).reduce((a, b) => a + b, 0);
    points.max += each.slice(-rule.written).reduce((a, b) => a + b, 0);
  }
  return { pointsEach: seen.size === 1 ? [...seen][0]! : 0, points };
}

/** The same counts for a paper already drawn: exact. */
export function drawnSize(paper: Paper): SizeRow[] {
  const slots = paperSlots(paper);
  return TYPE_ORDER.flatMap((type) => {
    const items = paper.items.filter((i) => i.type === type);
    if (items.length === 0) return [];
    const mine = slots.filter((s) => s.item.type === type);
    const points = mine.reduce((n, s) => n + s.points, 0);
    return [
      { type, questions: items.length, items: { min: mine.length, max: mine.length }, pointsEach: mine[0]?.points ?? 0, points: { min: points, max: points } },
    ];
  });
}

/** Exam keys (blueprint ids) of a level's mock exams, e.g. for "best result at this level". */
export function examKeysForLevel(blueprints: Blueprints, level: string): string[] {
  return blueprints.list.filter((b) => b.level === level).map((b) => b.id);
}
