// The catalogue feature as other features and pages see it. It owns no tables: the programme, the
// lessons and the question banks are files under courses/. Loading and watching the catalogue,
// compiling MDX, `bcm validate` and the routes are wired by the composition root (server.ts,
// cli.ts, app.tsx) from their own modules: they pull in mdx-bundler and chokidar, which nothing
// importing this index should have to load.

// The loaded catalogue, built once at start-up and passed in as `deps.catalog`.
export type { Catalog } from './catalog.js';

// The programme of programme.yaml: levels, courses and the hours rules. `loadProgramme` reads it
// without the lessons (the questions:import command needs only the courses); `levelMinimumHours`
// is the one rule for the training hours a level asks for.
export type { Course, HoursRules, Level, Programme } from './programme.js';
export { levelMinimumHours, loadProgramme } from './programme.js';

// What a course holds, with its hours, from the lessons' frontmatter (hours, proof, lms, homes).
export { courseSummary, lessonSummary, type CourseSummary, type LessonSummary } from './syllabus.js';
export { localisedCourseTitle } from './course-title.js';

// What the catalogue's own pages are given (views/catalog): read models, never the rules behind them.
export type { LevelsOverview, LevelSyllabus } from './syllabus.js';
export type { LessonFrontmatter, SelfCheckEntry } from './frontmatter.js';
export type { LessonOutline, TocSection } from './outline.js';
export type { SelfCheckGrade } from './self-check.js';
export type { ComponentName } from './component-names.js';
export { SELF_CHECK_LETTERS } from './frontmatter.js';

// Hooks other features plug into the lesson pages (hours: the study aside, ticks, self-check answers).
export type { CompletedLessons, LessonAside, SelfCheckEcho, SelfCheckListener } from './routes.js';

// The question model of questions.yaml, shared with the exam engine and the questions feature's
// imports (which store the same shape), and the difficulty bands papers are drawn by.
export { QUESTION_TYPES, importedQuestionSchema, loadQuestionBank } from './question-bank.js';
export type { CasePart, Question, QuestionType } from './question-bank.js';
export { difficultyBand, type DifficultyBand } from './question-bank.js';
// Written questions (主观题): their kinds, rubric and the mark a rubric adds up to.
export type { Criterion, WrittenKind, WrittenQuestion } from './question-bank.js';
export { ANSWER_MAX_CHARS, charCount, rubricMax } from './written-question.js';

// Problems in files under courses/ (`path:line:column message`), for every reader of those files
// (exam blueprints included), and the YAML reader that keeps positions for them.
export type { ParsedYaml, Problem } from './problem.js';
export { issuesToProblems, problemAt, readYamlFile } from './problem.js';
