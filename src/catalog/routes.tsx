import fs from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env.js';
import { requireRole } from '../auth/index.js';
import { viewContext } from '../http/view-context.js';
import { CoursePage, LessonPage, LevelPage, LevelsPage } from '../../views/catalog/pages.js';
import { SelfCheckForm, SelfCheckResult, selfCheckAnchor } from '../../views/catalog/mdx-components.js';
import { lessonOutline } from './outline.js';
import { findSelfCheck, renderLessonBody } from './render.js';
import { gradeSelfCheck } from './self-check.js';
import { courseSummary, lessonSummary, levelSyllabus, levelsIncluding, levelsOverview } from './syllabus.js';
import { catalogLabels } from './labels.js';
import type { CatalogLesson } from './catalog.js';

const MEDIA_TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

const link = (l: CatalogLesson | undefined) => (l ? { slug: l.slug, title: lessonSummary(l).title } : undefined);

/**
 * Hook for other features: called after a trainee answers a lesson's self-check (the hours
 * feature uses it to complete lessons). Kept as an injected function so catalog does not import
 * hours' internals.
 */
export type SelfCheckListener = (c: { userId: number; courseSlug: string; lessonSlug: string; questionId: string; answer: string; correct: boolean }) => void;
/** The viewer's completed lessons as `course/lesson` keys (the syllabus ticks), or null for none shown. */
export type CompletedLessons = (c: import('hono').Context<AppEnv>) => ReadonlySet<string> | null;
export type LessonAside = (c: import('hono').Context<AppEnv>, lesson: { courseSlug: string; lessonSlug: string }) => import('hono/jsx').Child;
/** What else a self-check answer changes on the page (out-of-band htmx swaps, e.g. the study status). */
export type SelfCheckEcho = LessonAside;

