import type { Db } from '../db/client.js';
import { inTransaction } from '../db/client.js';
import type { Catalog } from '../catalog/catalog.js';
import type { Level } from '../catalog/programme.js';
import { courseSummary } from '../catalog/syllabus.js';
import { findProfile, writeAudit } from '../institutions/store.js';
import * as store from './store.js';
import { evaluateLevelHours, type LevelHoursPosition, STUDY_MODES, type StudyMode } from './rules/requirements.js';
import { evaluateEligibility, type EligibilityResult } from './rules/eligibility.js';

export type LevelId = store.HourEntry['level'];
export type MinutesByMode = Record<StudyMode, number>;

export const emptyMinutes = (): MinutesByMode => ({ faceToFace: 0, remote: 0, selfStudy: 0 });

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
    writeAudit(db, {
      actorId: input.actorId,
      institutionId: input.institutionId,
      action: 'hours.correct',
      subject: `user:${input.traineeId}`,
      detail: { entryId: entry.id, correctsId: entry.correctsId, mode: input.mode, minutes: input.minutes },
    }, now);
    return entry;
  });
}

/** Minutes by level and mode for one trainee, summed from the ledger. */
export function traineeMinutesByLevel(db: Db, traineeId: number): Map<LevelId, MinutesByMode> {
  const out = new Map<LevelId, MinutesByMode>();
  for (const row of store.traineeMinutes(db, traineeId)) {
    const m = out.get(row.level) ?? emptyMinutes();
    m[row.mode] += row.minutes;
    out.set(row.level, m);
  }
  return out;
}

export type LevelPosition = {
  level: Level;
  minutes: MinutesByMode;
  hours: LevelHoursPosition;
  eligibility: EligibilityResult;
  mayApply: boolean;
};

/**
 * Hours credited from the assistant level (已学过助理级的减去相应的课时): the whole of the credit
 * courses for a holder of the assistant certificate, else what the ledger shows at that level.
 */
function creditedHours(db: Db, catalog: Catalog, traineeId: number, level: Level, hasCertificate: boolean): number {
  if (!level.credit) return 0;
  const classHour = catalog.programme.hoursRules.classHourMinutes;
  const courseHours = (slug: string) => {
    const course = catalog.course(slug);
    return course ? courseSummary(catalog, course).hours : 0;
  };
  let hours = 0;
  if (hasCertificate) {
    for (const slug of level.credit.courses) hours += courseHours(slug);
  } else {
    const earned = new Map(store.traineeCourseMinutes(db, traineeId, level.credit.fromLevel as LevelId).map((r) => [r.courseSlug, r.minutes]));
    for (const slug of level.credit.courses) hours += Math.min(courseHours(slug), Math.max(0, (earned.get(slug) ?? 0) / classHour));
  }
  return Math.min(Math.floor(hours * 100) / 100, level.studyHours);
}

/** Where a trainee stands on one level: hours against the rules, and eligibility to apply. */
export function levelPosition(db: Db, catalog: Catalog, traineeId: number, level: Level, minutes?: MinutesByMode): LevelPosition {
  const programme = catalog.programme;
  const profile = findProfile(db, traineeId);
  const byMode = minutes ?? traineeMinutesByLevel(db, traineeId).get(level.id as LevelId) ?? emptyMinutes();
  const hasCertificate = profile?.assistantCertificate ?? false;
  const hours = evaluateLevelHours({
    level,
    minimumTrainingHours: level.minimumTrainingHours ?? programme.minimumTrainingHours,
    classHourMinutes: programme.hoursRules.classHourMinutes,
    minutesByMode: byMode,
    creditedHours: creditedHours(db, catalog, traineeId, level, hasCertificate),
  });
  const eligibility = evaluateEligibility(level.eligibility, {
    education: profile?.education ?? null,
    yearsInFinance: profile?.yearsInFinance ?? 0,
    certificates: hasCertificate ? ['assistant'] : [],
    majorViolation: profile?.majorViolation ?? false,
  });
  return { level, minutes: byMode, hours, eligibility, mayApply: hours.complete && eligibility.eligible };
}

/** The levels a trainee is enrolled in, each with its position. */
export function traineeProgress(db: Db, catalog: Catalog, traineeId: number): LevelPosition[] {
  const byLevel = traineeMinutesByLevel(db, traineeId);
  const levels = [...new Set(store.traineeCohorts(db, traineeId).map((c) => c.level))];
  return levels.flatMap((id) => {
    const level = catalog.level(id);
    return level ? [levelPosition(db, catalog, traineeId, level, byLevel.get(id) ?? emptyMinutes())] : [];
  });
}

export { STUDY_MODES };
