// The exams feature as other features and pages see it: mock exams and practice (attempts, their
// answers, extra time), drawn from blueprints and question pools. Its tables are in schema.ts and
// only its stores query them; everything another feature needs is a function here. Pages import
// only the types and view models below.

// Where a trainee stands on a level's mock exams (the trainee's home), and the best result a
// certificate may print.
export { mockExamStatuses, type MockExamStatus } from './mock-status.js';
export { bestExamScore, type BestExamScore } from './store.js';

// The blueprints (courses/blueprints.yaml): the LMS's exam placements, the certificate's "best
// mock exam at this level", and `bcm validate`.
export { blueprintProblems, examKeysForLevel, type Blueprint, type Blueprints, type Range, type SizeRow } from './blueprint.js';

// What the LMS's grade queue reads of the attempts it names.
export { attemptIdsInCohorts, attemptOrigins, examAttemptFacts, type AttemptOrigin } from './store.js';

// --- for the pages (views/exams): types and view models -----------------------------------------
export type { AttemptMeta, AttemptRow, AttemptSummary } from './store.js';
export type { AwaitingMarking, ViewItem, ViewSection, ViewSlot } from './paper-view.js';
export { TYPE_ORDER, type AttemptResult, type ReviewRule, type Scoring, type Tally } from './types.js';
// How a stored answer reads on the trainee's shuffled paper (letters, picks, the key).
export { displayAnswer, displayPicks, letter, storedKey } from './answers.js';
export type { ExamCounts } from './stats-store.js';
export type { Distribution, ItemView, ResultRow } from './analytics.js';
export { BASES, MIN_DISCRIMINATION_N, percentOf, type Basis, type Submitted } from './stats.js';
export type { Cohort } from '../institutions/index.js';

// Marking written answers (阅卷): the queue, the answer to mark and the policy, for views/exams/marking.
export type { AnswerToMark, QueueRow } from './marking/marking.js';
export { MARK_COMMENT_MAX, type MarkingPolicy } from './marking/rules.js';
export { ANSWER_MAX_CHARS, charCount } from '../catalog/index.js';

// Scheduled sittings (统一模拟考): the view models of the schedule page, the live room, the results
// and the trainee's 考前须知.
export { REVIEW_POLICIES, type ReviewPolicy, type SittingFormValues, type SittingPhase } from './sittings/rules.js';
export type { LiveRow, SittingResultRow, TraineeSitting } from './sittings/sittings.js';
export type { SittingListItem } from './sittings/sittings.js';
