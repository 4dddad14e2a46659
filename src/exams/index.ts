// The exams feature as other features and views see it (it grows as exams is restructured; its
// remaining cross-feature imports are listed in test/architecture/allowlist.ts).
export { mockExamStatuses, type MockExamStatus } from './mock-status.js';
export type { Range, SizeRow } from './blueprint.js';
// Checked by `bcm validate` with the rest of courses/ (blueprints.yaml against the banks).
export { blueprintProblems } from './blueprint.js';
