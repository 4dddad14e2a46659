// The catalogue feature as other features see it. It starts with the question model's difficulty
// scale; exams and questions still import the catalogue's internals (test/architecture/allowlist.ts)
// and move to this index as those features are restructured.
export { difficultyBand, type DifficultyBand } from './question-bank.js';
export type { Catalog } from './catalog.js';
export { lessonSummary } from './syllabus.js';

// What the exam engine reads of the catalogue: the question model and the file banks, and the
// YAML problem reporting its blueprints file shares with every course file.
export { importedQuestionSchema, loadQuestionBank, type CasePart, type Question, type QuestionType } from './question-bank.js';
export { issuesToProblems, problemAt, readYamlFile, type ParsedYaml, type Problem } from './problem.js';
