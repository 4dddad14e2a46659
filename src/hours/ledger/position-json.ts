import type { LevelPosition } from './ledger.js';
import type { LevelHoursPosition, MissingReason } from '../rules/requirements.js';

// The JSON shape integrations rely on (GET /api/v1/me/hours and /api/v1/cohorts/:id/hours).
// Minutes by mode under faceToFace / remote / selfStudy; hours are class hours (课时).

export type ReasonJson = { code: string; [k: string]: unknown };

export function positionJson(p: LevelPosition) {
  const h = p.hours;
  const reasons: ReasonJson[] = p.blockers.map((r) => ({ ...r }));
  return {
    level: p.level.id,
    minutes: { faceToFace: p.minutes.faceToFace, remote: p.minutes.remote, selfStudy: p.minutes.selfStudy },
    creditedMinutes: h.creditedMinutes,
    totalMinutes: h.earnedMinutes,
    requirement: {
      studyHours: p.level.studyHours,
      requiredMinutes: h.requiredMinutes,
      minimumTrainingMinutes: h.minimumTrainingMinutes,
      modeMinimumMinutes: {
        faceToFace: h.byMode.faceToFace.minimumMinutes,
        remote: h.byMode.remote.minimumMinutes,
        selfStudy: h.byMode.selfStudy.minimumMinutes,
      },
    },
    remainingMinutes: h.remainingMinutes,
    hoursComplete: h.complete,
    eligible: p.eligibility.eligible,
    mayApply: p.mayApply,
    reasons,
  };
}

/**
 * What is missing for the hours requirement, as shown to people and integrations. The
 * minimum-training reason is left out when the level itself asks for at least as much: "12 hours
 * short of the level" already says it, and saying it twice reads as two problems.
 */
export function missingReasons(h: LevelHoursPosition): MissingReason[] {
  return h.missing.filter((m) => m.code !== 'minimumTraining' || h.minimumTrainingMinutes > h.requiredMinutes);
}
