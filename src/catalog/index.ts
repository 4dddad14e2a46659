// The catalogue feature as other features and pages see it. It owns no tables: the programme, the
// lessons and the question banks are files under courses/. Loading and watching the catalogue,
// compiling MDX, `bcm validate` and the routes are wired by the composition root (server.ts,
// cli.ts, app.tsx) from their own modules: they pull in mdx-bundler and chokidar, which nothing
// importing this index should have to load.

// The loaded catalogue (built once at start-up and passed in as `deps.catalog`) and its lessons.
export type { Catalog, CatalogLesson } from './catalog.js';

// The programme: levels, courses, the hours rules and the exam-eligibility rules of programme.yaml.
export type { Course, HoursRules, Level, Programme } from './programme.js';
// Read without loading the lessons (the questions:import command only needs the courses).
export { loadProgramme, levelMinimumHours } from './programme.js';

// Read models of the syllabus: what a level or a course holds, with its hours.
export { courseSummary, lessonSummary, levelSyllabus, levelsIncluding, levelsOverview } from './syllabus.js';
export type { CourseSummary, LessonSummary, LevelsOverview, LevelSyllabus } from './syllabus.js';

// What a lesson page shows beside its body: frontmatter, the outline, the self-check.
export type { LessonFrontmatter, LessonMode, SelfCheckEntry } from './frontmatter.js';
export { SELF_CHECK_LETTERS } from './frontmatter.js';
export type { TocEntry } from './compile.js';
export { lessonOutline, nestToc, type LessonOutline, type TocSection } from './outline.js';
export { gradeSelfCheck, type SelfCheckGrade } from './self-check.js';
export type { ComponentName } from './component-names.js';

// Hooks other features plug into the lesson pages (hours: the study aside, ticks, self-check answers).
export type { CompletedLessons, LessonAside, SelfCheckListener } from './routes.js';

// The question model of questions.yaml, shared with the exams engine and institutions' own imports.
export { QUESTION_TYPES, importedQuestionSchema, loadQuestionBank } from './question-bank.js';
export type { CasePart, Question, QuestionBankFile, QuestionType } from './question-bank.js';
export { difficultyBand, type DifficultyBand } from './question-bank.js';

// Problems in files under courses/ (`path:line:column message`), for every reader of those files
// (exam blueprints included), and the YAML reader that keeps positions for them.
export type { ParsedYaml, Problem } from './problem.js';
export { issuesToProblems, problemAt, readYamlFile } from './problem.js';
