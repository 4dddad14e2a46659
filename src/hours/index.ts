// The hours feature as other features and views see it. Hours are totalled in one module,
// totals.ts (every sum of the ledger, with the rule that a class's minutes count only once it has
// ended); positions (where a trainee stands against a level's rules) are built on those totals.
// Its tables are in schema.ts and only its stores query them.

// Totals: every sum of the ledger. The clock itself (effectiveAt, countsAt) stays inside totals.ts,
// so no other module can sum the ledger on its own.
export {
  emptyMinutes,
  traineeMinutes,
  traineeMinutesByLevel,
  traineeCourseMinutes,
  learningSpan,
  classCounts,
  cohortMinutesByTrainee,
  cohortCourseMinutes,
  cohortMinutesInWindow,
  classMinutes,
  classTraineeKey,
  evidenceCredited,
  creditedByClass,
  type LevelId,
  type MinutesByMode,
  type Window,
} from './ledger/totals.js';

// Positions and the ledger.
export { appendEntry, addCorrection, levelPosition, traineeProgress, type CorrectionInput, type LevelPosition } from './ledger/ledger.js';
export { cohortLevel, cohortPositions, type AttendanceStatus, type Behind, type TraineePosition } from './ledger/cohort-report.js';
export { STUDY_MODES, type MissingReason, type StudyMode } from './rules/requirements.js';
export { ROSTER_STATUSES, type RosterStatus } from './rules/attendance.js';
export { missingReasons, positionJson, type ReasonJson } from './ledger/position-json.js';

// Classes and their attendance.
export { marksBefore, classesStartingIn, type AttendanceMark, type ClassSession, type HourEntry } from './store.js';
export type { LedgerRow } from './ledger/report-store.js';
export type { StudyStatus } from './self-study/self-study.js';
export { courseRole } from './self-study/self-study.js';
export type { ScheduleForm } from './classes/schedule.js';
export { attendanceHref, cohortHref, type ClassItem } from './classes/links.js';
export { toDateTimeLocal } from '../platform/zoned-time.js';

// Records in words a bank employee reads (the ledger's evidence, the audit log).
export { describeEvidence } from './ledger/evidence-wording.js';
export { auditActionLabel, describeAudit } from './audit-wording.js';

// Where a trainee stands and what is next for them (the trainee's home).
export { lastLessonRead, type LastLesson } from './self-study/self-study.js';
export { selfCheckMisses, type SelfCheckMiss } from './self-study/self-check-misses.js';
export { nextClass, type NextClass } from './classes/next-class.js';
