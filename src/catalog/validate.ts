// `bcm validate`: every problem in a courses/ tree, each with path:line:column, for authors and CI.
// It loads the tree the way the app does (same compiler, same cache format) and then checks what
// the app tolerates but an author must fix: links, media, hours, unlisted files, question banks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bankBreaches, bankQualityProblems, bankStats, duplicateStems, hanCharacters } from './bank-quality.js';
import type { BankRules } from './bank-rules.js';
import type { CourseBankReport } from './bank-report.js';
import { loadCatalog, type Catalog, type CatalogLesson } from './catalog.js';
import { parseFrontmatter, splitFrontmatter, type LessonFrontmatter } from './frontmatter.js';
import { checkLessonBody, type LinkTargets } from './lesson-checks.js';
import { coachingCourseSlugs, loadProgramme, programmeFileProblems, type ProgrammeFile } from './programme.js';
import { formatProblems, problemAt, sortProblems, stripBom, type Problem } from './problem.js';
import { duplicateQuestionIds, loadQuestionBank, type QuestionBankFile } from './question-bank.js';

export { formatProblems };
export type { CourseBankReport, Problem };

export interface ValidateOptions {
  /** Where compiled lessons are cached between runs; default a folder in the OS temp dir. */
  cacheDir?: string;
}

export interface ValidationResult {
  problems: Problem[];
  /** Per course, in programme.yaml's order: its lessons and its bank's figures. */
  banks: CourseBankReport[];
  /** The bank thresholds applied (programme.yaml's `bankRules:` over the defaults). */
  bankRules: BankRules;
}

export async function validateCourses(dir: string, opts: ValidateOptions = {}): Promise<Problem[]> {
  return (await checkCourses(dir, opts)).problems;
}

/** Every problem, plus the bank report `bcm validate` prints. */
export async function checkCourses(dir: string, opts: ValidateOptions = {}): Promise<ValidationResult> {
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
  const banks = questionBanks(catalog);
  problems.push(...banks.problems);
  problems.push(...(await import('../exams/index.js')).blueprintProblems(catalog));
  return { problems: dedupe(problems), banks: banks.reports, bankRules: catalog.programme.bankRules };
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
      const url = `/courses/${course.slug}/${lesson.slug}`;
      const compiled = 'ok' in lesson.state ? lesson.state.ok : lesson.state.compiled;
      if (compiled) {
        const selfCheckIds = new Set(compiled.frontmatter.selfCheck.map((q) => q.id));
        out.push(...checkLessonBody(lesson.file, { url, refs: compiled.refs, selfCheckIds }, targets));
      } else if ('error' in lesson.state && lesson.state.refs) {
        // The frontmatter is broken but the body compiled: its links and components still count.
        out.push(...checkLessonBody(lesson.file, { url, refs: lesson.state.refs }, targets));
      }
      if ('error' in lesson.state) out.push(...(lesson.state.problems ?? []));
      if (!fs.existsSync(lesson.file)) continue;
      // The catalogue keeps only the first frontmatter problem; authors want all of them at once.
      const fm = parseFrontmatter(lesson.file, stripBom(fs.readFileSync(lesson.file, 'utf8')));
      out.push(...fm.problems, ...fm.warnings);
    }
  }
  return out;
}

/**
 * A level's study hours must equal the hours of its courses' lessons, and its exam coaching hours
 * those of its coaching course's lessons; reported at the level.
 */
function hourSums(pf: ProgrammeFile, catalog: Catalog): Problem[] {
  const out: Problem[] = [];
  catalog.programme.levels.forEach((level, i) => {
    const study = courseHours(catalog, level.courses);
    if (study && Math.abs(study.total - level.studyHours) > 1e-9) {
      out.push(
        problemAt(
          pf.parsed.file,
          pf.parsed.locate(['levels', i]),
          `levels[${i}] (${level.id}): lessons add up to ${study.total} hours but studyHours is ${level.studyHours} (${study.parts.join(', ')})`,
        ),
      );
    }
    if (level.coaching === undefined) return;
    const coaching = courseHours(catalog, [level.coaching]);
    if (coaching && Math.abs(coaching.total - level.examCoachingHours) > 1e-9) {
      out.push(
        problemAt(
          pf.parsed.file,
          pf.parsed.locate(['levels', i, 'coaching']),
          `levels[${i}].coaching (${level.id}): ${level.coaching} lessons add up to ${coaching.total} hours but examCoachingHours is ${level.examCoachingHours}`,
        ),
      );
    }
  });
  return out;
}

/**
 * The lesson hours of some courses, in total and per course; undefined when a course is missing
 * or a lesson broken (reported elsewhere: a sum would mislead).
 */
