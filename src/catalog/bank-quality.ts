// Question-bank quality (issue 14): the figures of one course bank, the thresholds it breaks, and
// stems repeated across banks. Pure apart from the file paths it names; the thresholds are
// bank-rules.ts's, the banks and lessons what validate.ts loaded.
import path from 'node:path';
import type { BankRules } from './bank-rules.js';
import { problemAt, type Problem } from './problem.js';
import { difficultyBand, type CasePart, type DifficultyBand, type Question, type QuestionBankFile, type QuestionType } from './question-bank.js';

export { difficultyBand, type DifficultyBand };

export const DIFFICULTY_BANDS: readonly DifficultyBand[] = ['easy', 'medium', 'hard'];
/** The letters whose share of single-choice keys is checked (E and F are rare fifth/sixth options). */
export const KEY_LETTERS = ['A', 'B', 'C', 'D'] as const;
const ALL_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
type Letter = (typeof ALL_LETTERS)[number];

/** 1 = easy 易, 2 = medium 中, 3 and above = hard 难. */

export const BAND_LABEL: Readonly<Record<DifficultyBand, string>> = {
  easy: 'easy (易/较易, 1–2)',
  medium: 'medium (中, 3)',
  hard: 'hard (较难/难, 4–5)',
};

export interface BankStats {
  /** Top-level objective questions: a case counts once; written questions are counted apart. */
  questions: number;
  /** Written questions (主观题): outside every objective target, with their own minimum. */
  written: number;
  byType: Record<QuestionType, number>;
  caseParts: number;
  byBand: Record<DifficultyBand, number>;
  byLesson: Map<string, number>;
  /** Single choice, case parts included. */
  single: { count: number; keyLongest: number; keyLetters: Record<Letter, number> };
  /** Multiple choice, case parts included. */
  multiple: { count: number; allKeyed: number; twoKeyed: number };
}

/** An option's length as a reader sees it: characters, not UTF-16 units, ignoring outer spaces. */
const length = (text: string) => [...text.trim()].length;

/** True when the key is longer than every other option (the "pick the longest" guess wins). */
export function keyIsUniqueLongest(options: readonly string[], answer: string): boolean {
  const key = ALL_LETTERS.indexOf(answer as Letter);
  const keyText = options[key];
  if (keyText === undefined) return false;
  return options.every((o, i) => i === key || length(o) < length(keyText));
}

export function bankStats(questions: readonly Question[]): BankStats {
  const stats: BankStats = {
    questions: 0,
    written: 0,
    byType: { single: 0, multiple: 0, truefalse: 0, case: 0, written: 0 },
    caseParts: 0,
    byBand: { easy: 0, medium: 0, hard: 0 },
    byLesson: new Map(),
    single: { count: 0, keyLongest: 0, keyLetters: { A: 0, B: 0, C: 0, D: 0, E: 0, F: 0 } },
    multiple: { count: 0, allKeyed: 0, twoKeyed: 0 },
  };
  const objective = (q: Question | CasePart) => {
    if (q.type === 'single') {
      stats.single.count++;
      stats.single.keyLetters[q.answer as Letter]++;
      if (keyIsUniqueLongest(q.options, q.answer)) stats.single.keyLongest++;
    } else if (q.type === 'multiple') {
      stats.multiple.count++;
      if (q.answer.length === q.options.length) stats.multiple.allKeyed++;
      if (q.answer.length === 2) stats.multiple.twoKeyed++;
    }
  };
  for (const q of questions) {
    stats.byType[q.type]++;
    if (q.type === 'written') {
      stats.written++;
      continue;
    }
    stats.questions++;
    stats.byBand[difficultyBand(q.difficulty)]++;
    stats.byLesson.set(q.lesson, (stats.byLesson.get(q.lesson) ?? 0) + 1);
    if (q.type === 'case') {
      stats.caseParts += q.parts.length;
      q.parts.forEach(objective);
    } else {
      objective(q);
    }
  }
  return stats;
}

/** Which rule a breach is of; the report marks the matching column. */
export type BankRuleId = 'questions' | 'perLesson' | 'keyLongest' | 'keyLetters' | 'multipleAll' | 'multipleTwo' | 'difficulty' | 'written';

export interface BankBreach {
  rule: BankRuleId;
  message: string;
}

/** `12.5%` or `40%`: one decimal, so a value just over a threshold never prints as the threshold. */
export function percent(part: number, whole: number): string {
  return `${Number(((100 * part) / whole).toFixed(1))}%`;
}

const share = (part: number, whole: number) => `${percent(part, whole)} (${part} of ${whole})`;

/**
 * The thresholds a bank breaks. `writtenLessons` are the course's lessons that are written in full:
 * each needs its own questions; outlines are left to the per-question check. `needsWritten`: the
 * course is taught at a level whose papers carry written questions (bank-rules.ts).
 */
