// `bcm validate`: every problem in a courses/ tree, each with path:line:column, for authors and CI.
// It loads the tree the way the app does (same compiler, same cache format) and then checks what
// the app tolerates but an author must fix: links, media, hours, unlisted files, question banks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCatalog, type Catalog, type CatalogLesson } from './catalog.js';
import { parseFrontmatter } from './frontmatter.js';
import { checkLessonBody, type LinkTargets } from './lesson-checks.js';
import { loadProgramme, programmeFileProblems, type ProgrammeFile } from './programme.js';
import { formatProblems, problemAt, sortProblems, stripBom, type Problem } from './problem.js';
import { duplicateQuestionIds, loadQuestionBank, type QuestionBankFile } from './question-bank.js';

export { formatProblems };
export type { Problem };

export interface ValidateOptions {
  /** Where compiled lessons are cached between runs; default a folder in the OS temp dir. */
  cacheDir?: string;
  /** docs/content-format.md asks for at least 30 questions per course. */
  minQuestionsPerCourse?: number;
}

export async function validateCourses(dir: string, opts: ValidateOptions = {}): Promise<Problem[]> {
  const coursesDir = path.resolve(dir);
  const pf = loadProgramme(coursesDir);
  const catalog = await loadCatalog({
    coursesDir,
    cacheDir: opts.cacheDir ?? path.join(os.tmpdir(), 'bcm-validate-mdx-cache'),
    production: false,
  });
  const problems: Problem[] = [...programmeFileProblems(pf), ...catalog.problems()];
  problems.push(...lessonProblems(catalog));
  problems.push(...hourSums(pf, catalog));
  problems.push(...unlistedLessons(catalog));
  problems.push(...questionBanks(catalog, opts.minQuestionsPerCourse ?? 30));
  problems.push(...(await import('../exams/blueprint.js')).blueprintProblems(catalog));
  return dedupe(problems);
}

function lessonProblems(catalog: Catalog): Problem[] {
  const targets: LinkTargets = {
    hasCourse: (slug) => catalog.course(slug) !== undefined,
    hasLesson: (c, l) => catalog.lesson(c, l) !== undefined,
    hasLevel: (id) => catalog.level(id) !== undefined,
  };
  const out: Problem[] = [];
  for (const course of catalog.programme.courses.values()) {
    for (const lesson of catalog.lessons(course.slug)) {
      const compiled = 'ok' in lesson.state ? lesson.state.ok : lesson.state.compiled;
      if (compiled) out.push(...checkLessonBody(lesson.file, compiled, targets));
      if (!fs.existsSync(lesson.file)) continue;
      // The catalogue keeps only the first frontmatter problem; authors want all of them at once.
      const fm = parseFrontmatter(lesson.file, stripBom(fs.readFileSync(lesson.file, 'utf8')));
      out.push(...fm.problems, ...fm.warnings);
    }
  }
  return out;
}

/** A level's study hours must equal the hours of its courses' lessons, reported at the level. */
function hourSums(pf: ProgrammeFile, catalog: Catalog): Problem[] {
  const out: Problem[] = [];
  catalog.programme.levels.forEach((level, i) => {
    const parts: string[] = [];
    let total = 0;
    for (const slug of level.courses) {
      const lessons = catalog.lessons(slug);
      const course = catalog.course(slug);
      // Unknown hours (missing course, broken lesson) are reported elsewhere; a sum would mislead.
      if (!course || lessons.length !== course.lessons.length) return;
      let hours = 0;
      for (const l of lessons) {
        const h = lessonHours(l);
        if (h === undefined) return;
        hours += h;
      }
      total += hours;
      parts.push(`${slug} ${hours}`);
    }
    if (Math.abs(total - level.studyHours) > 1e-9) {
      out.push(problemAt(pf.parsed.file, pf.parsed.locate(['levels', i]),
        `levels[${i}] (${level.id}): lessons add up to ${total} hours but studyHours is ${level.studyHours} (${parts.join(', ')})`));
    }
  });
  return out;
}

/** Hours from the frontmatter, even when the body fails to compile (hours don't depend on it). */
function lessonHours(lesson: CatalogLesson): number | undefined {
  if ('ok' in lesson.state) return lesson.state.ok.frontmatter.hours;
  if (lesson.state.compiled) return lesson.state.compiled.frontmatter.hours;
  if (!fs.existsSync(lesson.file)) return undefined;
  return parseFrontmatter(lesson.file, fs.readFileSync(lesson.file, 'utf8')).frontmatter?.hours;
}

function unlistedLessons(catalog: Catalog): Problem[] {
  const out: Problem[] = [];
  for (const course of catalog.programme.courses.values()) {
    const listed = new Set(course.lessons.map((l) => path.basename(l.file)));
    for (const name of fs.readdirSync(course.dir).sort()) {
      if (name.endsWith('.mdx') && !listed.has(name)) {
        out.push(problemAt(path.join(course.dir, name), { line: 1, column: 1 }, `${name} is not listed in ${course.slug}/course.yaml lessons`));
      }
    }
  }
  return out;
}

function questionBanks(catalog: Catalog, minQuestions: number): Problem[] {
  const out: Problem[] = [];
  const banks: QuestionBankFile[] = [];
  for (const course of catalog.programme.courses.values()) {
    const file = path.join(course.dir, 'questions.yaml');
    if (!fs.existsSync(file)) {
      out.push(problemAt(file, { line: 1, column: 1 }, `${course.slug} has no questions.yaml`));
      continue;
    }
    const bank = loadQuestionBank(file, { courseCode: course.code, lessons: course.lessons.map((l) => l.slug), minQuestions });
    banks.push(bank);
    out.push(...bank.problems);
  }
  out.push(...duplicateQuestionIds(banks));
  return out;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return sortProblems(problems).filter((p) => {
    const key = `${p.path}:${p.line}:${p.column}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
