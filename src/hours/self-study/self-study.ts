import { inTransaction, type Db } from '../../db/client.js';
import type { Catalog } from '../../catalog/index.js';
import { traineeCohorts } from '../../institutions/index.js';
import * as store from '../store.js';
import { appendEntry } from '../ledger/ledger.js';
import { creditHeartbeat } from '../rules/heartbeat.js';
import { activeMinutes, lessonCompletion, readingMinutesLeft, type LessonCompletion } from '../rules/completion.js';
import type { LmsEvents } from '../../lms/index.js';

// Self-study: active reading time from heartbeats, and a lesson's hours credited once it is
// complete (enough active time and its self-check answered).

export type LessonRef = { courseSlug: string; lessonSlug: string };

/** The LMS hook a completed lesson reports to (the app's `deps.lms`). */
export type StudyEvents = Pick<LmsEvents, 'onLessonCompleted'>;

const lessonKey = (l: LessonRef) => `${l.courseSlug}/${l.lessonSlug}`;

function lessonFacts(catalog: Catalog, l: LessonRef) {
  const found = catalog.lesson(l.courseSlug, l.lessonSlug);
  if (!found || !('ok' in found.lesson.state)) return undefined;
  return found.lesson.state.ok.frontmatter;
}

export type StudyStatus = {
  activeMs: number;
  requiredActiveMs: number;
  /** activeMs in whole minutes (rules/completion.ts activeMinutes). */
  activeMinutes: number;
  /** Minutes of active reading still needed before the reading share is met (readingMinutesLeft). */
  readingMinutesLeft: number;
  completion: LessonCompletion;
  credited: boolean;
  creditedMinutes: number;
  /** When the lesson was first complete (also for a lesson that credits no hours, e.g. coaching). */
  completedAt: number | null;
};

/** Where the trainee stands on one lesson (for the status line under a lesson). */
export function studyStatus(db: Db, catalog: Catalog, traineeId: number, l: LessonRef): StudyStatus | undefined {
  const fm = lessonFacts(catalog, l);
  if (!fm) return undefined;
  const activity = store.getActivity(db, traineeId, l.courseSlug, l.lessonSlug);
  const rules = catalog.programme.hoursRules;
  const completion = lessonCompletion({
    activeMs: activity?.activeMs ?? 0,
    lessonHours: fm.hours,
    classHourMinutes: rules.classHourMinutes,
    requiredShare: rules.selfStudyActiveShare,
    selfCheckIds: fm.selfCheck.map((q) => q.id),
    answeredIds: store.answeredSelfChecks(db, traineeId, l.courseSlug, l.lessonSlug),
    status: fm.status,
  });
  const credited = store.lessonCredited(db, traineeId, l.courseSlug, l.lessonSlug);
  const activeMs = activity?.activeMs ?? 0;
  return {
    activeMs,
    requiredActiveMs: completion.requiredActiveMs,
    activeMinutes: activeMinutes(activeMs),
    readingMinutesLeft: readingMinutesLeft(activeMs, completion.requiredActiveMs),
    completion,
    credited,
    creditedMinutes: Math.floor(fm.hours * rules.classHourMinutes),
    completedAt: activity?.completedAt ?? null,
  };
}

/**
 * What a course is to a trainee: a study course of one of their cohorts' levels (its self-study
 * credits hours), that level's exam coaching course (recorded, never credited: decision 002,
 * item 6), or neither.
 */
export function courseRole(db: Db, catalog: Catalog, traineeId: number, courseSlug: string): 'study' | 'coaching' | 'none' {
  const levels = traineeCohorts(db, traineeId).flatMap((c) => catalog.level(c.level) ?? []);
  if (levels.some((l) => l.courses.includes(courseSlug))) return 'study';
  if (levels.some((l) => l.coaching === courseSlug)) return 'coaching';
  return 'none';
}

/**
 * Credits a lesson's hours once, when complete, to the newest cohort whose level includes its
 * course. A trainee in no such cohort keeps the active time but earns no ledger entry.
 */
