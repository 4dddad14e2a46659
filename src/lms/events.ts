import { createHash } from 'node:crypto';
import type { Db } from '../db/client.js';
import { findUserById } from '../institutions/index.js';
import { lessonSummary } from '../catalog/index.js';
import type { LmsRuntime } from './settings.js';
import { enqueueStatements } from './xapi/queue.js';
import {
  examMarkedStatements,
  examStartedStatement,
  examSubmittedStatements,
  lessonStatements,
  sessionStatement,
  type Ctx,
  type Title,
} from './xapi/statements.js';
import { queueExamGrade, type SubmittedAttempt } from './lti/grades.js';
import { withdrawUnsentStatement } from './queue-store.js';
import { examAttemptFacts } from '../exams/index.js';

// The listener API other features call where things happen. Each hook only inserts rows (xAPI
// statements, AGS scores) and returns: the sending is done later by the workers.
//
// Call a hook inside the transaction that records the event, so the event and its statements
// are stored together or not at all. A hook never throws: the LMS side must not be able to stop
// hours from being credited or an exam from being submitted; a failure is logged instead.
//
//   onLessonCompleted   src/hours/self-study/self-study.ts, when a lesson's self-study is credited
//   onSessionAttended   src/hours/classes/credit.ts, when attendance credit is recorded or changes
//   onExamStarted       the exams feature, when an attempt is created (not when resumed)
//   onExamSubmitted     the exams feature, when an attempt is finalised (trainee, deadline or sweep)
//   onExamMarked        the exams feature, when the last written answer of a submitted attempt is marked
//
// The features call them on the LmsRuntime the composition root built and passed in (`deps.lms`,
// typed by what they call: LmsEvents); nothing is looked up by database.

/** The hooks as the features that report events see them (LmsRuntime implements them). */
export interface LmsEvents {
  onLessonCompleted(db: Db, e: LessonCompleted, now?: number): void;
  onSessionAttended(db: Db, e: SessionAttended, now?: number): void;
  onExamStarted(db: Db, ref: AttemptRef, now?: number): void;
  onExamSubmitted(db: Db, ref: AttemptRef, now?: number): void;
  onExamMarked(db: Db, ref: AttemptRef, now?: number): void;
}

function guarded(rt: LmsRuntime, what: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    if (rt.logger) rt.logger.error({ err: detail, hook: what }, 'LMS hook failed');
    else console.error(`LMS hook ${what} failed: ${detail}`);
  }
}

function ctxOf(rt: LmsRuntime, now: number): Ctx {
  return { publicUrl: rt.settings.publicUrl, actor: rt.settings.xapi?.actor ?? 'account', now };
}

function who(db: Db, userId: number) {
  const user = findUserById(db, userId);
  return user ? { id: user.id, email: user.email } : undefined;
}

export type LessonCompleted = { traineeId: number; courseSlug: string; lessonSlug: string; activeMs: number };

export function onLessonCompleted(rt: LmsRuntime, db: Db, e: LessonCompleted, now = Date.now()): void {
  guarded(rt, 'onLessonCompleted', () => {
    if (!rt.settings.xapi) return;
    const person = who(db, e.traineeId);
    if (!person) return;
    const course = rt.catalog?.course(e.courseSlug);
    const found = rt.catalog?.lesson(e.courseSlug, e.lessonSlug);
    const facts = { ...e, courseTitle: course?.title, lessonTitle: found ? lessonSummary(found.lesson).title : undefined };
    enqueueStatements(rt, db, lessonStatements(ctxOf(rt, now), person, facts), now);
  });
}

/** The shape classes/credit.ts already has at hand (its SettleInput). */
export type SessionAttended = {
  traineeId: number;
  creditMinutes: number;
  session: { id: number; title: string; mode: 'faceToFace' | 'remote'; courseSlug: string; endsAt: number };
};

/**
 * The one statement held for (class, trainee) while the class runs: a name-based UUID, so a later
 * change during the class replaces it. The class end is part of the name, so a class moved after
 * its statement went out gets a new one.
 */
