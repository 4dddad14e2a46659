// The programme as data: courses/programme.yaml (levels, hours, credit, eligibility) and each
// courses/<slug>/course.yaml (code, titles, lesson order). Shapes are checked with zod so a typo in
// YAML fails with file:line:column instead of surfacing as `undefined` in a page.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { bankRulesOverrideSchema, resolveBankRules, type BankRules } from './bank-rules.js';
import { issuesToProblems, problemAt, readYamlFile, type ParsedYaml, type Problem } from './problem.js';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by -');
const bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) });
const hoursOrNull = z.number().nonnegative().nullable();
const education = z.enum(['associate', 'bachelor', 'master', 'doctorate']);

const eligibilityRuleSchema = z.object({
  education: education.optional(),
  yearsInFinance: z.number().int().nonnegative().optional(),
  certificate: z.string().min(1).optional(),
});

const levelSchema = z.object({
  id: slug,
  name: bilingual,
  studyHours: z.number().positive(),
  examCoachingHours: z.number().nonnegative(),
  days: z.object({ study: z.number().nonnegative(), coaching: z.number().nonnegative() }),
  courses: z.array(slug).min(1),
  /**
   * The level's exam coaching course (考前辅导): readable like any course, its lessons add up to
   * examCoachingHours, and its hours are not study hours (decision 002, item 6).
   */
  coaching: slug.optional(),
  credit: z.object({ fromLevel: slug, courses: z.array(slug).min(1) }).optional(),
  modeMinimums: z.object({ faceToFace: hoursOrNull, remote: hoursOrNull, selfStudy: hoursOrNull }),
  /** Overrides the programme-wide minimum for this level (see programme.yaml's comment). */
  minimumTrainingHours: z.number().nonnegative().optional(),
  eligibility: z.object({
    anyOf: z.array(eligibilityRuleSchema).min(1),
    noMajorViolation: z.boolean(),
  }),
});

const hoursRulesSchema = z.object({
  /** Minutes in one class hour (课时). */
  classHourMinutes: z.number().int().positive().default(45),
  /** Share of a lesson's nominal time a trainee must be active on it before it is credited. */
  selfStudyActiveShare: z.number().gt(0).max(1).default(0.5),
  /** Share of a remote session attended that earns full credit (below it: proportional). */
  remoteFullCreditShare: z.number().gt(0).max(1).default(0.8),
  /** A gap between lesson heartbeats longer than this means the reader was away. */
  heartbeatIdleSeconds: z.number().int().positive().default(90),
});

const programmeSchema = z.object({
  minimumTrainingHours: z.number().positive(),
  hoursRules: hoursRulesSchema.default({ classHourMinutes: 45, selfStudyActiveShare: 0.5, remoteFullCreditShare: 0.8, heartbeatIdleSeconds: 90 }),
  courses: z.array(slug).min(1),
  levels: z.array(levelSchema).min(1),
  /** Overrides of the question-bank quality thresholds (src/catalog/bank-rules.ts). */
  bankRules: bankRulesOverrideSchema.optional(),
});

const lessonFileName = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a file name without .mdx, e.g. 01-role-and-duties');

const courseSchema = z.object({
  code: z.string().regex(/^[A-Z]+-\d{3}$/, 'must look like BCM-101'),
  title: bilingual,
  summary: bilingual,
  lessons: z.array(lessonFileName).min(1),
});

export type Level = z.infer<typeof levelSchema>;
export type HoursRules = z.infer<typeof hoursRulesSchema>;
export const DEFAULT_HOURS_RULES: HoursRules = { classHourMinutes: 45, selfStudyActiveShare: 0.5, remoteFullCreditShare: 0.8, heartbeatIdleSeconds: 90 };
export type EligibilityRule = z.infer<typeof eligibilityRuleSchema>;

export interface LessonRef {
  /** File name without .mdx; also the URL segment: /courses/<course>/<slug>. */
  slug: string;
  /** Absolute path of the .mdx file. */
  file: string;
  /** 0-based position in course.yaml's order. */
  index: number;
}

export interface Course {
  slug: string;
  code: string;
  title: { zh: string; en: string };
  summary: { zh: string; en: string };
  dir: string;
  lessons: LessonRef[];
}

export interface Programme {
  minimumTrainingHours: number;
  hoursRules: HoursRules;
  /** The bank quality thresholds with programme.yaml's overrides applied. */
  bankRules: BankRules;
  levels: Level[];
  /** In programme.yaml's order. */
  courses: Map<string, Course>;
}

export interface CourseFile {
  course?: Course;
  problems: Problem[];
  parsed: ParsedYaml;
}

export function loadCourseFile(coursesDir: string, courseSlug: string): CourseFile {
  const dir = path.join(coursesDir, courseSlug);
  const parsed = readYamlFile(path.join(dir, 'course.yaml'));
  if (parsed.problems.length) return { problems: parsed.problems, parsed };
  const result = courseSchema.safeParse(parsed.data);
  if (!result.success) {
    return { problems: issuesToProblems(parsed, result.error.issues, parsed.data), parsed };
  }
  const problems: Problem[] = [];
  const seen = new Set<string>();
  result.data.lessons.forEach((name, i) => {
    if (seen.has(name)) problems.push(problemAt(parsed.file, parsed.locate(['lessons', i]), `lessons[${i}]: ${name} is listed twice`));
    seen.add(name);
  });
  const lessons = [...seen].map((name, index) => ({ slug: name, file: path.join(dir, `${name}.mdx`), index }));
  return { course: { slug: courseSlug, ...result.data, dir, lessons }, problems, parsed };
}

