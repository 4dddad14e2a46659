// Written questions (主观题, issue 15): a prompt the trainee answers in prose, marked by an
// instructor against a rubric. The format is /work/notes/written-format.md, documented in
// docs/content-format.md. Pure schemas and rules; question-bank.ts puts them in the union.
import { z } from 'zod';

export const WRITTEN_KINDS = ['short', 'essay', 'case', 'task'] as const;
export type WrittenKind = (typeof WRITTEN_KINDS)[number];

/** The limits `bcm validate` and the import apply (the format file's numbers). */
export const WRITTEN_LIMITS = Object.freeze({
  criteria: { min: 2, max: 8 },
  levels: { min: 2, max: 6 },
  points: { min: 5, max: 40 },
  wordsMax: 3000,
  stemMax: 6000,
  modelAnswerMin: 100,
});

/** A trainee's answer may be this long (characters); the save route and the body reader refuse more. */
export const ANSWER_MAX_CHARS = 10_000;

/** Characters as a reader counts them (code points, not UTF-16 units). */
export const charCount = (text: string) => [...text].length;

const L = WRITTEN_LIMITS;

const levelSchema = z.strictObject({
  points: z.number().int().min(0).max(40),
  description: z.string().trim().min(1),
});

const criterionSchema = z
  .strictObject({
    criterion: z.string().trim().min(1),
    levels: z
      .array(levelSchema)
      .min(L.levels.min, `needs ${L.levels.min}–${L.levels.max} levels`)
      .max(L.levels.max, `needs ${L.levels.min}–${L.levels.max} levels`),
  })
  .superRefine((c, ctx) => {
    if (c.levels[0] && c.levels[0].points !== 0)
      ctx.addIssue({ code: 'custom', path: ['levels', 0, 'points'], message: 'the first level must be worth 0 points' });
    c.levels.forEach((lv, i) => {
      const prev = c.levels[i - 1];
      if (prev && lv.points <= prev.points)
        ctx.addIssue({ code: 'custom', path: ['levels', i, 'points'], message: `must be more than the level before (${prev.points}): points rise strictly` });
      if (c.levels.findIndex((o) => o.description === lv.description) < i)
        ctx.addIssue({ code: 'custom', path: ['levels', i, 'description'], message: 'repeats the description of an earlier level' });
    });
  });

export type RubricLevel = z.infer<typeof levelSchema>;
export type Criterion = z.infer<typeof criterionSchema>;

/** The most a criterion (its last, highest level) is worth. */
export const criterionMax = (c: Criterion) => c.levels[c.levels.length - 1]?.points ?? 0;
export const rubricMax = (rubric: readonly Criterion[]) => rubric.reduce((n, c) => n + criterionMax(c), 0);

/**
 * The fields of a written question; placement (lesson, topic, difficulty) and an imported
 * question's title are added by question-bank.ts, then `checkRubric`. Strict: options, answer or
 * explanation on a written question is a mistake (a copied choice question), not something to ignore.
 */
export const writtenBase = z.strictObject({
  id: z.string().min(1),
  type: z.literal('written'),
  kind: z.enum(WRITTEN_KINDS, { error: `must be one of ${WRITTEN_KINDS.join(', ')} (简答, 论述, 案例分析, 实操任务)` }),
  points: z.number().int().min(L.points.min).max(L.points.max),
  words: z
    .strictObject({ min: z.number().int().min(0), max: z.number().int().positive().max(L.wordsMax) })
    .refine((w) => w.min < w.max, { message: 'words.min must be less than words.max', path: ['min'] }),
  stem: z.string().trim().min(1).max(L.stemMax, `must be at most ${L.stemMax} characters`),
  rubric: z
    .array(criterionSchema)
    .min(L.criteria.min, `needs ${L.criteria.min}–${L.criteria.max} criteria`)
    .max(L.criteria.max, `needs ${L.criteria.min}–${L.criteria.max} criteria`),
  modelAnswer: z.string().trim().min(L.modelAnswerMin, `must be at least ${L.modelAnswerMin} characters (a full model answer)`),
});

/** Criteria named once each, and `points` equal to the sum of each criterion's highest level. */
export function checkRubric(q: { points: number; rubric: Criterion[] }, ctx: z.RefinementCtx): void {
  const names = q.rubric.map((c) => c.criterion);
  names.forEach((n, i) => {
    if (names.indexOf(n) < i) ctx.addIssue({ code: 'custom', path: ['rubric', i, 'criterion'], message: `criterion ${n} appears twice` });
  });
  const sum = rubricMax(q.rubric);
  if (sum !== q.points) ctx.addIssue({ code: 'custom', path: ['points'], message: `is ${q.points} but the rubric's highest levels add up to ${sum}` });
}