export function catalogRoutes(
  opts: { onSelfCheck?: SelfCheckListener; lessonAside?: LessonAside; completedLessons?: CompletedLessons; selfCheckEcho?: SelfCheckEcho } = {},
) {
  const app = new Hono<AppEnv>();

  app.get('/levels', (c) => {
    return c.html(<LevelsPage ctx={viewContext(c)} overview={levelsOverview(c.var.deps.catalog)} />);
  });

  app.get('/levels/:level', (c) => {
    const { catalog } = c.var.deps;
    const level = catalog.level(c.req.param('level'));
    if (!level) throw new HTTPException(404);
    return c.html(<LevelPage ctx={viewContext(c)} syllabus={levelSyllabus(catalog, level)} done={opts.completedLessons?.(c) ?? null} />);
  });

  app.get('/courses/:course', (c) => {
    const { catalog } = c.var.deps;
    const course = catalog.course(c.req.param('course'));
    if (!course) throw new HTTPException(404);
    return c.html(
      <CoursePage
        ctx={viewContext(c)}
        summary={courseSummary(catalog, course)}
        levels={levelsIncluding(catalog, course.slug)}
        done={opts.completedLessons?.(c) ?? null}
      />,
    );
  });

  // Lessons are for people with an account; the outline above is public.
  app.get('/courses/:course/:lesson', requireRole('trainee', 'instructor', 'admin', 'office'), async (c) => {
    const { catalog } = c.var.deps;
    const courseSlug = c.req.param('course');
    const lessonSlug = c.req.param('lesson');
    const found = catalog.lesson(courseSlug, lessonSlug);
    if (!found) throw new HTTPException(404);
    const body = await renderLessonBody(catalog, courseSlug, lessonSlug, { labels: catalogLabels(c.var.t) });
    const compiled = 'ok' in found.lesson.state ? found.lesson.state.ok : found.lesson.state.compiled;
    const prev = link(found.prev);
    const next = link(found.next);
    // Everything the lesson's heading, outline and pager show, so they are rendered once (a lesson
    // with a problem is rendered every time, as before).
    const cacheKey =
      'ok' in found.lesson.state ? JSON.stringify([found.lesson.state.ok.hash, found.course.slug, found.course.title, lessonSlug, prev, next]) : undefined;
    return c.html(
      <LessonPage
        ctx={viewContext(c)}
        course={found.course}
        lessonSlug={lessonSlug}
        frontmatter={compiled?.frontmatter}
        outline={lessonOutline(compiled?.frontmatter, 'ok' in found.lesson.state ? found.lesson.state.ok.toc : [])}
        body={body}
        prev={prev}
        next={next}
        aside={opts.lessonAside?.(c, { courseSlug, lessonSlug })}
        cacheKey={cacheKey}
      />,
    );
  });

  // 重做: the empty question again (htmx swaps it in for the result); without script, the lesson.
  // Earlier answers stay recorded: a retry only records the next one.
  app.get('/courses/:course/:lesson/self-check/:id', requireRole('trainee', 'instructor', 'admin', 'office'), (c) => {
    const { course, lesson, id } = c.req.param();
    const entry = findSelfCheck(c.var.deps.catalog, course, lesson, id);
    if (!entry) throw new HTTPException(404);
    if (!c.req.header('HX-Request')) return c.redirect(`/courses/${course}/${lesson}#${selfCheckAnchor(id)}`, 303);
    c.header('Cache-Control', 'no-store');
    return c.html(<SelfCheckForm entry={entry} courseSlug={course} lessonSlug={lesson} labels={catalogLabels(c.var.t)} />);
  });

  app.post('/courses/:course/:lesson/self-check/:id', requireRole('trainee', 'instructor', 'admin', 'office'), async (c) => {
    const { catalog } = c.var.deps;
    const { course, lesson, id } = c.req.param();
    const entry = findSelfCheck(catalog, course, lesson, id);
    if (!entry) throw new HTTPException(404);
    const form = await c.req.parseBody({ all: true });
    const raw = form.answer;
    const letters = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string');
    const labels = catalogLabels(c.var.t);
    if (letters.length === 0) {
      // Nothing chosen: show the question again rather than grading an empty answer.
      return c.html(<SelfCheckForm entry={entry} courseSlug={course} lessonSlug={lesson} labels={labels} />, 422);
    }
    const grade = gradeSelfCheck(entry, letters);
    const user = c.var.user!;
    if (user.role === 'trainee') {
      opts.onSelfCheck?.({ userId: user.id, courseSlug: course, lessonSlug: lesson, questionId: id, answer: grade.submitted, correct: grade.correct });
    }
    // Without htmx (no JS), the form posts normally: send the trainee back to the lesson, whose
    // status line is then read afresh.
    if (!c.req.header('HX-Request')) return c.redirect(`/courses/${course}/${lesson}#${selfCheckAnchor(id)}`, 303);
    return c.html(
      <>
        <SelfCheckResult entry={entry} grade={grade} labels={labels} courseSlug={course} lessonSlug={lesson} />
        {opts.selfCheckEcho?.(c, { courseSlug: course, lessonSlug: lesson })}
      </>,
    );
  });

  // Media files next to lessons: courses/<course>/media/<file>, never outside that folder.
  app.get('/media/:course/:file{.+}', (c) => {
    const { catalog } = c.var.deps;
    const course = catalog.course(c.req.param('course'));
    if (!course) throw new HTTPException(404);
    const mediaDir = path.join(course.dir, 'media');
    const file = path.resolve(mediaDir, c.req.param('file'));
    const type = MEDIA_TYPES[path.extname(file).toLowerCase()];
    if (!file.startsWith(mediaDir + path.sep) || !type || !fs.existsSync(file)) throw new HTTPException(404);
    c.header('Content-Type', type);
    c.header('Cache-Control', 'public, max-age=3600');
    if (type === 'image/svg+xml') c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    return c.body(fs.readFileSync(file));
  });

  return app;
}
