// The question-bank quality thresholds `bcm validate` enforces, in one place. The numbers come from
// issue 14 ("Courses a certification body could publish"); where the issue gives only a direction
// (keys "spread over A–D", "about 30/50/20"), the number chosen is noted. A programme may override
// any of them under `bankRules:` in courses/programme.yaml (small test fixtures do).
import { z } from 'zod';

export interface BankRules {
  /** Top-level questions per course bank, a case counting once (issue 14: "≥ 120 questions per course"). */
  minQuestionsPerCourse: number;
  /** Questions tied to each written lesson (issue 14: "≥ 10 per lesson"). */
  minQuestionsPerLesson: number;
  /** Single choice (case parts too) whose key is the one longest option (issue 14: "at most ~35%"; 48% before it). */
  singleKeyLongestMaxPercent: number;
  /**
   * Share of single-choice keys on each of A, B, C and D (issue 14: "keys spread over A–D"; an even
   * spread over four options is 25%, and 10–40% leaves room for banks with 3- or 5-option items).
   */
  keyLetterPercent: { min: number; max: number };
  /** Multiple choice keyed on every option (issue 14: "at most 20% keyed 'all options'"). */
  multipleAllKeyedMaxPercent: number;
  /** Multiple choice keyed on exactly two options (issue 14: "keyed anywhere from 2 options to all"; 20% is our floor). */
  multipleTwoKeyedMinPercent: number;
  /** Difficulty 1–2 = easy 易/较易, 3 = medium 中, 4–5 = hard 较难/难 (issue 14: "a difficulty mix of about 30/50/20"). */
  difficultyTargetPercent: { easy: number; medium: number; hard: number };
  /** How far a band may stray from its target, in percentage points ("about": 15 points either way). */
  difficultyTolerancePoints: number;
  /**
   * Written questions (主观题) per course of the `writtenLevels` (issue 15: "at least 3 … for each
   * course of the retail, corporate and senior levels"). A course the assistant level also teaches
   * is left out: the assistant paper stays objective, so its courses need none.
   */
  minWrittenPerCourse: number;
  writtenLevels: readonly string[];
}

export const DEFAULT_BANK_RULES: Readonly<BankRules> = Object.freeze({
  minQuestionsPerCourse: 120,
  minQuestionsPerLesson: 10,
  singleKeyLongestMaxPercent: 35,
  keyLetterPercent: Object.freeze({ min: 10, max: 40 }),
  multipleAllKeyedMaxPercent: 20,
  multipleTwoKeyedMinPercent: 20,
  difficultyTargetPercent: Object.freeze({ easy: 30, medium: 50, hard: 20 }),
  difficultyTolerancePoints: 15,
  minWrittenPerCourse: 3,
  writtenLevels: Object.freeze(['retail', 'corporate', 'senior']),
});

const percent = z.number().min(0).max(100);
const count = z.number().int().nonnegative();

/** programme.yaml's `bankRules:`: any subset of the rules; unknown keys are typos and fail. */
export const bankRulesOverrideSchema = z
  .object({
    minQuestionsPerCourse: count,
    minQuestionsPerLesson: count,
    singleKeyLongestMaxPercent: percent,
    keyLetterPercent: z.object({ min: percent, max: percent }).strict(),
    multipleAllKeyedMaxPercent: percent,
    multipleTwoKeyedMinPercent: percent,
    difficultyTargetPercent: z.object({ easy: percent, medium: percent, hard: percent }).strict(),
    difficultyTolerancePoints: percent,
    minWrittenPerCourse: count,
    writtenLevels: z.array(z.string().min(1)),
  })
  .strict()
  .partial()
  .superRefine((r, ctx) => {
    if (r.keyLetterPercent && r.keyLetterPercent.min > r.keyLetterPercent.max) {
      ctx.addIssue({ code: 'custom', path: ['keyLetterPercent'], message: 'min must not be above max' });
    }
    const t = r.difficultyTargetPercent;
    if (t && Math.abs(t.easy + t.medium + t.hard - 100) > 1e-9) {
      ctx.addIssue({ code: 'custom', path: ['difficultyTargetPercent'], message: `easy + medium + hard must be 100, got ${t.easy + t.medium + t.hard}` });
    }
  });

export type BankRulesOverride = z.infer<typeof bankRulesOverrideSchema>;

export function resolveBankRules(override: BankRulesOverride = {}): BankRules {
  return { ...DEFAULT_BANK_RULES, ...override };
}
