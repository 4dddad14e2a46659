// The catalogue feature as other features see it. It starts with the question model's difficulty
// scale; exams and questions still import the catalogue's internals (test/architecture/allowlist.ts)
// and move to this index as those features are restructured.
export { difficultyBand, type DifficultyBand } from './question-bank.js';
export type { Catalog } from './catalog.js';
export { lessonSummary } from './syllabus.js';
export { localisedCourseTitle } from './course-title.js';
