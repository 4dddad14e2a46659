import { bestExamScore, examKeysForLevel, type BestExamScore, type Blueprints } from '../exams/index.js';
import type { Db } from '../db/client.js';
import { courseSummary, type Catalog, type Level } from '../catalog/index.js';
import { learningSpan, levelPosition, classCounts, traineeCourseMinutes, type LevelPosition } from '../hours/index.js';
import { findInstitution, maskNationalId, traineeIdentity, type Cohort } from '../institutions/index.js';
import { translator, type Translate } from '../i18n/index.js';
import { calendarDay, DEFAULT_TIME_ZONE } from '../platform/zoned-time.js';

// What a training certificate states, gathered from the ledger at the moment of issue. These
// facts are signed as they are: a PDF or a verification page only ever renders them, so every
// copy of a certificate says the same thing.

export type Bilingual = { zh: string; en: string };

export type CertificateFacts = {
  type: 'bcm.training-certificate';
  /**
   * 2: the period is the span of the learning itself (class session dates, self-study dates), the
   * course lines with `otherMinutes` add up to the total, and `mockExam` is a passed exam only.
   * Version 1 certificates (ledger-row dates, any best score) stay valid and render as signed.
   */
  version: 1 | 2;
  serial: string;
  /** The serial this one replaces (a reissue), else null. */
  supersedes: string | null;
  issuer: { name: Bilingual; url: string };
  issuedAt: string;
  /** The day of issue on the calendar of `timeZone`. */
  issueDate: string;
  /** The time zone of every calendar day stated (TIME_ZONE; absent on version 1, which used Asia/Shanghai). */
  timeZone?: string;
  trainee: { id: number; name: string; idNumber: string | null };
  institution: { code: string; name: string };
  level: { id: string; name: Bilingual; studyHours: number };
  cohort: { id: number; name: string; startsOn: string; endsOn: string } | null;
  /**
   * First and last day of credited learning: the dates of the class sessions that credited the
   * trainee and of their self-study (cohort dates when there is none). Not when rows were written.
   */
  period: { from: string; to: string };
  hours: {
    classHourMinutes: number;
    minutes: { faceToFace: number; remote: number; selfStudy: number };
    creditedMinutes: number;
    totalMinutes: number;
    requiredMinutes: number;
    minimumTrainingMinutes: number;
  };
  /** Minutes per course of the level, each ≥ 0. */
  courses: { slug: string; code: string; title: Bilingual; minutes: number; hours: number }[];
  /**
   * The minutes that belong to no course line (corrections made without a course, a course the
   * level does not list): Σ courses + hours.creditedMinutes + otherMinutes = hours.totalMinutes.
   * Absent on version 1.
   */
  otherMinutes?: number;
  sessions: { held: number; attended: number };
  /** The best passed mock exam of the level (version 2); null when none was passed. */
  mockExam: BestExamScore | null;
};

export function catalogLevel(catalog: Catalog, id: string): Level {
  const level = catalog.level(id);
  // The database enum and programme.yaml name the same four levels; a missing one is a broken install.
  if (!level) throw new Error(`programme.yaml has no level ${id}`);
  return level;
}

/** The requirement gate: where the trainee stands on the level's hours at `now` (running sessions count nothing yet). */
export function requirementPosition(db: Db, catalog: Catalog, traineeId: number, levelId: string, now = Date.now()): LevelPosition {
  return levelPosition(db, catalog, traineeId, catalogLevel(catalog, levelId), undefined, now);
}

export type FactsInput = {
  db: Db;
  catalog: Catalog;
  /** The mock exams (the app's exams runtime holds them), for the best result at the level. */
  blueprints: Blueprints;
  publicUrl: URL;
  traineeId: number;
  cohort: Cohort;
  serial: string;
  supersedes: string | null;
  position: LevelPosition;
  now: number;
  /** Calendar of the dates stated (config TIME_ZONE). */
  timeZone?: string;
};

