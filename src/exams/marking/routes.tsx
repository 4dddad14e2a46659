// Marking (阅卷) routes, under a cohort's exam: /cohorts/:cohortId/exams/:exam/marking. Like the
// analytics, every route goes through cohortAccess('teach'): the institution's admin or an
// instructor assigned to the cohort; an unassigned instructor gets 403, another institution 404.
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../env.js';
import { cohortAccess, requireRole } from '../../auth/index.js';
import { cohortHref } from '../../hours/index.js';
import { setFlash } from '../../http/flash.js';
import { viewContext } from '../../http/view-context.js';
import { MarkAnswerPage, MarkingQueuePage, markingHref, type MarkFormError } from '../../../views/exams/marking.js';
import type { Blueprint } from '../blueprint.js';
import { courseTitle, examTitle } from '../request-context.js';
import { markingQueue, nextAnswer, policyOf, recordMark, rubricOf, type MarkingScope } from './marking.js';
import { MARK_COMMENT_MAX, type MarkProblem } from './rules.js';
import { charCount } from '../../catalog/index.js';

function blueprintOf(c: Context<AppEnv>): Blueprint {
  const bp = c.var.deps.exams.blueprints.byId.get(c.req.param('exam') ?? '');
  if (!bp || bp.level !== c.var.cohort.level) throw new HTTPException(404);
  return bp;
}

const scopeOf = (c: Context<AppEnv>): MarkingScope => ({ cohortId: c.var.cohort.id, institutionId: c.var.cohort.institutionId });

export function markingRoutes() {
  const app = new Hono<AppEnv>();
  const guard = [requireRole('admin', 'instructor'), cohortAccess('teach')] as const;
  const base = '/cohorts/:cohortId/exams/:exam/marking';

  app.get(base, ...guard, (c) => {
    const bp = blueprintOf(c);
    const cohort = c.var.cohort;
    const rows = markingQueue(c.var.deps, scopeOf(c), bp, c.var.user!.id);
    return c.html(
      <MarkingQueuePage
        ctx={viewContext(c)}
        cohort={cohort}
        backHref={cohortHref(c, cohort.id)}
        exam={{ id: bp.id, title: examTitle(c, bp.id) }}
        policy={policyOf(bp)}
        rows={rows}
        courseTitle={(slug) => courseTitle(c, slug)}
      />,
    );
  });

  const answerPage = (
    c: Context<AppEnv>,
    bp: Blueprint,
    item: string,
    extra: { errors?: MarkFormError[]; picked?: (number | undefined)[]; comment?: string } = {},
  ) => {
    const cohort = c.var.cohort;
    const answer = nextAnswer(c.var.deps, scopeOf(c), bp, item, c.var.user!.id);
    return (
      <MarkAnswerPage
        ctx={viewContext(c)}
        cohort={cohort}
        backHref={cohortHref(c, cohort.id)}
        exam={{ id: bp.id, title: examTitle(c, bp.id) }}
        item={item}
        answer={answer}
        {...extra}
      />
    );
  };

  app.get(`${base}/answer`, ...guard, (c) => {
    const bp = blueprintOf(c);
    c.header('Cache-Control', 'no-store');
    return c.html(answerPage(c, bp, c.req.query('item') ?? ''));
  });

  app.post(`${base}/answer`, ...guard, async (c) => {
    const bp = blueprintOf(c);
    const item = c.req.query('item') ?? '';
    const { t } = c.var;
    const form = await c.req.parseBody();
    const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    const attemptId = Number(text('attempt'));
    const slotKey = text('slot');
    const comment = text('comment');
    // Only an answer of this exam in this cohort: any other attempt or slot is simply not found.
    const rubric = rubricOf(c.var.deps, scopeOf(c), bp, attemptId, slotKey);
    if (!rubric) throw new HTTPException(404);
    // The levels picked, one per criterion (c0, c1, …).
    const picked = rubric.map((_, i) => (text(`c${i}`) === '' ? undefined : Number(text(`c${i}`))));
    const refuse = (errors: MarkFormError[]) => c.html(answerPage(c, bp, item, { errors, picked, comment }), 422);

    if (charCount(comment) > MARK_COMMENT_MAX) return refuse([{ field: 'comment', message: t('marking.error.commentTooLong', { max: MARK_COMMENT_MAX }) }]);
    const outcome = recordMark(c.var.deps, scopeOf(c), bp, c.var.user!.id, { attemptId, slotKey, levels: picked, comment });
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw new HTTPException(404);
      if (outcome.reason === 'not-yours') return refuse([{ field: 'marking-form', message: t('marking.error.taken') }]);
      if (outcome.reason === 'invalid') return refuse(outcome.problems.map((p) => problemMessage(c, p, rubric)));
      throw new HTTPException(500);
    }
    setFlash(c, 'ok', 'marking.saved', { number: String(outcome.candidate).padStart(3, '0') });
    return c.redirect(markingHref(c.var.cohort.id, bp.id, item), 303);
  });

  return app;
}

function problemMessage(c: Context<AppEnv>, p: MarkProblem, rubric: readonly { criterion: string }[]): MarkFormError {
  const { t } = c.var;
  if (p.criterion < 0) return { field: 'marking-form', message: t('marking.error.wrongCount') };
  const criterion = rubric[p.criterion]?.criterion ?? '';
  return { field: `criterion-${p.criterion}`, message: t(p.message === 'missing' ? 'marking.error.missing' : 'marking.error.notALevel', { criterion }) };
}
