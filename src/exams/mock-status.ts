import type { Db } from '../db/client.js';
import type { Blueprints } from './blueprint.js';
import { MINUTE_MS } from './clock.js';
import { bestOf, mockAttempts, type BestExamScore } from './store.js';

// Where a trainee stands on each mock exam of a level, for their home page: not started, in
// progress (with the server's time left), or done with the best result so far.

export type MockExamStatus = {
  id: string;
  title: { zh: string; en: string };
  passPercent: number;
  /** An attempt still running: its page and the whole minutes left before the server's deadline. */
  open?: { attemptId: number; minutesLeft: number };
  best: BestExamScore | null;
  /** Some submitted attempt passed (the attempts' own verdict, not re-graded here). */
  passed: boolean;
  /** Submitted attempts whose written answers are still being marked (待阅卷). */
  awaitingMarking: number;
};

export function mockExamStatuses(db: Db, blueprints: Blueprints, traineeId: number, level: string, now = Date.now()): MockExamStatus[] {
  const exams = blueprints.list.filter((b) => b.level === level);
  if (exams.length === 0) return [];
  // One query for every exam line of the page; each line picks its own attempts.
  const attempts = mockAttempts(db, traineeId);
  return exams.map((b) => {
    const mine = attempts.filter((a) => a.examKey === b.id);
    const o = mine.find((a) => a.status === 'open');
    const open = o && o.deadlineAt !== null && o.deadlineAt > now ? { attemptId: o.id, minutesLeft: Math.ceil((o.deadlineAt - now) / MINUTE_MS) } : undefined;
    return {
      id: b.id,
      title: b.title,
      passPercent: b.passPercent,
      ...(open ? { open } : {}),
      best: bestOf(mine),
      passed: bestOf(mine, { passedOnly: true }) !== null,
      awaitingMarking: mine.filter((a) => a.status === 'submitted' && a.score === null).length,
    };
  });
}
