import { SELF_CHECK_LETTERS, type SelfCheckEntry } from './frontmatter.js';

// Grading a lesson's self-check question: the answer and explanation stay on the server until the
// trainee submits, and the route grades here.

export interface SelfCheckGrade {
  correct: boolean;
  correctAnswer: string;
  explanation: string;
  /** The submitted letters as understood (upper case, sorted, unique). */
  submitted: string;
}

/** Order and case of the submitted letters don't matter; letters with no option are dropped. */
export function gradeSelfCheck(entry: SelfCheckEntry, submittedLetters: string | readonly string[]): SelfCheckGrade {
  const raw = typeof submittedLetters === 'string' ? submittedLetters : submittedLetters.join('');
  const valid = SELF_CHECK_LETTERS.slice(0, entry.options.length);
  const submitted = [...new Set(raw.toUpperCase().split(''))]
    .filter((c) => valid.includes(c))
    .sort()
    .join('');
  const correctAnswer = [...entry.answer].sort().join('');
  return { correct: submitted === correctAnswer, correctAnswer, explanation: entry.explanation, submitted };
}
