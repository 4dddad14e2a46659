// The institutions feature as other features and views see it: institutions, cohorts, the people
// in them (accounts, trainee profiles, enrolments, instructors) and the audit log. Its tables are
// in schema.ts and only its stores query them; everything another feature needs is a function here.

export type {
  Cohort,
  CohortSummary,
  Education,
  Institution,
  Level,
  Person,
  Profile,
  RosterEntry,
  CohortTrainee,
  TraineeIdentity,
  Role,
  UserRow,
} from './store.js';
export {
  // institutions and cohorts
  findInstitution,
  findInstitutionByCode,
  listInstitutions,
  findCohort,
  listCohorts,
  cohortsOverlapping,
  cohortNames,
  // accounts (what auth signs in) and people
  findUserById,
  findUserByEmail,
  setPasswordHash,
  setUserLocale,
  countUsers,
  createUser,
  findPerson,
  findPersonByEmail,
  findProfile,
  upsertProfile,
  traineeIdentity,
  personNames,
  // enrolments and instructors
  enrol,
  isEnrolled,
  listRoster,
  listUserEnrolments,
  traineeCohorts,
  cohortTrainees,
  cohortIdentities,
  cohortMemberIds,
  traineeCohortIds,
  assignInstructor,
  isAssignedInstructor,
  listInstructorCohorts,
  // the audit log every feature writes
  writeAudit,
} from './store.js';
// Who teaches whom, and the trainees a member of staff reaches (exams' extra time and analytics).
export {
  traineesTaughtBy,
  teachesTrainee,
  scopedPersonIds,
  scopedTrainees,
  findTrainee,
  personContacts,
  rosterContacts,
  traineeContacts,
  rosterSize,
  type TraineeScope,
  type PersonContact,
  type TraineeContact,
} from './teaching-store.js';
export { auditPage, auditSubjectCohorts, auditSubjectUsers, latestAuditDetail, type AuditRow } from './audit-store.js';
export { maskName, maskNationalId, maskPhone } from './pii.js';
// A roster as one viewer may see it: numbers already masked unless auth lets them read them.
export { rosterRows, type RosterRow } from './roster-view.js';
export { LEVEL_IDS, isLevelId, type LevelId } from './levels.js';
export type { TraineeInput } from './trainee-row.js';

// The trainee's home: what to do next, composed from hours, exams and the catalogue.
export { traineeHome, type LevelCard, type TraineeHomeModel } from './trainee-home.js';

// What the admin's people pages show (limits and the enrolment plan of a roster preview).
export { EDUCATION_CHOICES, TRAINEE_FIELD_MAX } from './trainee-row.js';
export { COHORT_NAME_MAX, type CohortForm, type ProfileForm } from './people-edits.js';
export type { ProfileChange } from './enrolment.js';
// The roster import's preview, its numbers masked before the page sees them.
export type { RosterPreviewModel } from './roster-preview-view.js';
