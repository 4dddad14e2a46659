import { localisedCourseTitle } from '../../catalog/index.js';
import { formText } from '../../http/form-text.js';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../auth/index.js';
import { viewContext } from '../../http/view-context.js';
import { StudyAside, StudyStatusLine, StudyStatusParagraph } from '../../../views/hours/study-status.js';
import { ProgressPage } from '../../../views/hours/progress.js';
import { courseRole, creditedLessons, recordHeartbeat, recordSelfCheckAnswer, studyStatus } from './self-study.js';
import { traineeProgress } from '../ledger/ledger.js';
import { positionJson } from '../ledger/position-json.js';
import { ledgerRows } from '../ledger/report-store.js';
import type { CompletedLessons, LessonAside, SelfCheckEcho, SelfCheckListener } from '../../catalog/index.js';

/** The self-study status under a lesson, for trainees only (it also carries the heartbeat). */
export const studyAside: LessonAside = (c, { courseSlug, lessonSlug }) => {
  const user = c.var.user;
  if (user?.role !== 'trainee') return null;
  const status = studyStatus(c.var.deps.db, c.var.deps.catalog, user.id, { courseSlug, lessonSlug });
  if (!status) return null;
  return (
    <StudyAside
      ctx={viewContext(c, null)}
      course={courseSlug}
      lesson={lessonSlug}
      status={status}
      role={courseRole(c.var.deps.db, c.var.deps.catalog, user.id, courseSlug)}
    />
  );
};

/** After a trainee's self-check answer: the status line again, swapped in out of band (已完成 at once). */
export const studySelfCheckEcho: SelfCheckEcho = (c, { courseSlug, lessonSlug }) => {
  const user = c.var.user;
  if (user?.role !== 'trainee') return null;
  const status = studyStatus(c.var.deps.db, c.var.deps.catalog, user.id, { courseSlug, lessonSlug });
  if (!status) return null;
  return <StudyStatusParagraph ctx={viewContext(c, null)} status={status} role={courseRole(c.var.deps.db, c.var.deps.catalog, user.id, courseSlug)} oob />;
};

/** Ticks on the syllabus and course pages: the logged-in trainee's credited lessons, nobody else's. */
export const studyCompleted: CompletedLessons = (c) => {
  const user = c.var.user;
  return user?.role === 'trainee' ? creditedLessons(c.var.deps.db, user.id) : null;
};

/** Answers to a lesson's self-check count toward completing it. */
export function studySelfCheckListener(deps: AppEnv['Variables']['deps']): SelfCheckListener {
  return (a) => {
    recordSelfCheckAnswer(deps.db, deps.lms, deps.catalog, {
      traineeId: a.userId,
      courseSlug: a.courseSlug,
      lessonSlug: a.lessonSlug,
      questionId: a.questionId,
      answer: a.answer,
      correct: a.correct,
    });
  };
}

export function studyRoutes() {
  const app = new Hono<AppEnv>();

  app.post('/study/heartbeat', requireRole('trainee'), async (c) => {
    const { db, catalog } = c.var.deps;
    const form = await c.req.parseBody();
    const lesson = { courseSlug: formText(form.course), lessonSlug: formText(form.lesson) };
    const user = c.var.user!;
    const status = recordHeartbeat(db, c.var.deps.lms, catalog, user.id, lesson);
    if (!status) throw new HTTPException(404);
    c.header('Cache-Control', 'no-store');
    return c.html(<StudyStatusLine ctx={viewContext(c, null)} status={status} role={courseRole(db, catalog, user.id, lesson.courseSlug)} />);
  });

  app.get('/me/progress', requireRole('trainee'), (c) => {
    const { db, catalog } = c.var.deps;
    const user = c.var.user!;
    const courseTitle = (slug: string) => localisedCourseTitle(catalog, c.var.locale, slug);
    return c.html(
      <ProgressPage
        ctx={viewContext(c)}
        positions={traineeProgress(db, catalog, user.id)}
        entries={ledgerRows(db, user.id, null)}
        classHourMinutes={catalog.programme.hoursRules.classHourMinutes}
        courseTitle={courseTitle}
      />,
    );
  });

  app.get('/api/v1/me/hours', requireRole('trainee'), (c) => {
    const { db, catalog } = c.var.deps;
    const user = c.var.user!;
    return c.json({
      trainee: { id: user.id, name: user.name },
      generatedAt: new Date().toISOString(),
      levels: traineeProgress(db, catalog, user.id).map(positionJson),
    });
  });

  return app;
}