export function certificateFacts(input: FactsInput): CertificateFacts {
  const { db, catalog, cohort, position, now } = input;
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const day = (ms: number) => calendarDay(ms, timeZone);
  const level = position.level;
  const levelId = cohort.level;
  const person = traineeIdentity(db, input.traineeId);
  if (!person) throw new Error(`no user ${input.traineeId}`);
  const institution = findInstitution(db, cohort.institutionId);
  if (!institution) throw new Error(`no institution ${cohort.institutionId}`);
  const span = learningSpan(db, input.traineeId, levelId, now);
  const earned = new Map(traineeCourseMinutes(db, input.traineeId, levelId, now).map((r) => [r.courseSlug, r.minutes]));
  const courses = level.courses.flatMap((slug) => {
    const course = catalog.course(slug);
    if (!course) return [];
    return [
      {
        slug,
        code: course.code,
        title: { zh: course.title.zh, en: course.title.en },
        minutes: Math.max(0, earned.get(slug) ?? 0),
        hours: courseSummary(catalog, course).hours,
      },
    ];
  });
  const zh = translator('zh-CN');
  const en = translator('en');
  const h = position.hours;
  // Whatever no course line holds goes to one "other / corrections" line, so the lines on the page
  // always add up to the total the requirement gate counted.
  const otherMinutes = h.earnedMinutes - h.creditedMinutes - courses.reduce((sum, c) => sum + c.minutes, 0);
  return {
    type: 'bcm.training-certificate',
    version: 2,
    serial: input.serial,
    supersedes: input.supersedes,
    issuer: { name: { zh: zh('app.name'), en: en('app.name') }, url: input.publicUrl.origin },
    issuedAt: new Date(now).toISOString(),
    issueDate: day(now),
    timeZone,
    trainee: {
      id: person.id,
      name: person.name,
      idNumber: person.nationalId ? maskNationalId(person.nationalId) : person.employeeNo ? maskNationalId(person.employeeNo) : null,
    },
    institution: { code: institution.code, name: institution.name },
    level: { id: level.id, name: { zh: level.name.zh, en: level.name.en }, studyHours: level.studyHours },
    cohort: { id: cohort.id, name: cohort.name, startsOn: cohort.startsOn, endsOn: cohort.endsOn },
    period: {
      from: span.first === null ? cohort.startsOn : day(span.first),
      to: span.last === null ? cohort.endsOn : day(span.last),
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
    otherMinutes,
    sessions: classCounts(db, input.traineeId, levelId, now),
    // An official document states a mock exam only when it was passed.
    mockExam: bestExamScore(db, input.traineeId, examKeysForLevel(input.blueprints, levelId), { passedOnly: true }),
  };
}

/**
 * Class hours (one decimal) for lines that must visibly add up to their total: each line's exact
 * value in tenths, floored, and the tenths still missing to the rounded total given to the lines
 * with the largest remainders (ties: the earlier line). Plain rounding of 3 × 120 minutes at 45
 * minutes a class hour would print 2.7 + 2.7 + 2.7 under a total of 8.0.
 */
export function apportionHours(lineMinutes: readonly number[], classHourMinutes: number): { lines: number[]; total: number } {
  const exact = lineMinutes.map((m) => (m * 10) / classHourMinutes);
  const totalTenths = Math.round(exact.reduce((a, b) => a + b, 0) + 1e-9);
  const tenths = exact.map((x) => Math.floor(x + 1e-9));
  let missing = totalTenths - tenths.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rest: x - tenths[i]! })).sort((a, b) => (Math.abs(b.rest - a.rest) > 1e-9 ? b.rest - a.rest : a.i - b.i));
  for (const { i } of order) {
    if (missing <= 0) break;
    tenths[i]! += 1;
    missing -= 1;
  }
  return { lines: tenths.map((x) => x / 10), total: totalTenths / 10 };
}

export type CourseLine = { key: string; code: string; title: Bilingual | null; minutes: number; hours: number };

/**
 * The hour lines a certificate prints under its courses heading, and their total: every course,
 * then the assistant-level credit and the "other / corrections" line when not zero (version 1
 * facts have neither line, and their courses may not add up). Shared by the PDF and the pages.
 */
export function courseLines(facts: Pick<CertificateFacts, 'courses' | 'hours' | 'otherMinutes'>): { lines: CourseLine[]; total: number } {
  const lines: Omit<CourseLine, 'hours'>[] = facts.courses.map((c) => ({ key: c.slug, code: c.code, title: c.title, minutes: c.minutes }));
  if (facts.otherMinutes !== undefined) {
    if (facts.hours.creditedMinutes !== 0) lines.push({ key: 'credited', code: '', title: null, minutes: facts.hours.creditedMinutes });
    if (facts.otherMinutes !== 0) lines.push({ key: 'other', code: '', title: null, minutes: facts.otherMinutes });
  }
  const shares = apportionHours(
    lines.map((l) => l.minutes),
    facts.hours.classHourMinutes,
  );
  return { lines: lines.map((l, i) => ({ ...l, hours: shares.lines[i]! })), total: shares.total };
}

/** Hours by mode (and the assistant-level credit) apportioned so they add up to the printed total. */
export function modeHours(hours: CertificateFacts['hours']): { faceToFace: number; remote: number; selfStudy: number; credited: number; total: number } {
  const m = hours.minutes;
  const share = apportionHours([m.faceToFace, m.remote, m.selfStudy, hours.creditedMinutes], hours.classHourMinutes);
  const [faceToFace, remote, selfStudy, credited] = share.lines as [number, number, number, number];
  return { faceToFace, remote, selfStudy, credited, total: share.total };
}

/** Class hours for people: minutes ÷ class-hour length, at most one decimal (18, 2.2). */
export function classHours(minutes: number, classHourMinutes: number): number {
  return Math.round((minutes / classHourMinutes) * 10) / 10;
}

/** The exam row: a version-2 certificate names only a passed mock exam, and leaves the row out without one. */
export function examRow(t: Translate, facts: Pick<CertificateFacts, 'version' | 'mockExam'>, percent: (n: number) => string): [string, string] | null {
  const e = facts.mockExam;
  const score = e ? t('proof.pdf.examScore', { score: e.score, max: e.maxScore, percent: percent(e.percent) }) : null;
  if (facts.version >= 2) return score ? [t('proof.pdf.examPassed'), score] : null;
  return [t('proof.pdf.exam'), score ?? t('proof.pdf.examNone')];
}
