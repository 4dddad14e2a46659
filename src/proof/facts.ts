import { examKeysForLevel } from '../exams/blueprint.js';
import type { Db } from '../db/client.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Level } from '../catalog/programme.js';
import { courseSummary } from '../catalog/syllabus.js';
import { levelPosition, type LevelPosition } from '../hours/ledger.js';
import { traineeCourseMinutes } from '../hours/store.js';
import { bestExamScore, type BestExamScore } from '../exams/best-score.js';
import { maskNationalId } from '../institutions/pii.js';
import type { Cohort } from '../institutions/store.js';
import { translator } from '../i18n/index.js';
import * as store from './store.js';
import { shanghaiDay } from './dates.js';

// What a training certificate states, gathered from the ledger at the moment of issue. These
// facts are signed as they are: a PDF or a verification page only ever renders them, so every
// copy of a certificate says the same thing.

export type Bilingual = { zh: string; en: string };

export type CertificateFacts = {
  type: 'bcm.training-certificate';
  version: 1;
  serial: string;
  /** The serial this one replaces (a reissue), else null. */
  supersedes: string | null;
  issuer: { name: Bilingual; url: string };
  issuedAt: string;
  /** The day of issue on the Shanghai calendar. */
  issueDate: string;
  trainee: { id: number; name: string; idNumber: string | null };
  institution: { code: string; name: string };
  level: { id: string; name: Bilingual; studyHours: number };
  cohort: { id: number; name: string; startsOn: string; endsOn: string } | null;
  /** First and last day training was credited (cohort dates when the ledger has none). */
  period: { from: string; to: string };
  hours: {
    classHourMinutes: number;
    minutes: { faceToFace: number; remote: number; selfStudy: number };
    creditedMinutes: number;
    totalMinutes: number;
    requiredMinutes: number;
    minimumTrainingMinutes: number;
  };
  courses: { slug: string; code: string; title: Bilingual; minutes: number; hours: number }[];
  sessions: { held: number; attended: number };
  mockExam: BestExamScore | null;
};

export function catalogLevel(catalog: Catalog, id: string): Level {
  const level = catalog.level(id);
  // The database enum and programme.yaml name the same four levels; a missing one is a broken install.
  if (!level) throw new Error(`programme.yaml has no level ${id}`);
  return level;
}

/** The requirement gate: where the trainee stands on the level's hours right now. */
export function requirementPosition(db: Db, catalog: Catalog, traineeId: number, levelId: string): LevelPosition {
  return levelPosition(db, catalog, traineeId, catalogLevel(catalog, levelId));
}

export type FactsInput = {
  db: Db;
  catalog: Catalog;
  publicUrl: URL;
  traineeId: number;
  cohort: Cohort;
  serial: string;
  supersedes: string | null;
  position: LevelPosition;
  now: number;
};

export function certificateFacts(input: FactsInput): CertificateFacts {
  const { db, catalog, cohort, position, now } = input;
  const level = position.level;
  const levelId = cohort.level;
  const person = store.traineeIdentity(db, input.traineeId);
  if (!person) throw new Error(`no user ${input.traineeId}`);
  const institution = store.institutionById(db, cohort.institutionId);
  if (!institution) throw new Error(`no institution ${cohort.institutionId}`);
  const span = store.ledgerSpan(db, input.traineeId, levelId);
  const earned = new Map(traineeCourseMinutes(db, input.traineeId, levelId).map((r) => [r.courseSlug, r.minutes]));
  const courses = level.courses.flatMap((slug) => {
    const course = catalog.course(slug);
    if (!course) return [];
    return [{ slug, code: course.code, title: { zh: course.title.zh, en: course.title.en }, minutes: Math.max(0, earned.get(slug) ?? 0), hours: courseSummary(catalog, course).hours }];
  });
  const zh = translator('zh-CN');
  const en = translator('en');
  const h = position.hours;
  return {
    type: 'bcm.training-certificate',
    version: 1,
    serial: input.serial,
    supersedes: input.supersedes,
    issuer: { name: { zh: zh('app.name'), en: en('app.name') }, url: input.publicUrl.origin },
    issuedAt: new Date(now).toISOString(),
    issueDate: shanghaiDay(now),
    trainee: { id: person.id, name: person.name, idNumber: person.nationalId ? maskNationalId(person.nationalId) : person.employeeNo ? maskNationalId(person.employeeNo) : null },
    institution: { code: institution.code, name: institution.name },
    level: { id: level.id, name: { zh: level.name.zh, en: level.name.en }, studyHours: level.studyHours },
    cohort: { id: cohort.id, name: cohort.name, startsOn: cohort.startsOn, endsOn: cohort.endsOn },
    period: {
      from: span.first === null ? cohort.startsOn : shanghaiDay(span.first),
      to: span.last === null ? cohort.endsOn : shanghaiDay(span.last),
    },
    hours: {
      classHourMinutes: catalog.programme.hoursRules.classHourMinutes,
      minutes: { faceToFace: position.minutes.faceToFace, remote: position.minutes.remote, selfStudy: position.minutes.selfStudy },
      creditedMinutes: h.creditedMinutes,
      totalMinutes: h.earnedMinutes,
      requiredMinutes: h.requiredMinutes,
      minimumTrainingMinutes: h.minimumTrainingMinutes,
    },
    courses,
    sessions: store.sessionCounts(db, input.traineeId, levelId, now),
    mockExam: bestExamScore(db, input.traineeId, examKeysForLevel(catalog.coursesDir, levelId)),
  };
}

/** Class hours for people: minutes ÷ class-hour length, at most one decimal (18, 2.2). */
export function classHours(minutes: number, classHourMinutes: number): number {
  return Math.round((minutes / classHourMinutes) * 10) / 10;
}
