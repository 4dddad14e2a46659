// A trainee's position on one level's hours: what is earned, what the level requires, the
// programme-wide minimum of unified training (统一培训不少于40个课时), and per-mode minimums. Hours
// (课时, class hours) come from programme.yaml; the ledger counts minutes. Names carry their unit.

export type StudyMode = 'faceToFace' | 'remote' | 'selfStudy';
export const STUDY_MODES: readonly StudyMode[] = ['faceToFace', 'remote', 'selfStudy'];

/** The part of a programme.yaml level these rules read (a catalog Level fits). */
export interface LevelHoursSpec {
  id: string;
  studyHours: number;
  examCoachingHours: number;
  modeMinimums: Readonly<Record<StudyMode, number | null>>;
  credit?: { fromLevel: string; courses: readonly string[] };
}

export interface LevelHoursInput {
  level: LevelHoursSpec;
  minimumTrainingHours: number;
  classHourMinutes: number;
  minutesByMode: Readonly<Record<StudyMode, number>>;
  /** Hours already earned at level.credit.fromLevel that count here (see assistantCreditHours). */
  creditedHours: number;
}

export interface ModePosition {
  earnedMinutes: number;
  minimumMinutes: number | null;
  met: boolean;
}

export type MissingReason =
  | { code: 'levelHours'; remainingMinutes: number }
  | { code: 'minimumTraining'; remainingMinutes: number }
  | { code: 'modeMinimum'; mode: StudyMode; remainingMinutes: number };

export interface LevelHoursPosition {
  levelId: string;
  /** Logged minutes in every mode plus credited minutes. */
  earnedMinutes: number;
  creditedMinutes: number;
  /** level.studyHours in minutes; exam coaching (考前辅导) is not part of it. */
  requiredMinutes: number;
  remainingMinutes: number;
  byMode: Record<StudyMode, ModePosition>;
  meetsLevelHours: boolean;
  minimumTrainingMinutes: number;
  meetsMinimumTraining: boolean;
  complete: boolean;
  missing: MissingReason[];
}

export function evaluateLevelHours(input: LevelHoursInput): LevelHoursPosition {
  const { level, minimumTrainingHours, classHourMinutes, minutesByMode, creditedHours } = input;
  if (!(Number.isFinite(classHourMinutes) && classHourMinutes > 0)) {
    throw new RangeError(`classHourMinutes must be positive, got ${classHourMinutes}`);
  }
  nonNegative('level.studyHours', level.studyHours);
  nonNegative('minimumTrainingHours', minimumTrainingHours);
  nonNegative('creditedHours', creditedHours);
  if (creditedHours > 0 && !level.credit) {
    throw new RangeError(`level ${level.id} takes no credit from another level, got ${creditedHours} credited hours`);
  }
  const toMinutesUp = (hours: number) => Math.ceil(hours * classHourMinutes - 1e-6);

  const byMode = {} as Record<StudyMode, ModePosition>;
  const missing: MissingReason[] = [];
  let loggedMinutes = 0;
  for (const mode of STUDY_MODES) {
    const earnedMinutes = minutesByMode[mode];
    if (!(Number.isInteger(earnedMinutes) && earnedMinutes >= 0)) {
      throw new RangeError(`minutesByMode.${mode} must be a non-negative integer, got ${earnedMinutes}`);
    }
    loggedMinutes += earnedMinutes;
    const minimumHours = level.modeMinimums[mode];
    if (minimumHours !== null) nonNegative(`modeMinimums.${mode}`, minimumHours);
    const minimumMinutes = minimumHours === null ? null : toMinutesUp(minimumHours);
    const met = minimumMinutes === null || earnedMinutes >= minimumMinutes;
    byMode[mode] = { earnedMinutes, minimumMinutes, met };
    if (!met) missing.push({ code: 'modeMinimum', mode, remainingMinutes: minimumMinutes! - earnedMinutes });
  }

  const creditedMinutes = Math.floor(creditedHours * classHourMinutes + 1e-6);
  const earnedMinutes = loggedMinutes + creditedMinutes;
  const requiredMinutes = toMinutesUp(level.studyHours);
  const remainingMinutes = Math.max(0, requiredMinutes - earnedMinutes);
  const meetsLevelHours = remainingMinutes === 0;
  const minimumTrainingMinutes = toMinutesUp(minimumTrainingHours);
  const meetsMinimumTraining = earnedMinutes >= minimumTrainingMinutes;

  if (!meetsMinimumTraining) {
    missing.unshift({ code: 'minimumTraining', remainingMinutes: minimumTrainingMinutes - earnedMinutes });
  }
  if (!meetsLevelHours) missing.unshift({ code: 'levelHours', remainingMinutes });

  return {
    levelId: level.id,
    earnedMinutes,
    creditedMinutes,
    requiredMinutes,
    remainingMinutes,
    byMode,
    meetsLevelHours,
    minimumTrainingMinutes,
    meetsMinimumTraining,
    complete: missing.length === 0,
    missing,
  };
}

/**
 * Hours credited to `level` from the level it takes credit from (已学过助理级的减去相应的课时): the
 * sum of the trainee's earned hours in the courses `level.credit.courses` lists, each course
 * counted once; 0 for a level without credit. Never more than the level's study hours.
 */
export function assistantCreditHours(
  level: Pick<LevelHoursSpec, 'id' | 'studyHours' | 'credit'>,
  earnedAssistantCourseHours: Readonly<Record<string, number>> | ReadonlyMap<string, number>,
): number {
  if (!level.credit) return 0;
  const lookup = (course: string): number | undefined =>
    earnedAssistantCourseHours instanceof Map
      ? earnedAssistantCourseHours.get(course)
      : Object.hasOwn(earnedAssistantCourseHours, course)
        ? (earnedAssistantCourseHours as Readonly<Record<string, number>>)[course]
        : undefined;
  let hours = 0;
  for (const course of new Set(level.credit.courses)) {
    const earned = lookup(course) ?? 0;
    if (!(Number.isFinite(earned) && earned >= 0)) {
      throw new RangeError(`earned hours for ${course} must be a non-negative number, got ${earned}`);
    }
    hours += earned;
  }
  return Math.min(hours, level.studyHours);
}

function nonNegative(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${name} must be a non-negative number, got ${value}`);
}