function courseHours(catalog: Catalog, slugs: readonly string[]): { total: number; parts: string[] } | undefined {
  const parts: string[] = [];
  let total = 0;
  for (const slug of slugs) {
    const lessons = catalog.lessons(slug);
    const course = catalog.course(slug);
    if (!course || lessons.length !== course.lessons.length) return undefined;
    let hours = 0;
    for (const l of lessons) {
      const h = lessonHours(l);
      if (h === undefined) return undefined;
      hours += h;
    }
    total += hours;
    parts.push(`${slug} ${hours}`);
  }
  return { total, parts };
}

/** Hours from the frontmatter, even when the body fails to compile (hours don't depend on it). */
function lessonHours(lesson: CatalogLesson): number | undefined {
  return lessonFrontmatter(lesson)?.hours;
}

/** The frontmatter of the compiled lesson, or read from the file when the body fails to compile. */
function lessonFrontmatter(lesson: CatalogLesson): LessonFrontmatter | undefined {
  if ('ok' in lesson.state) return lesson.state.ok.frontmatter;
  if (lesson.state.compiled) return lesson.state.compiled.frontmatter;
  if (!fs.existsSync(lesson.file)) return undefined;
  return parseFrontmatter(lesson.file, fs.readFileSync(lesson.file, 'utf8')).frontmatter;
}

/** Han characters of the lesson's body (what a trainee reads), 0 for a missing file. */
function lessonHan(lesson: CatalogLesson): number {
  if (!fs.existsSync(lesson.file)) return 0;
  const source = stripBom(fs.readFileSync(lesson.file, 'utf8'));
  return hanCharacters(splitFrontmatter(source)?.body ?? source);
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

/** Each course's bank read, checked against the bank rules, and summed up for the report. */
function questionBanks(catalog: Catalog): { problems: Problem[]; reports: CourseBankReport[] } {
  const rules = catalog.programme.bankRules;
  const problems: Problem[] = [];
  const reports: CourseBankReport[] = [];
  const banks: QuestionBankFile[] = [];
  // Coaching courses review the study courses; their papers draw on the study courses' banks.
  const coaching = coachingCourseSlugs(catalog.programme.levels);
  const needsWritten = writtenCourses(catalog, rules);
  for (const course of catalog.programme.courses.values()) {
    const lessons = catalog.lessons(course.slug).map((l) => ({ slug: l.slug, status: lessonFrontmatter(l)?.status, han: lessonHan(l) }));
    const written = lessons.filter((l) => l.status === 'full').map((l) => l.slug);
    const report: CourseBankReport = {
      slug: course.slug,
      lessonsWritten: written.length,
      lessonsTotal: course.lessons.length,
      hanCharacters: lessons.reduce((sum, l) => sum + l.han, 0),
      broken: new Set(),
      coaching: coaching.has(course.slug),
    };
    const file = path.join(course.dir, 'questions.yaml');
    if (!fs.existsSync(file)) {
      if (report.coaching) {
        reports.push(report);
        continue;
      }
      problems.push(problemAt(file, { line: 1, column: 1 }, `${course.slug} has no questions.yaml`));
      reports.push(report);
      continue;
    }
    const bank = loadQuestionBank(file, { courseCode: course.code, lessons: course.lessons.map((l) => l.slug) });
    banks.push(bank);
    problems.push(...bank.problems);
    if (!bank.bank) {
      reports.push(report);
      continue;
    }
    const stats = bankStats(bank.bank.questions);
    const breaches = bankBreaches(stats, written, rules, needsWritten.has(course.slug));
    problems.push(...bankQualityProblems(bank, breaches, lessons));
    reports.push({
      ...report,
      stats,
      fewestOnALesson: written.length ? Math.min(...written.map((l) => stats.byLesson.get(l) ?? 0)) : undefined,
      broken: new Set(breaches.map((b) => b.rule)),
    });
  }
  problems.push(...duplicateQuestionIds(banks), ...duplicateStems(banks));
  return { problems, reports };
}

/** Courses of the written levels that no other level teaches (bank-rules.ts, minWrittenPerCourse). */
function writtenCourses(catalog: Catalog, rules: BankRules): Set<string> {
  const levels = catalog.programme.levels;
  const objectiveOnly = new Set(levels.filter((l) => !rules.writtenLevels.includes(l.id)).flatMap((l) => l.courses));
  return new Set(
    levels
      .filter((l) => rules.writtenLevels.includes(l.id))
      .flatMap((l) => l.courses)
      .filter((c) => !objectiveOnly.has(c)),
  );
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
