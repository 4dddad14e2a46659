// The LMS feature as other features and views see it: LTI 1.3 launches, roster and grade sync, and
// the xAPI statements other features' events turn into. It owns the lti_* and xapi_queue tables
// (schema.ts). Other features only tell it what happened (the on… events), inside their own
// transaction, so a statement is queued exactly when the fact it reports is stored: they call the
// hooks (LmsEvents) on the runtime the composition root built and passed in as `deps.lms`.

export type { LmsEvents, LessonCompleted, SessionAttended } from './events.js';
export { createLmsRuntime, type LmsRuntime, type LmsSettings } from './settings.js';
export type { ContextRow, Platform } from './store.js';
export type { GradeListRow } from './queue-store.js';
