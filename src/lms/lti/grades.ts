import type { Db } from '../../db/client.js';
import type { LmsRuntime } from '../settings.js';
import * as store from '../store.js';
import * as queue from '../queue-store.js';
import { backoffMs } from '../xapi/queue.js';
import { postScore, ServiceError } from './services.js';

// Grade passback (AGS). A submitted mock exam that the trainee reached from an LMS placement with
// a gradebook column gets its score queued in lti_grade_sync; this worker posts it, retrying with
// backoff, and leaves a status (pending / sent / failed with the last error) for the grades page.

/** After this many tries a score is marked failed and waits for someone to press "retry". */
export const MAX_GRADE_TRIES = 8;
/** Answers that another try will not change: the request itself is wrong or the column is gone. */
const PERMANENT = new Set([400, 403, 404, 405, 410, 422]);

export type SubmittedAttempt = {
  id: number;
  traineeId: number;
  institutionId: number;
  examKey: string;
  mode: 'exam' | 'practice';
  status: 'open' | 'submitted';
  submittedAt: number | null;
  score: number | null;
  maxScore: number | null;
};

/** Queues the attempt's score for the placement the trainee last opened this exam from, if any. */
export function queueExamGrade(db: Db, attempt: SubmittedAttempt, now: number): boolean {
  if (attempt.mode !== 'exam' || attempt.status !== 'submitted' || attempt.score == null || attempt.maxScore == null) return false;
  const launch = store.latestExamLaunch(db, attempt.institutionId, attempt.traineeId, attempt.examKey, attempt.submittedAt ?? now);
  if (!launch) return false;
  const link = store.findResourceLink(db, launch.platformId, launch.resourceLinkId);
  const subject = store.subjectOf(db, launch.platformId, attempt.traineeId);
  if (!link?.lineItemUrl || !subject) return false;
  return queue.queueGrade(
    db,
    {
      platformId: launch.platformId,
      attemptId: attempt.id,
      lineItemUrl: link.lineItemUrl,
      userSubject: subject,
      scoreGiven: attempt.score,
      scoreMaximum: attempt.maxScore,
    },
    now,
  );
}

export type GradeReport = { sent: number; retried: number; failed: number };

export async function sendDueGrades(rt: LmsRuntime, db: Db, now = Date.now()): Promise<GradeReport> {
  const report: GradeReport = { sent: 0, retried: 0, failed: 0 };
  for (const { grade, submittedAt } of queue.dueGrades(db, now)) {
    const platform = store.findPlatform(db, grade.platformId);
    try {
      if (!platform || platform.removedAt !== null) throw new ServiceError('platform registration was removed', 410);
      await postScore(rt, platform, grade.lineItemUrl, {
        userId: grade.userSubject,
        scoreGiven: grade.scoreGiven,
        scoreMaximum: grade.scoreMaximum,
        timestamp: new Date(submittedAt ?? now).toISOString(),
      });
      queue.markGradeSent(db, grade.id, Date.now());
      report.sent++;
    } catch (err) {
      const tries = grade.tries + 1;
      const status = err instanceof ServiceError ? err.status : undefined;
      const giveUp = tries >= MAX_GRADE_TRIES || (status !== undefined && PERMANENT.has(status));
      const message = err instanceof Error ? `${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ''}` : String(err);
      queue.markGradeFailure(db, grade.id, { tries, nextTryAt: now + backoffMs(tries), error: message, giveUp });
      if (giveUp) report.failed++;
      else report.retried++;
    }
  }
  return report;
}