export interface ProgrammeFile {
  programme?: Programme;
  /** Problems in programme.yaml itself; each course file carries its own. */
  problems: Problem[];
  parsed: ParsedYaml;
  /** Course files by slug, kept for positions of lesson entries. */
  courseFiles: Map<string, CourseFile>;
}

export function programmeFileProblems(pf: ProgrammeFile): Problem[] {
  return [...pf.problems, ...[...pf.courseFiles.values()].flatMap((cf) => cf.problems)];
}

/** Loads programme.yaml and every course.yaml it names; courses that fail are left out. */
export function loadProgramme(coursesDir: string): ProgrammeFile {
  const parsed = readYamlFile(path.join(coursesDir, 'programme.yaml'));
  const courseFiles = new Map<string, CourseFile>();
  if (parsed.problems.length) return { problems: parsed.problems, parsed, courseFiles };
  const result = programmeSchema.safeParse(parsed.data);
  if (!result.success) {
    return { problems: issuesToProblems(parsed, result.error.issues, parsed.data), parsed, courseFiles };
  }
  const data = result.data;
  const problems = crossCheck(data, parsed);
  const courses = new Map<string, Course>();
  data.courses.forEach((courseSlug, i) => {
    if (!fs.existsSync(path.join(coursesDir, courseSlug, 'course.yaml'))) {
      problems.push(problemAt(parsed.file, parsed.locate(['courses', i]), `courses[${i}]: no ${courseSlug}/course.yaml`));
      return;
    }
    const cf = loadCourseFile(coursesDir, courseSlug);
    courseFiles.set(courseSlug, cf);
    if (cf.course) courses.set(courseSlug, cf.course);
  });
  const programme = {
    minimumTrainingHours: data.minimumTrainingHours,
    hoursRules: data.hoursRules,
    bankRules: resolveBankRules(data.bankRules),
    levels: data.levels,
    courses,
  };
  return { programme, problems, parsed, courseFiles };
}

/** References between levels and courses that zod cannot see on its own. */
function crossCheck(data: z.infer<typeof programmeSchema>, parsed: ParsedYaml): Problem[] {
  const problems: Problem[] = [];
  const at = (p: PropertyKey[], msg: string) => problems.push(problemAt(parsed.file, parsed.locate(p), msg));
  const known = new Set(data.courses);
  const levelIds = new Set<string>();
  data.levels.forEach((level, li) => {
    if (levelIds.has(level.id)) at(['levels', li, 'id'], `levels[${li}].id: ${level.id} is used twice`);
    levelIds.add(level.id);
  });
  data.levels.forEach((level, li) => {
    level.courses.forEach((c, ci) => {
      if (!known.has(c)) at(['levels', li, 'courses', ci], `levels[${li}].courses: ${c} is not in the top-level courses list`);
    });
    if (level.coaching !== undefined) {
      if (!known.has(level.coaching)) at(['levels', li, 'coaching'], `levels[${li}].coaching: ${level.coaching} is not in the top-level courses list`);
      // A study course's self-study counts toward the level's hours; coaching must never.
      const studiedAt = data.levels.find((l) => l.courses.includes(level.coaching!));
      if (studiedAt)
        at(
          ['levels', li, 'coaching'],
          `levels[${li}].coaching: ${level.coaching} is also a study course of level ${studiedAt.id}; a coaching course cannot count as study hours`,
        );
    }
    level.eligibility.anyOf.forEach((rule, ri) => {
      if (rule.certificate && !levelIds.has(rule.certificate)) {
        at(
          ['levels', li, 'eligibility', 'anyOf', ri, 'certificate'],
          `levels[${li}].eligibility.anyOf[${ri}].certificate: ${rule.certificate} is not a level id`,
        );
      }
    });
    if (!level.credit) return;
    if (!levelIds.has(level.credit.fromLevel) || level.credit.fromLevel === level.id) {
      at(['levels', li, 'credit', 'fromLevel'], `levels[${li}].credit.fromLevel: ${level.credit.fromLevel} is not another level`);
    }
    level.credit.courses.forEach((c, ci) => {
      if (!level.courses.includes(c)) at(['levels', li, 'credit', 'courses', ci], `levels[${li}].credit.courses: ${c} is not one of this level's courses`);
    });
  });
  return problems;
}

/** Slugs of the courses that some level names as its exam coaching course. */
export function coachingCourseSlugs(levels: readonly Pick<Level, 'coaching'>[]): Set<string> {
  return new Set(levels.flatMap((l) => (l.coaching ? [l.coaching] : [])));
}

/** The training hours a level asks for: its own minimum where it sets one (the assistant level's 16), else the programme's. */
export function levelMinimumHours(programme: Pick<Programme, 'minimumTrainingHours'>, level: Pick<Level, 'minimumTrainingHours'>): number {
  return level.minimumTrainingHours ?? programme.minimumTrainingHours;
}
