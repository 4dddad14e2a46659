// The question-bank format (courses/<slug>/questions.yaml, docs/content-format.md). Lives in the
// catalogue because `bcm validate` checks it, and is exported for the exams feature to load banks.
import path from 'node:path';
import { z } from 'zod';
import { checkAnswerLetters } from './frontmatter.js';
import { issuesToProblems, problemAt, readYamlFile, type ParsedYaml, type Problem } from './problem.js';
import { checkRubric, writtenBase } from './written-question.js';

export const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'case', 'written'] as const;
/** The machine-graded types; a written question (主观题) is marked by an instructor. */
export const OBJECTIVE_TYPES = ['single', 'multiple', 'truefalse', 'case'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const optionText = z.union([z.string().min(1), z.number()]).transform(String);
const options = z.array(optionText).min(2).max(6);
const placement = {
  difficulty: z.number().int().min(1).max(5),
  lesson: z.string().min(1),
  topic: z.string().min(1),
};

const lettersWithinOptions = (q: { type: string; answer?: unknown; options?: unknown[] }, ctx: z.RefinementCtx) => {
  if ((q.type === 'single' || q.type === 'multiple') && typeof q.answer === 'string') {
    checkAnswerLetters(q.answer, q.options ?? [], ctx);
  }
};

const typeError = { error: `must be one of ${QUESTION_TYPES.join(', ')}` };

/**
 * The official banks must explain every answer; an institution's imported questions may lack an
 * explanation (Moodle exports often do), stored as '' and shown as 暂无解析 in reviews. An imported
 * question may also keep the title its source gave it (a Moodle question name).
 */
function schemasWith(explanation: z.ZodType<string, string | undefined>, extra: { title?: z.ZodOptional<z.ZodString> }) {
  const base = { id: z.string().min(1), stem: z.string().min(1), explanation };
  const single = z.object({ ...base, type: z.literal('single'), options, answer: z.string().regex(/^[A-F]$/, 'must be one letter A–F') });
  const multiple = z.object({
    ...base,
    type: z.literal('multiple'),
    options,
    answer: z.string().regex(/^[A-F]{2,6}$/, 'must be two or more letters, e.g. "ACD"'),
  });
  const truefalse = z.object({ ...base, type: z.literal('truefalse'), answer: z.boolean({ error: 'must be true or false' }) });
  const casePart = z.discriminatedUnion('type', [single, multiple, truefalse], typeError).superRefine(lettersWithinOptions);
  const caseQuestion = z.object({
    id: base.id,
    stem: base.stem,
    explanation: z.string().min(1).optional(),
    type: z.literal('case'),
    parts: z.array(casePart).min(2).max(5),
  });
  const top = { ...placement, ...extra };
  const written = writtenBase.extend(top).superRefine(checkRubric);
  const question = z
    .discriminatedUnion('type', [single.extend(top), multiple.extend(top), truefalse.extend(top), caseQuestion.extend(top), written], typeError)
    .superRefine(lettersWithinOptions);
  return { casePart, question };
}

const official = schemasWith(z.string().min(1), {});
const imported = schemasWith(z.string().default(''), { title: z.string().min(1).max(200).optional() });

export const casePartSchema = official.casePart;
export const questionSchema = official.question;
/** What an import may store and the exam engine reads back from imported_questions. */
export const importedQuestionSchema = imported.question;

export const questionBankSchema = z.object({
  course: z.string().min(1),
  questions: z.array(questionSchema),
});

export type CasePart = z.infer<typeof casePartSchema>;
/** An imported question is a Question whose explanation may be '' and which may carry a title. */
export type Question = z.infer<typeof importedQuestionSchema>;
export type QuestionBank = z.infer<typeof questionBankSchema>;
export type WrittenQuestion = Extract<Question, { type: 'written' }>;
export type ObjectiveQuestion = Exclude<Question, { type: 'written' }>;
export type { Criterion, RubricLevel, WrittenKind } from './written-question.js';

export interface QuestionBankFile {
  file: string;
  /** The valid questions; invalid ones are left out and reported in `problems`. */
  bank?: QuestionBank;
  /** Where each of `bank.questions` stands in the file's `questions` list (for positions). */
  questionIndex: number[];
  problems: Problem[];
  parsed: ParsedYaml;
}

export interface BankContext {
  /** course.yaml's code; the bank's `course` and every top-level id must use it. */
  courseCode?: string;
  /** Lesson file names from course.yaml; each question's `lesson` must be one of them. */
  lessons?: readonly string[];
}

// Questions are checked one by one so a single bad entry doesn't hide the problems (and the
// valid questions) in the rest of the bank.
const bankShape = z.object({ course: z.string().min(1), questions: z.array(z.unknown()) });

export function loadQuestionBank(file: string, ctx: BankContext = {}): QuestionBankFile {
  const parsed = readYamlFile(file);
  if (parsed.problems.length) return { file, problems: parsed.problems, parsed, questionIndex: [] };
  const shape = bankShape.safeParse(parsed.data);
  if (!shape.success) return { file, problems: issuesToProblems(parsed, shape.error.issues, parsed.data), parsed, questionIndex: [] };
  const problems: Problem[] = [];
  const questions: Question[] = [];
  const rawIndex: number[] = [];
  shape.data.questions.forEach((raw, i) => {
    const q = questionSchema.safeParse(raw);
    if (q.success) {
      questions.push(q.data);
      rawIndex.push(i);
    } else {
      const issues = q.error.issues.map((iss) => ({ ...iss, path: ['questions', i, ...iss.path] }));
      problems.push(...issuesToProblems(parsed, issues, parsed.data));
    }
  });
  const bank: QuestionBank = { course: shape.data.course, questions };
  const at = (p: PropertyKey[], msg: string) => problems.push(problemAt(file, parsed.locate(p), msg));
  if (ctx.courseCode && bank.course !== ctx.courseCode) at(['course'], `course: ${bank.course} does not match course.yaml code ${ctx.courseCode}`);
  const code = ctx.courseCode?.replace(/[-]/g, '\\-');
  const idPattern = code ? new RegExp(`^${code}-\\d{3}$`) : undefined;
  // Written questions are numbered apart (ca-w01): their own series, two digits.
  const writtenIdPattern = code ? new RegExp(`^${code}-w\\d{2}$`) : undefined;
  questions.forEach((q, k) => {
    const i = rawIndex[k]!;
    if (q.type === 'written') {
      if (writtenIdPattern && !writtenIdPattern.test(q.id))
        at(['questions', i, 'id'], `questions[${i}].id: ${q.id} should be ${ctx.courseCode}-wNN (a written question)`);
    } else if (idPattern && !idPattern.test(q.id)) at(['questions', i, 'id'], `questions[${i}].id: ${q.id} should be ${ctx.courseCode}-NNN`);
    if (ctx.lessons && !ctx.lessons.includes(q.lesson)) at(['questions', i, 'lesson'], `questions[${i}].lesson: ${q.lesson} is not a lesson in course.yaml`);
  });
  return { file, bank, problems, parsed, questionIndex: rawIndex };
}

/**
 * Every id (case parts included) must be unique across all banks: attempts store ids forever.
 * Read from the raw YAML so a question that fails its schema still claims its id.
 */
export function duplicateQuestionIds(banks: readonly QuestionBankFile[]): Problem[] {
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  const idOf = (v: unknown) => (v !== null && typeof v === 'object' ? (v as { id?: unknown }).id : undefined);
  for (const b of banks) {
    const raw = (b.parsed.data as { questions?: unknown } | undefined)?.questions;
    if (!Array.isArray(raw)) continue;
    raw.forEach((q: unknown, i) => {
      const ids: Array<[unknown, PropertyKey[]]> = [[idOf(q), ['questions', i, 'id']]];
      const parts = (q as { parts?: unknown } | null)?.parts;
      if (Array.isArray(parts)) parts.forEach((p: unknown, j) => ids.push([idOf(p), ['questions', i, 'parts', j, 'id']]));
      for (const [id, where] of ids) {
        if (typeof id !== 'string') continue;
        const first = seen.get(id);
        if (first) problems.push(problemAt(b.file, b.parsed.locate(where), `id ${id} is already used (${first})`));
        else seen.set(id, `${path.relative(process.cwd(), b.file)}:${b.parsed.locate(where).line}`);
      }
    });
  }
  return problems;
}

export type DifficultyBand = 'easy' | 'medium' | 'hard';

/**
 * One 1–5 scale for file banks and imports alike (易 1, 较易 2, 中 3, 较难 4, 难 5; see
 * docs/decisions/difficulty-scale.md), read in three bands for the mix and for blueprints.
 */
export function difficultyBand(difficulty: number): DifficultyBand {
  return difficulty <= 2 ? 'easy' : difficulty === 3 ? 'medium' : 'hard';
}
