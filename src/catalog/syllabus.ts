import type { Catalog, CatalogLesson } from './catalog.js';
import { levelMinimumHours, type Course, type Level } from './programme.js';

// Read models for the catalogue pages: what a level or course contains, with hours, computed
// from the compiled lessons' frontmatter.

export type LessonSummary = {
  slug: string;
  title: string;
  hours: number;
  modes: string[];
  status: 'full' | 'outline' | 'error';
};

export type CourseSummary = { course: Course; lessons: LessonSummary[]; hours: number };

export function lessonSummary(l: CatalogLesson): LessonSummary {
  const compiled = 'ok' in l.state ? l.state.ok : l.state.compiled;
  if (!compiled) return { slug: l.slug, title: l.slug, hours: 0, modes: [], status: 'error' };
  const fm = compiled.frontmatter;
  return { slug: l.slug, title: fm.title, hours: fm.hours, modes: [...fm.modes], status: 'ok' in l.state ? fm.status : 'error' };
}

export function courseSummary(catalog: Catalog, course: Course): CourseSummary {
  const lessons = catalog.lessons(course.slug).map(lessonSummary);
  return { course, lessons, hours: lessons.reduce((sum, l) => sum + l.hours, 0) };
}

export type LevelSyllabus = ReturnType<typeof levelSyllabus>;

export function levelSyllabus(catalog: Catalog, level: Level) {
  const courses = level.courses.flatMap((slug) => {
    const course = catalog.course(slug);
    return course ? [courseSummary(catalog, course)] : [];
  });
  const coachingCourse = level.coaching ? catalog.course(level.coaching) : undefined;
  const creditCourses = new Set(level.credit?.courses ?? []);
  const creditHours = courses.filter((c) => creditCourses.has(c.course.slug)).reduce((sum, c) => sum + c.hours, 0);
  return {
    level,
    courses,
    /** Study hours only: the coaching course is apart (decision 002, item 6). */
    hours: courses.reduce((sum, c) => sum + c.hours, 0),
    coaching: coachingCourse ? courseSummary(catalog, coachingCourse) : null,
    credit: level.credit ? { fromLevel: level.credit.fromLevel, hours: creditHours, courses: courses.filter((c) => creditCourses.has(c.course.slug)) } : null,
  };
}

/** Levels that include a course (to study, or as their exam coaching), for the course page's "part of" line. */
export function levelsIncluding(catalog: Catalog, courseSlug: string): Level[] {
  return catalog.programme.levels.filter((l) => l.courses.includes(courseSlug) || l.coaching === courseSlug);
}

export type LevelsOverview = {
  /** The exam coaching hours the page's introduction names: the first level's (8 when there is none). */
  coachingHours: number;
  levels: { level: Level; courses: Course[]; minimumHours: number }[];
};

/** The levels page: every level with its courses and the training hours it asks for. */
export function levelsOverview(catalog: Catalog): LevelsOverview {
  const { programme } = catalog;
  return {
    coachingHours: programme.levels[0]?.examCoachingHours ?? 8,
    levels: programme.levels.map((level) => ({
      level,
      courses: level.courses.flatMap((s) => catalog.course(s) ?? []),
      minimumHours: levelMinimumHours(programme, level),
    })),
  };
}
