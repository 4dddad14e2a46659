import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env.js';
import { requireRole } from '../auth/index.js';
import type { Course } from '../catalog/index.js';
import { setFlash } from '../http/flash.js';
import { viewContext } from '../http/view-context.js';
import { findInstitution } from '../institutions/index.js';
import { ImportPage, ImportOutcome, type ImportOutcomeView } from '../../views/questions/import.js';
import { QuestionBankPage, type CourseChoice } from '../../views/questions/list.js';
import { checkDrafts, countTotal, readDrafts, type ErrorUnit } from './import.js';
import { countsByCourse, idPrefix, listImported, nextGeneratedNumber, saveImport, type ImportTarget } from './store.js';
import { templateCsv, templateXlsx } from './template.js';
import { capMessages } from '../platform/messages.js';
import type { SourceError } from './types.js';

// /questions: an institution's own question banks, for its admins and instructors. Every query is
// scoped by the signed-in user's institution, so one institution never sees another's questions;
// the programme office has no institution and no access here.

const PREVIEW_ROWS = 50;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function targetOf(c: Context<AppEnv>, course: Course): ImportTarget {
  const institutionId = c.var.user?.institutionId;
  const institution = institutionId == null ? undefined : findInstitution(c.var.deps.db, institutionId);
  if (!institution) throw new HTTPException(403);
  return { institutionId: institution.id, institutionCode: institution.code, course };
}

function institutionOf(c: Context<AppEnv>): number {
  const id = c.var.user?.institutionId;
  if (id == null) throw new HTTPException(403);
  return id;
}

const courses = (c: Context<AppEnv>) => [...c.var.deps.catalog.programme.courses.values()];
const choice = (c: Context<AppEnv>, course: Course): CourseChoice => ({
  slug: course.slug,
  code: course.code,
  title: c.var.locale === 'en' ? course.title.en : course.title.zh,
});

function formatErrors(c: Context<AppEnv>, unit: ErrorUnit, errors: SourceError[]): string[] {
  return capMessages(
    errors.map((e) => c.var.t(unit === 'line' ? 'questions.line' : 'questions.row', { at: e.at, message: e.message })),
    c.var.t,
  );
}

export function questionRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/questions', requireRole('admin', 'instructor'));
  app.use('/questions/*', requireRole('admin', 'instructor'));

  app.get('/questions', (c) => {
    const institutionId = institutionOf(c);
    const counts = countsByCourse(c.var.deps.db, institutionId);
    const all = courses(c);
    // In the programme's order; a course appears once it holds a question.
    const imported = all.flatMap((course) => {
      const n = counts.get(course.slug);
      return n && countTotal(n) > 0 ? [{ ...choice(c, course), counts: n, total: countTotal(n) }] : [];
    });
    const selected = all.find((course) => course.slug === c.req.query('course'));
    return c.html(
      <QuestionBankPage
        ctx={viewContext(c)}
        courses={all.map((course) => choice(c, course))}
        imported={imported}
        selected={selected && { course: choice(c, selected), questions: listImported(c.var.deps.db, institutionId, selected.slug) }}
      />,
    );
  });

  app.get('/questions/import', (c) => {
    institutionOf(c);
    return c.html(<ImportPage ctx={viewContext(c)} courses={courses(c).map((course) => choice(c, course))} course={c.req.query('course')} />);
  });

  app.post('/questions/import', async (c) => {
    const t = c.var.t;
    const form = await c.req.parseBody();
    const course = courses(c).find((x) => x.slug === str(form.course));
    const file = form.file;
    const isHtmx = Boolean(c.req.header('HX-Request'));
    const respond = (outcome: ImportOutcomeView, status: 200 | 400) => {
      if (isHtmx) return c.html(<ImportOutcome ctx={viewContext(c, null)} outcome={outcome} />, status);
      return c.html(<ImportPage ctx={viewContext(c)} courses={courses(c).map((x) => choice(c, x))} course={course?.slug} outcome={outcome} />, status);
    };
    const formErrors: string[] = [];
    if (!course) formErrors.push(t('questions.import.courseRequired'));
    if (!(file instanceof File) || file.size === 0) formErrors.push(t('questions.import.fileRequired'));
    if (!course || !(file instanceof File) || formErrors.length) return respond({ kind: 'errors', messages: formErrors }, 400);

    const target = targetOf(c, course);
    const read = await readDrafts(file.name, new Uint8Array(await file.arrayBuffer()), course, t);
    // Checked as an import right now would number new questions; nothing is written yet.
    const checked = checkDrafts(read, { prefix: idPrefix(target.institutionCode, course.code), start: nextGeneratedNumber(c.var.deps.db, target) }, t);
    if ('errors' in checked) return respond({ kind: 'errors', messages: formatErrors(c, checked.unit, checked.errors), count: checked.errors.length }, 400);
    if (str(form.action) !== 'import') {
      const questions = checked.questions.slice(0, PREVIEW_ROWS).map((q) => ({ question: q.question }));
      const total = checked.questions.length;
      const warnings = formatErrors(c, checked.unit, checked.warnings);
      return respond(
        {
          kind: 'preview',
          course: choice(c, course),
          counts: checked.counts,
          total,
          questions,
          more: total - questions.length,
          warnings,
          warningCount: checked.warnings.length,
        },
        200,
      );
    }

    const saved = saveImport(c.var.deps.db, target, read.drafts, { actorId: c.var.user!.id, via: 'web', fileName: file.name }, t);
    if ('errors' in saved) return respond({ kind: 'errors', messages: formatErrors(c, read.unit, saved.errors), count: saved.errors.length }, 400);
    const missing = saved.questions.filter(({ question: q }) =>
      q.type === 'case' ? q.parts.some((p) => !p.explanation) : q.type !== 'written' && !q.explanation,
    ).length;
    const counts = { total: saved.questions.length, created: saved.created, updated: saved.updated, missing };
    setFlash(c, 'ok', missing ? 'questions.import.doneNoExplanation' : 'questions.import.done', counts);
    const next = `/questions?course=${encodeURIComponent(course.slug)}`;
    if (isHtmx) {
      c.header('HX-Redirect', next);
      return c.body(null, 200);
    }
    return c.redirect(next, 303);
  });

  app.get('/questions/template.csv', (c) => {
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="question-template.csv"`);
    return c.body(templateCsv());
  });

  app.get('/questions/template.xlsx', async (c) => {
    const body = await templateXlsx(c.var.t);
    c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    c.header('Content-Disposition', `attachment; filename="question-template.xlsx"`);
    return c.body(new Uint8Array(body));
  });

  return app;
}
