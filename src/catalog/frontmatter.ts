// Lesson frontmatter as docs/content-format.md defines it. Parsed with the `yaml` package (YAML 1.2)
// so `code: 0123` stays 123 and dates stay strings, unlike gray-matter's YAML 1.1 default.
import { z } from 'zod';
import { issuesToProblems, parseYaml, problemAt, stripBom, type Problem } from './problem.js';

export const LESSON_MODES = ['face-to-face', 'remote', 'self-study'] as const;
export type LessonMode = (typeof LESSON_MODES)[number];

/** Option letters, in order: a self-check (and a bank question) has at most six options. */
export const SELF_CHECK_LETTERS = 'ABCDEF';
const LETTERS = SELF_CHECK_LETTERS;

/** Numbers are allowed in option lists (`[100, 200]` parses as numbers) and shown as text. */
const optionText = z.union([z.string().min(1), z.number()]).transform(String);

/** Adds a problem for every answer letter that has no option; shared with the question bank. */
export function checkAnswerLetters(answer: string, options: readonly unknown[], ctx: z.RefinementCtx, answerPath: PropertyKey[] = ['answer']): void {
  const seen = new Set<string>();
  for (const letter of answer) {
    if (seen.has(letter)) {
      ctx.addIssue({ code: 'custom', path: answerPath, message: `letter ${letter} appears twice` });
    }
    seen.add(letter);
    if (LETTERS.indexOf(letter) >= options.length) {
      const last = LETTERS[options.length - 1] ?? 'A';
      ctx.addIssue({
        code: 'custom',
        path: answerPath,
        message: `letter ${letter} has no option (${options.length} options: A–${last})`,
      });
    }
  }
}

export const selfCheckSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, - and _ only'),
    question: z.string().min(1),
    options: z.array(optionText).min(2).max(6),
    answer: z.string().regex(/^[A-F]+$/, 'must be option letters such as "C" or "AC"'),
    explanation: z.string().min(1),
  })
  .superRefine((q, ctx) => checkAnswerLetters(q.answer, q.options, ctx));

export const frontmatterSchema = z
  .object({
    title: z.string().min(1),
    hours: z.number().positive(),
    objectives: z.array(z.string().min(1)).min(1),
    modes: z.array(z.enum(LESSON_MODES)).min(1),
    status: z.enum(['full', 'outline']),
    selfCheck: z.array(selfCheckSchema).default([]),
  })
  .superRefine((fm, ctx) => {
    const ids = new Set<string>();
    fm.selfCheck.forEach((q, i) => {
      if (ids.has(q.id)) ctx.addIssue({ code: 'custom', path: ['selfCheck', i, 'id'], message: `${q.id} is used twice` });
      ids.add(q.id);
    });
  });

export type SelfCheckEntry = z.infer<typeof selfCheckSchema>;
export type LessonFrontmatter = z.infer<typeof frontmatterSchema>;

const KNOWN_KEYS = new Set(['title', 'hours', 'objectives', 'modes', 'status', 'selfCheck']);
const KNOWN_SELF_CHECK_KEYS = new Set(['id', 'question', 'options', 'answer', 'explanation']);

export interface FrontmatterResult {
  frontmatter?: LessonFrontmatter;
  problems: Problem[];
  /** Unknown keys (likely typos); reported by validation but not fatal to the lesson. */
  warnings: Problem[];
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Frontmatter text between the `---` fences; it starts on line 2 of the file. */
export function splitFrontmatter(source: string): { yaml: string; body: string } | undefined {
  const m = FENCE.exec(stripBom(source));
  if (!m) return undefined;
  return { yaml: m[1] ?? '', body: stripBom(source).slice(m[0].length) };
}

export function parseFrontmatter(file: string, source: string): FrontmatterResult {
  const split = splitFrontmatter(source);
  if (!split) {
    return { problems: [problemAt(file, { line: 1, column: 1 }, 'frontmatter: the file must start with a --- block')], warnings: [] };
  }
  const parsed = parseYaml(file, split.yaml, 1);
  if (parsed.problems.length) return { problems: parsed.problems.map(prefixed), warnings: [] };
  const result = frontmatterSchema.safeParse(parsed.data ?? {});
  if (!result.success) {
    return { problems: issuesToProblems(parsed, result.error.issues, parsed.data, 'frontmatter'), warnings: [] };
  }
  return { frontmatter: result.data, problems: [], warnings: unknownKeys(parsed.data, parsed) };
}

function unknownKeys(data: unknown, parsed: ReturnType<typeof parseYaml>): Problem[] {
  const out: Problem[] = [];
  const record = (data ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN_KEYS.has(key)) out.push(problemAt(parsed.file, parsed.locate([key]), `frontmatter.${key}: unknown field`));
  }
  const checks = Array.isArray(record['selfCheck']) ? (record['selfCheck'] as unknown[]) : [];
  checks.forEach((q, i) => {
    for (const key of Object.keys((q ?? {}) as object)) {
      if (!KNOWN_SELF_CHECK_KEYS.has(key)) {
        out.push(problemAt(parsed.file, parsed.locate(['selfCheck', i, key]), `frontmatter.selfCheck[${i}].${key}: unknown field`));
      }
    }
  });
  return out;
}

function prefixed(p: Problem): Problem {
  return { ...p, message: `frontmatter ${p.message}` };
}
