// The questions feature as other features and pages see it: an institution's own question banks
// (imported_questions, its schema.ts), imported from CSV/XLSX sheets or GIFT files. Its routes
// (/questions) and the `bcm questions:import` command are mounted by the composition root
// (app.tsx, cli.ts) from routes.tsx and cli.ts.

// The upload limit createApp's body-size guard applies to /questions/import.
export { MAX_QUESTION_FILE_BYTES } from './import.js';

// For the exam engine: an institution's imported questions, and a stamp that changes with them
// (its pool cache is keyed on it). Every read is scoped by institution.
export { importedQuestionRows, importedStamp, loadImportedQuestions } from './store.js';

// What the pages show: the question model (the catalogue's, shared with questions.yaml), the
// types in the order pages list them, and counts by type.
export { QUESTION_TYPES, type Question, type QuestionType } from '../catalog/index.js';
export type { TypeCounts } from './import.js';