function heldAttendanceId(sessionId: number, traineeId: number, endsAt: number): string {
  const h = createHash('sha256').update(`bcm:attended:${sessionId}:${traineeId}:${endsAt}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Sent when attendance credit is recorded or changes to a positive number of minutes. A class's
 * minutes count only once it has ended (hours/store.ts), so the LMS hears of it no earlier: during
 * the class the statement waits in the queue until the end, stamped with the end, and a change of
 * the roster before then replaces it (or withdraws it when the trainee is marked absent).
 */
export function onSessionAttended(rt: LmsRuntime, db: Db, e: SessionAttended, now = Date.now()): void {
  guarded(rt, 'onSessionAttended', () => {
    if (!rt.settings.xapi) return;
    const s = e.session;
    const running = now < s.endsAt;
    const heldId = running ? heldAttendanceId(s.id, e.traineeId, s.endsAt) : undefined;
    if (heldId) withdrawUnsentStatement(db, heldId);
    if (e.creditMinutes <= 0) return;
    const person = who(db, e.traineeId);
    if (!person) return;
    const at = Math.max(now, s.endsAt);
    const statement = sessionStatement(
      ctxOf(rt, at),
      person,
      { sessionId: s.id, title: s.title, mode: s.mode, courseSlug: s.courseSlug, minutes: e.creditMinutes },
      heldId,
    );
    enqueueStatements(rt, db, [statement], now, at);
  });
}

/** An exam_attempts row (the fields the hooks read), or just its id: the hook then reads them. */
export type ExamAttempt = SubmittedAttempt & { startedAt: number; passed: boolean | null };
export type AttemptRef = ExamAttempt | number;
const attemptOf = (db: Db, a: AttemptRef): ExamAttempt | undefined => (typeof a === 'number' ? examAttemptFacts(db, a) : a);

function examTitle(rt: LmsRuntime, examKey: string): Title | undefined {
  return rt.blueprints.byId.get(examKey)?.title;
}

export function onExamStarted(rt: LmsRuntime, db: Db, ref: AttemptRef, now = Date.now()): void {
  guarded(rt, 'onExamStarted', () => {
    if (!rt.settings.xapi) return; // before any read: starts come in storms
    const attempt = attemptOf(db, ref);
    if (!attempt) return;
    const person = who(db, attempt.traineeId);
    if (!person) return;
    enqueueStatements(rt, db, [examStartedStatement(ctxOf(rt, now), person, { ...examFacts(attempt), title: examTitle(rt, attempt.examKey) })], now);
  });
}

/** Queues the xAPI statements and, for an exam reached from an LMS placement, its score (AGS). */
export function onExamSubmitted(rt: LmsRuntime, db: Db, ref: AttemptRef, now = Date.now()): void {
  guarded(rt, 'onExamSubmitted', () => {
    const attempt = attemptOf(db, ref);
    if (!attempt) return;
    queueExamGrade(db, attempt, now);
    if (!rt.settings.xapi) return;
    const person = who(db, attempt.traineeId);
    if (!person) return;
    enqueueStatements(
      rt,
      db,
      examSubmittedStatements(ctxOf(rt, attempt.submittedAt ?? now), person, { ...examFacts(attempt), title: examTitle(rt, attempt.examKey) }),
      now,
    );
  });
}

/**
 * An attempt that waited for marking (待阅卷) now has its score: the AGS score is queued and xAPI
 * says passed or failed with the score. Its "completed" statement left at submission.
 */
export function onExamMarked(rt: LmsRuntime, db: Db, ref: AttemptRef, now = Date.now()): void {
  guarded(rt, 'onExamMarked', () => {
    const attempt = attemptOf(db, ref);
    if (!attempt) return;
    queueExamGrade(db, attempt, now);
    if (!rt.settings.xapi) return;
    const person = who(db, attempt.traineeId);
    if (!person) return;
    enqueueStatements(rt, db, examMarkedStatements(ctxOf(rt, now), person, { ...examFacts(attempt), title: examTitle(rt, attempt.examKey) }), now);
  });
}

function examFacts(a: ExamAttempt) {
  return {
    attemptId: a.id,
    examKey: a.examKey,
    mode: a.mode,
    startedAt: a.startedAt,
    submittedAt: a.submittedAt,
    score: a.score,
    maxScore: a.maxScore,
    passed: a.passed,
  };
}