function completeIfDue(db: Db, lms: StudyEvents, catalog: Catalog, traineeId: number, l: LessonRef, now: number): boolean {
  const status = studyStatus(db, catalog, traineeId, l);
  if (!status || status.credited || !status.completion.complete) return false;
  // Only a level's study courses credit hours; its coaching course never matches here.
  const cohort = traineeCohorts(db, traineeId).find((c) => catalog.level(c.level)?.courses.includes(l.courseSlug));
  // Completion without a ledger row is recorded once (its time and the xAPI statement); later beats
  // must not restamp it. With a cohort the ledger row is still due, so it goes on.
  if (!cohort && status.completedAt !== null) return false;
  return inTransaction(db, () => {
    if (store.lessonCredited(db, traineeId, l.courseSlug, l.lessonSlug)) return false; // a concurrent request won
    store.markLessonCompleted(db, traineeId, l.courseSlug, l.lessonSlug, now);
    lms.onLessonCompleted(db, { traineeId, ...l, activeMs: status.activeMs }, now); // xAPI, queued in this transaction
    if (!cohort) return false; // re-checked on later beats, so enrolling later still credits it
    appendEntry(db, {
      traineeId,
      institutionId: cohort.institutionId,
      cohortId: cohort.id,
      level: cohort.level,
      courseSlug: l.courseSlug,
      lessonSlug: l.lessonSlug,
      sessionId: null,
      mode: 'selfStudy',
      minutes: status.completion.creditMinutes,
      source: 'heartbeat',
      evidence: { activeMs: status.activeMs, requiredActiveMs: status.requiredActiveMs },
      recordedBy: null,
      recordedAt: now,
      correctsId: null,
      reason: null,
    });
    return true;
  });
}

/**
 * One heartbeat from an open, active lesson page. Time comes from the server's clock only; the
 * credit is at most the time since this trainee's previous beat from any tab (rules/heartbeat.ts).
 * Returns the lesson's study status after the beat (undefined for an unknown lesson).
 */
export function recordHeartbeat(db: Db, lms: StudyEvents, catalog: Catalog, traineeId: number, l: LessonRef, now = Date.now()): StudyStatus | undefined {
  if (!lessonFacts(catalog, l)) return undefined;
  const rules = catalog.programme.hoursRules;
  const creditMs = inTransaction(db, () => {
    const prev = store.getReaderState(db, traineeId);
    const result = creditHeartbeat(
      prev ? { lastBeatAt: prev.lastBeatAt, lessonKey: prev.lessonKey } : null,
      { at: now, lessonKey: lessonKey(l) },
      {
        idleLimitMs: rules.heartbeatIdleSeconds * 1000,
        maxCreditMs: Math.min(60_000, rules.heartbeatIdleSeconds * 1000),
      },
    );
    if (result.next && (result.next.lastBeatAt !== prev?.lastBeatAt || result.next.lessonKey !== prev?.lessonKey)) {
      store.putReaderState(db, traineeId, result.next.lessonKey, result.next.lastBeatAt);
    }
    store.addActiveTime(db, traineeId, l.courseSlug, l.lessonSlug, result.creditMs, now);
    return result.creditMs;
  });
  const status = studyStatus(db, catalog, traineeId, l)!;
  if (creditMs > 0 && !status.credited && status.completion.complete && completeIfDue(db, lms, catalog, traineeId, l, now)) {
    return studyStatus(db, catalog, traineeId, l);
  }
  return status;
}

export function recordSelfCheckAnswer(
  db: Db,
  lms: StudyEvents,
  catalog: Catalog,
  a: LessonRef & { traineeId: number; questionId: string; answer: string; correct: boolean },
  now = Date.now(),
): boolean {
  store.saveSelfCheckAnswer(db, {
    traineeId: a.traineeId,
    courseSlug: a.courseSlug,
    lessonSlug: a.lessonSlug,
    questionId: a.questionId,
    answer: a.answer,
    correct: a.correct,
    answeredAt: now,
  });
  return completeIfDue(db, lms, catalog, a.traineeId, a, now);
}

export type LastLesson = LessonRef & { title: string; at: number; status: StudyStatus };

/** The lesson a trainee read last, with where they stand on it; undefined before any reading. */
export function lastLessonRead(db: Db, catalog: Catalog, traineeId: number): LastLesson | undefined {
  const row = store.lastActivity(db, traineeId);
  if (!row) return undefined;
  const l = { courseSlug: row.courseSlug, lessonSlug: row.lessonSlug };
  const fm = lessonFacts(catalog, l);
  const status = studyStatus(db, catalog, traineeId, l);
  if (!fm || !status) return undefined; // a lesson since removed from the courses
  return { ...l, title: fm.title, at: row.lastAt, status };
}

/** `course/lesson` keys of the lessons whose self-study hours are credited (the syllabus ticks). */
export function creditedLessons(db: Db, traineeId: number): ReadonlySet<string> {
  return store.creditedLessonKeys(db, traineeId);
}