export function bankBreaches(stats: BankStats, writtenLessons: readonly string[], rules: BankRules, needsWritten = false): BankBreach[] {
  const out: BankBreach[] = [];
  const add = (rule: BankRuleId, message: string) => out.push({ rule, message });
  if (needsWritten && stats.written < rules.minWrittenPerCourse) {
    add(
      'written',
      `questions: ${stats.written} written question(s) (type: written), at least ${rules.minWrittenPerCourse} needed at the ${rules.writtenLevels.join(', ')} levels`,
    );
  }
  if (stats.questions < rules.minQuestionsPerCourse) {
    add('questions', `questions: ${stats.questions} question(s), at least ${rules.minQuestionsPerCourse} needed`);
  }
  for (const lesson of writtenLessons) {
    const n = stats.byLesson.get(lesson) ?? 0;
    if (n < rules.minQuestionsPerLesson) add('perLesson', `questions: lesson ${lesson} has ${n} question(s), at least ${rules.minQuestionsPerLesson} needed`);
  }
  const { single, multiple } = stats;
  if (single.count > 0) {
    if (single.keyLongest * 100 > rules.singleKeyLongestMaxPercent * single.count) {
      add(
        'keyLongest',
        `single choice: the key is the one longest option in ${share(single.keyLongest, single.count)}, at most ${rules.singleKeyLongestMaxPercent}% allowed`,
      );
    }
    const { min, max } = rules.keyLetterPercent;
    for (const letter of KEY_LETTERS) {
      const n = single.keyLetters[letter];
      if (n * 100 < min * single.count || n * 100 > max * single.count) {
        add('keyLetters', `single choice: key ${letter} in ${share(n, single.count)}, allowed ${min}–${max}%`);
      }
    }
  }
  if (multiple.count > 0) {
    if (multiple.allKeyed * 100 > rules.multipleAllKeyedMaxPercent * multiple.count) {
      add(
        'multipleAll',
        `multiple choice: ${share(multiple.allKeyed, multiple.count)} keyed on all options, at most ${rules.multipleAllKeyedMaxPercent}% allowed`,
      );
    }
    if (multiple.twoKeyed * 100 < rules.multipleTwoKeyedMinPercent * multiple.count) {
      add(
        'multipleTwo',
        `multiple choice: ${share(multiple.twoKeyed, multiple.count)} keyed on exactly 2 options, at least ${rules.multipleTwoKeyedMinPercent}% needed`,
      );
    }
  }
  if (stats.questions > 0) {
    for (const band of DIFFICULTY_BANDS) {
      const target = rules.difficultyTargetPercent[band];
      if (Math.abs((100 * stats.byBand[band]) / stats.questions - target) > rules.difficultyTolerancePoints + 1e-9) {
        add(
          'difficulty',
          `difficulty: ${BAND_LABEL[band]} is ${share(stats.byBand[band], stats.questions)}, target ${target}% ± ${rules.difficultyTolerancePoints}`,
        );
      }
    }
  }
  return out;
}

/** Breaches as problems on the bank's `questions:` key, plus every question tied to an outline. */
export function bankQualityProblems(
  bf: QuestionBankFile,
  breaches: readonly BankBreach[],
  lessons: ReadonlyArray<{ slug: string; status: 'full' | 'outline' | undefined }>,
): Problem[] {
  const at = bf.parsed.locate(['questions']);
  const problems = breaches.map((b) => problemAt(bf.file, at, b.message));
  const outlines = new Set(lessons.filter((l) => l.status === 'outline').map((l) => l.slug));
  bf.bank?.questions.forEach((q, k) => {
    const i = bf.questionIndex[k]!;
    if (outlines.has(q.lesson)) {
      problems.push(
        problemAt(
          bf.file,
          bf.parsed.locate(['questions', i, 'lesson']),
          `questions[${i}].lesson: ${q.lesson} is an outline (status: outline); a question needs a written lesson`,
        ),
      );
    }
  });
  return problems;
}

/** The same words whatever the spacing, punctuation or full-/half-width forms (NFKC). */
export function normaliseStem(stem: string): string {
  return stem
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}]+/gu, '');
}

/**
 * A stem (of a question or a case's scenario) asked twice, in one bank or two: reported on the
 * second, naming the first. Case parts are left out: "下一步最恰当的做法是？" rightly recurs under
 * different scenarios.
 */
export function duplicateStems(banks: readonly QuestionBankFile[], cwd = process.cwd()): Problem[] {
  const seen = new Map<string, { id: string; where: string }>();
  const problems: Problem[] = [];
  for (const b of banks) {
    b.bank?.questions.forEach((q, k) => {
      const i = b.questionIndex[k]!;
      const key = normaliseStem(q.stem);
      if (!key) return;
      const at = b.parsed.locate(['questions', i, 'stem']);
      const first = seen.get(key);
      if (first) problems.push(problemAt(b.file, at, `questions[${i}].stem: ${q.id} repeats the stem of ${first.id} (${first.where})`));
      else seen.set(key, { id: q.id, where: `${path.relative(cwd, b.file)}:${at.line}` });
    });
  }
  return problems;
}

/** Han characters (汉字) in a text: the measure of a lesson's length the issue uses. */
export function hanCharacters(text: string): number {
  return text.match(/\p{Script=Han}/gu)?.length ?? 0;
}
