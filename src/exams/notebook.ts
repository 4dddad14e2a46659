// The wrong-answer notebook (错题本): every question the trainee got wrong (or left blank) in a
// finished exam, or got wrong in practice, until they later get it right. Derived from stored results, so it needs no table
// of its own and can never disagree with the attempts it comes from.
import type { Db } from '../db/client.js';
import { itemOutcomes } from './grading.js';
import { traineeResults } from './store.js';

export type NotebookEntry = {
  /** Pool key of the question (a case question as a whole). */
  key: string;
  course: string;
  /** When it was last answered wrongly. */
  missedAt: number;
  /** How many finished attempts got it wrong. */
  misses: number;
  /** Where the last miss is reviewed: that attempt, at its first slot of this question that was wrong. */
  attemptId: number;
  slotKey: string;
};

export function notebookEntries(db: Db, traineeId: number): NotebookEntry[] {
  const open = new Map<string, NotebookEntry>();
  // Oldest first: a later right answer removes the question, a later miss brings it back.
  for (const { id, mode, submittedAt, result } of traineeResults(db, traineeId)) {
    if (!result) continue;
    const skipBlank = mode === 'practice';
    // A blank in an exam is a miss; a practice question left unanswered was simply never tried.
    for (const [key, o] of itemOutcomes(result, { skipBlank })) {
      if (o.right) {
        open.delete(key);
        continue;
      }
      const prev = open.get(key);
      const slot = result.slots.find((s) => s.item === key && s.score < s.max && !(skipBlank && s.blank));
      open.set(key, { key, course: o.course, missedAt: submittedAt, misses: (prev?.misses ?? 0) + 1, attemptId: id, slotKey: slot?.key ?? key });
    }
  }
  return [...open.values()].sort((a, b) => b.missedAt - a.missedAt || (a.key < b.key ? -1 : 1));
}
