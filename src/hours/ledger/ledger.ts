import { inTransaction, type Db } from '../../db/client.js';
import { courseSummary, type Catalog, type Level, type Programme } from '../../catalog/index.js';
import { findProfile, traineeCohorts, writeAudit, type Profile } from '../../institutions/index.js';
import * as store from '../store.js';
import { emptyMinutes, traineeCourseMinutes, traineeMinutesByLevel, type LevelId, type MinutesByMode } from './totals.js';
import { evaluateLevelHours, type LevelHoursPosition, STUDY_MODES, type StudyMode } from '../rules/requirements.js';
import { evaluateEligibility, type EligibilityResult } from '../rules/eligibility.js';
import { missingReasons, type ReasonJson } from './position-json.js';

// Totals come from totals.ts; this module applies the programme's rules to them (positions) and
// appends to the ledger (entries, corrections).

/** Appends one ledger row. Rows are never changed afterwards. */
export function appendEntry(db: Db, entry: store.NewHourEntry): store.HourEntry {
  if (!Number.isInteger(entry.minutes)) throw new RangeError(`minutes must be whole, got ${entry.minutes}`);
  return store.insertEntry(db, entry);
}

export type CorrectionInput = {
  traineeId: number;
  institutionId: number;
  cohortId: number;
  level: LevelId;
  mode: StudyMode;
  minutes: number;
  reason: string;
  actorId: number;
  correctsId?: number | null;
  courseSlug?: string | null;
  sessionId?: number | null;
};

/** A compensating entry with its reason, plus the audit line saying who made it. */
export function addCorrection(db: Db, input: CorrectionInput, now = Date.now()): store.HourEntry {
  if (!input.reason.trim()) throw new RangeError('a correction needs a reason');
  return inTransaction(db, () => {
    const entry = appendEntry(db, {
      traineeId: input.traineeId,
      institutionId: input.institutionId,
      cohortId: input.cohortId,
      level: input.level,
      courseSlug: input.courseSlug ?? null,
      sessionId: input.sessionId ?? null,
      mode: input.mode,
      minutes: input.minutes,
      source: 'correction',
      evidence: null,
      recordedBy: input.actorId,
      recordedAt: now,
      correctsId: input.correctsId ?? null,
      reason: input.reason.trim(),
    });
    writeAudit(
      db,
      {
        actorId: input.actorId,
        institutionId: input.institutionId,
        action: 'hours.correct',
        subject: `user:${input.traineeId}`,
        detail: { entryId: entry.id, correctsId: entry.correctsId, mode: input.mode, minutes: input.minutes },
      },
      now,
    );
    return entry;
  });
}

export type LevelPosition = {
  level: Level;
  minutes: MinutesByMode;
  hours: LevelHoursPosition;
  eligibility: EligibilityResult;
  mayApply: boolean;
  /**
   * What stands between the trainee and applying, as pages and integrations word it: the hours
   * still missing (missingReasons), then the eligibility rules not met.
   */
  blockers: ReasonJson[];
};

/** Class hours of each course a level takes credit for (lesson frontmatter sums); read once per report. */
export function creditCourseHours(catalog: Catalog, level: Level): Map<string, number> {
  const out = new Map<string, number>();
  for (const slug of level.credit?.courses ?? []) {
    const course = catalog.course(slug);
    out.set(slug, course ? courseSummary(catalog, course).hours : 0);
  }
  return out;
}

/**
 * Hours credited from the assistant level (已学过助理级的减去相应的课时): the whole of the credit
 * courses for a holder of the assistant certificate, else what the ledger shows at that level,
 * each course capped at its own hours. Pure, so the one-trainee and whole-cohort paths share it.
 */
export function creditedHoursFrom(
  level: Level,
  classHourMinutes: number,
  courseHours: ReadonlyMap<string, number>,
  hasCertificate: boolean,
  earnedMinutesByCourse: ReadonlyMap<string | null, number>,
): number {
  if (!level.credit) return 0;
  let hours = 0;
  for (const slug of level.credit.courses) {
    const full = courseHours.get(slug) ?? 0;
    hours += hasCertificate ? full : Math.min(full, Math.max(0, (earnedMinutesByCourse.get(slug) ?? 0) / classHourMinutes));
  }
  return Math.min(Math.floor(hours * 100) / 100, level.studyHours);
}

/** The profile facts the hours and eligibility rules read; undefined when nothing was recorded. */
export type ProfileFacts = Pick<Profile, 'education' | 'yearsInFinance' | 'assistantCertificate' | 'majorViolation'> | undefined;

/**
 * A position from facts already at hand (pure). A mode's sum can dip below zero when a correction
 * removes more than was logged; the rules take counts, so such a mode counts as zero.
 */
export function positionFrom(programme: Programme, level: Level, profile: ProfileFacts, byMode: MinutesByMode, creditedHours: number): LevelPosition {
  const minutes: MinutesByMode = { faceToFace: Math.max(0, byMode.faceToFace), remote: Math.max(0, byMode.remote), selfStudy: Math.max(0, byMode.selfStudy) };
  const hasCertificate = profile?.assistantCertificate ?? false;
  const hours = evaluateLevelHours({
    level,
    minimumTrainingHours: level.minimumTrainingHours ?? programme.minimumTrainingHours,
    classHourMinutes: programme.hoursRules.classHourMinutes,
    minutesByMode: minutes,
    creditedHours,
  });
  const eligibility = evaluateEligibility(level.eligibility, {
    education: profile?.education ?? null,
    yearsInFinance: profile?.yearsInFinance ?? 0,
    certificates: hasCertificate ? ['assistant'] : [],
    majorViolation: profile?.majorViolation ?? false,
  });
  const blockers: ReasonJson[] = [...missingReasons(hours).map((m) => ({ ...m })), ...eligibility.reasons.map((r) => ({ ...r }))];
  return { level, minutes, hours, eligibility, mayApply: hours.complete && eligibility.eligible, blockers };
}

/** Where a trainee stands on one level at `now`: hours against the rules, and eligibility to apply. */
export function levelPosition(db: Db, catalog: Catalog, traineeId: number, level: Level, minutes?: MinutesByMode, now = Date.now()): LevelPosition {
  const programme = catalog.programme;
  const profile = findProfile(db, traineeId);
  const byMode = minutes ?? traineeMinutesByLevel(db, traineeId, now).get(level.id as LevelId) ?? emptyMinutes();
  const hasCertificate = profile?.assistantCertificate ?? false;
  // The ledger at the credit level is only read when the certificate does not already cover it.
  const earned =
    level.credit && !hasCertificate
      ? new Map(traineeCourseMinutes(db, traineeId, level.credit.fromLevel as LevelId, now).map((r) => [r.courseSlug, r.minutes]))
      : new Map<string | null, number>();
  const credited = creditedHoursFrom(level, programme.hoursRules.classHourMinutes, creditCourseHours(catalog, level), hasCertificate, earned);
  return positionFrom(programme, level, profile, byMode, credited);
}

/** The levels a trainee is enrolled in, each with its position at `now`. */
export function traineeProgress(db: Db, catalog: Catalog, traineeId: number, now = Date.now()): LevelPosition[] {
  const byLevel = traineeMinutesByLevel(db, traineeId, now);
  const levels = [...new Set(traineeCohorts(db, traineeId).map((c) => c.level))];
  return levels.flatMap((id) => {
    const level = catalog.level(id);
    return level ? [levelPosition(db, catalog, traineeId, level, byLevel.get(id) ?? emptyMinutes(), now)] : [];
  });
}

export { STUDY_MODES };
