import type { Db } from '../db/client.js';
import { lessonSummary, type Catalog } from '../catalog/index.js';
import { lastLessonRead, nextClass, traineeProgress, type LastLesson, type LevelPosition, type NextClass, type ReasonJson } from '../hours/index.js';
import { mockExamStatuses, type Blueprints, type MockExamStatus } from '../exams/index.js';
import { listUserEnrolments } from './store.js';

// What a trainee's home shows, gathered from the features that own each fact: the lesson to go
// back to, hours against each enrolled level's requirement, the next class, and the mock exams.
// Every read is keyed by the trainee's own id, so nothing of anyone else can appear.

export type FirstLesson = { courseSlug: string; lessonSlug: string; title: string };

export type TraineeHomeModel = {
  lastLesson: LastLesson | undefined;
  /** Once the last lesson read is credited: the lesson after it in its course, to go on with. */
  nextLesson: FirstLesson | undefined;
  /** Where to begin when nothing has been read yet: the first written lesson of the first level. */
  firstLesson: FirstLesson | undefined;
  levels: LevelCard[];
  nextClass: NextClass | undefined;
  enrolments: ReturnType<typeof listUserEnrolments>;
};

/**
 * One enrolled level on the home page. `blockers`: what stands between the trainee and applying
 * (missing hours first, then the eligibility rules); `profileBlocks`: one of them is about the
 * trainee's details (education, years, certificate, record), which the institution corrects.
 */
export type LevelCard = { position: LevelPosition; exams: MockExamStatus[]; blockers: ReasonJson[]; profileBlocks: boolean };

function levelCard(position: LevelPosition, exams: MockExamStatus[]): LevelCard {
  return { position, exams, blockers: position.blockers, profileBlocks: position.eligibility.reasons.length > 0 };
}

function firstLessonOf(catalog: Catalog, levelId: string | undefined): FirstLesson | undefined {
  const level = levelId ? catalog.level(levelId) : undefined;
  for (const courseSlug of level?.courses ?? []) {
    for (const l of catalog.lessons(courseSlug)) {
      const s = lessonSummary(l);
      if (s.status === 'full') return { courseSlug, lessonSlug: s.slug, title: s.title };
    }
  }
  return undefined;
}

function lessonAfter(catalog: Catalog, courseSlug: string, lessonSlug: string): FirstLesson | undefined {
  const next = catalog.lesson(courseSlug, lessonSlug)?.next;
  if (!next) return undefined;
  const s = lessonSummary(next);
  return s.status === 'error' ? undefined : { courseSlug, lessonSlug: s.slug, title: s.title };
}

export function traineeHome(db: Db, catalog: Catalog, blueprints: Blueprints, traineeId: number, now = Date.now()): TraineeHomeModel {
  const positions = traineeProgress(db, catalog, traineeId, now);
  const lastLesson = lastLessonRead(db, catalog, traineeId);
  return {
    lastLesson,
    nextLesson: lastLesson?.status.credited ? lessonAfter(catalog, lastLesson.courseSlug, lastLesson.lessonSlug) : undefined,
    firstLesson: lastLesson ? undefined : firstLessonOf(catalog, positions[0]?.level.id),
    levels: positions.map((position) => levelCard(position, mockExamStatuses(db, blueprints, traineeId, position.level.id, now))),
    nextClass: nextClass(db, traineeId, now),
    enrolments: listUserEnrolments(db, traineeId),
  };
}
