import type { Db } from '../../db/client.js';
import type { Catalog, Level } from '../../catalog/index.js';
import { cohortTrainees, type Cohort, type CohortTrainee } from '../../institutions/index.js';
import * as store from '../store.js';
import { cohortCourseMinutes, cohortMinutesByTrainee, emptyMinutes, type LevelId } from './totals.js';
import { creditCourseHours, creditedHoursFrom, positionFrom, type LevelPosition } from './ledger.js';

// A whole cohort's hours from a few grouped queries: minutes per (trainee, mode), the assistant
// credit courses per (trainee, course), and the roster with profiles. The per-trainee arithmetic
// is ledger.ts's (positionFrom, creditedHoursFrom), so the cohort and one-trainee views agree.

export type TraineePosition = { trainee: CohortTrainee; position: LevelPosition };

export function cohortLevel(catalog: Catalog, cohort: Pick<Cohort, 'level'>): Level {
  const level = catalog.level(cohort.level);
  // The database enum and programme.yaml name the same four levels; a missing one is a broken install.
  if (!level) throw new Error(`programme.yaml has no level ${cohort.level}`);
  return level;
}

/** Every trainee's position at `now` (a class session still running credits nothing yet). */
export function cohortPositions(db: Db, catalog: Catalog, cohort: Cohort, now = Date.now()): TraineePosition[] {
  const level = cohortLevel(catalog, cohort);
  const programme = catalog.programme;
  const byTrainee = cohortMinutesByTrainee(db, cohort.id, cohort.level, now);
  const creditCourses = new Map<number, Map<string | null, number>>();
  if (level.credit) {
    for (const row of cohortCourseMinutes(db, cohort.id, level.credit.fromLevel as LevelId, level.credit.courses, now)) {
      const m = creditCourses.get(row.traineeId) ?? new Map<string | null, number>();
      m.set(row.courseSlug, row.minutes);
      creditCourses.set(row.traineeId, m);
    }
  }
  const courseHours = creditCourseHours(catalog, level);
  const none = new Map<string | null, number>();
  return cohortTrainees(db, cohort.id).map((trainee) => {
    const profile = {
      education: trainee.education,
      yearsInFinance: trainee.yearsInFinance ?? 0,
      assistantCertificate: trainee.assistantCertificate ?? false,
      majorViolation: trainee.majorViolation ?? false,
    };
    const credited = creditedHoursFrom(
      level,
      programme.hoursRules.classHourMinutes,
      courseHours,
      profile.assistantCertificate,
      creditCourses.get(trainee.id) ?? none,
    );
    return { trainee, position: positionFrom(programme, level, profile, byTrainee.get(trainee.id) ?? emptyMinutes(), credited) };
  });
}

// --- falling behind ---------------------------------------------------------------------------

const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/**
 * Share of the cohort's period already behind us on `today`: whole days completed before today,
 * over all days startsOn–endsOn inclusive. Today counts only once it is over, so nobody is
 * flagged on the first morning for hours the day has not yet had the chance to give.
 */
export function elapsedShare(startsOn: string, endsOn: string, today: string): number {
  const total = dayNumber(endsOn) - dayNumber(startsOn) + 1;
  if (total <= 0) return 1;
  const done = dayNumber(today) - dayNumber(startsOn);
  return Math.min(1, Math.max(0, done / total));
}

export type Behind = { trainee: CohortTrainee; earnedMinutes: number; expectedMinutes: number; gapMinutes: number };

/** The minutes a trainee is expected to have by now: the pro-rata share of the required ones, rounded down. */
export const expectedMinutesBy = (requiredMinutes: number, share: number): number => Math.floor(requiredMinutes * share);

/** Trainees below the pro-rata share of the level's required minutes, largest gap first. */
export function fallingBehind(rows: readonly TraineePosition[], share: number): Behind[] {
  const out: Behind[] = [];
  for (const { trainee, position } of rows) {
    const expectedMinutes = expectedMinutesBy(position.hours.requiredMinutes, share);
    const gapMinutes = expectedMinutes - position.hours.earnedMinutes;
    if (gapMinutes > 0) out.push({ trainee, earnedMinutes: position.hours.earnedMinutes, expectedMinutes, gapMinutes });
  }
  return out.sort((a, b) => b.gapMinutes - a.gapMinutes || a.trainee.name.localeCompare(b.trainee.name, 'zh-CN') || a.trainee.id - b.trainee.id);
}

// --- attendance matrix ------------------------------------------------------------------------

export type AttendanceStatus = store.AttendanceMark['status'];

/** The cohort's sessions in time order and each (session, trainee)'s newest mark. */
export function attendanceMatrix(db: Db, cohortId: number) {
  const sessions = store.cohortClasses(db, cohortId);
  const marks = store.cohortMarks(db, cohortId);
  return {
    sessions,
    status: (sessionId: number, traineeId: number): AttendanceStatus | null => marks.get(`${sessionId}:${traineeId}`)?.status ?? null,
  };
}
