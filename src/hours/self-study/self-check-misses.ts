import type { Db } from '../../db/client.js';
import type { Catalog } from '../../catalog/index.js';
import { missedSelfChecks } from '../store.js';

// Lesson self-checks the trainee answered wrongly at least once: the lesson part of the 错题本.
// A retry that is right does not erase the miss (the notebook still lists it, marked as redone).

export type SelfCheckMiss = {
  courseSlug: string;
  lessonSlug: string;
  lessonTitle: string;
  questionId: string;
  question: string;
  misses: number;
  lastMissedAt: number;
  /** The latest answer is right (重做 answered correctly). */
  correctNow: boolean;
};

export function selfCheckMisses(db: Db, catalog: Catalog, traineeId: number): SelfCheckMiss[] {
  return missedSelfChecks(db, traineeId).flatMap((row) => {
    const found = catalog.lesson(row.courseSlug, row.lessonSlug);
    const fm = found && 'ok' in found.lesson.state ? found.lesson.state.ok.frontmatter : undefined;
    const entry = fm?.selfCheck.find((q) => q.id === row.questionId);
    // A question since removed from its lesson has nothing to open: it leaves the notebook.
    if (!fm || !entry) return [];
    return [{ ...row, lessonTitle: fm.title, question: entry.question }];
  });
}
