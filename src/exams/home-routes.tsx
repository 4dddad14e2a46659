// Around the attempts: the exams page, 考前须知, history, the wrong-answer notebook (trainees only), and the
// staff's extra-time form, scoped by staff-scope.ts (the analytics work extends the instructor side).
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env.js';
import { requireRole } from '../auth/index.js';
import { scopedTrainees, traineeCohorts } from '../institutions/index.js';
import { setFlash } from '../http/flash.js';
import { viewContext } from '../http/view-context.js';
import { ExamsHome, type ExamCard, type PracticeCard } from '../../views/exams/home.js';
import { HistoryPage, NotebookPage } from '../../views/exams/history.js';
import { NoticePage } from '../../views/exams/notice.js';
import { GrantsPage } from '../../views/exams/grants.js';
import { NOTEBOOK_KEY, practiceKey } from './attempts.js';
import { drawnSize, paperSize } from './blueprint.js';
import { MINUTE_MS } from './clock.js';
import { grantExtraTime, parseGrant } from './grants.js';
import { extraMinutes, scopedGrants } from './grants-store.js';
import { courseTitle, examTitle } from './request-context.js';
import { notebookEntries } from './notebook.js';
import { paperOf } from './paper-cache.js';
import { poolFor } from './pool.js';
import { staffScope } from './staff-scope.js';
import { selfCheckMisses } from '../hours/index.js';
import * as store from './store.js';
import { scoreHeldIds, traineeSittings } from './sittings/sittings.js';

const staff = requireRole('instructor', 'admin');

/**
 * The extra-time page: the trainees and grants the user reaches (staff-scope.ts) — the whole
 * institution for its admin, an instructor's own cohorts only. `status` answers a refused form.
 */
function grantsPage(c: Context<AppEnv>, form?: { errors: string[]; values: Record<string, string>; status: 400 | 404 }) {
  const { deps, user } = c.var;
  const scope = staffScope(user!);
  const exams = deps.exams.blueprints.list.map((b) => ({ id: b.id, title: examTitle(c, b.id) }));
  const grants = scope ? scopedGrants(deps.db, scope).map((g) => ({ ...g, examTitle: examTitle(c, g.examKey) })) : [];
  const trainees = scope ? scopedTrainees(deps.db, scope) : [];
  return c.html(
    <GrantsPage
      ctx={viewContext(c)}
      ownCohortsOnly={scope?.instructorId !== undefined}
      trainees={trainees}
      exams={exams}
      grants={grants}
      errors={form?.errors}
      values={form?.values}
    />,
    form?.status ?? 200,
  );
}

export function homeRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/exams', requireRole('trainee', 'instructor', 'admin'), (c) => {
    const { deps, user } = c.var;
    if (user!.role !== 'trainee') return c.redirect('/exams/grants', 303);
    const now = Date.now();
    const cohorts = traineeCohorts(deps.db, user!.id).filter((x) => x.institutionId === user!.institutionId);
    const levels = new Set(cohorts.map((x) => x.level));
    const open = new Map(
      store
        .traineeAttempts(deps.db, user!.id)
        .filter((a) => a.status === 'open')
        .map((a) => [a.examKey, a]),
    );
    const pool = user!.institutionId ? poolFor(deps, user!.institutionId) : undefined;
    const exams: ExamCard[] = deps.exams.blueprints.list
      .filter((b) => levels.has(b.level as never))
      .map((b) => {
        const o = open.get(b.id);
        const live = o && o.deadlineAt !== null && o.deadlineAt > now ? o : undefined;
        // Counted as the paper numbers them (a case counts its parts): the drawn paper if running.
        const rows = live ? drawnSize(paperOf(deps, live.id)!.paper) : pool ? paperSize(b, pool) : [];
        return {
          id: b.id,
          title: examTitle(c, b.id),
          timeLimitMinutes: b.timeLimitMinutes,
          extraMinutes: extraMinutes(deps.db, user!.id, b.id),
          items: { min: rows.reduce((n, r) => n + r.items.min, 0), max: rows.reduce((n, r) => n + r.items.max, 0) },
          passPercent: b.passPercent,
          open: live ? { id: live.id, minutesLeft: Math.ceil((live.deadlineAt! - now) / MINUTE_MS) } : undefined,
        };
      });
    const courseSlugs = new Set(cohorts.flatMap((x) => deps.catalog.level(x.level)?.courses ?? []));
    const practice: PracticeCard[] = [...deps.catalog.programme.courses.keys()]
      .filter((slug) => courseSlugs.has(slug))
      .map((slug) => ({ slug, title: courseTitle(c, slug), bankSize: pool?.course(slug).length ?? 0, openId: open.get(practiceKey(slug))?.id }));
    return c.html(
      <ExamsHome
        ctx={viewContext(c)}
        exams={exams}
        practice={practice}
        notebookCount={notebookEntries(deps.db, user!.id).length + selfCheckMisses(deps.db, deps.catalog, user!.id).length}
        notebookOpenId={open.get(NOTEBOOK_KEY)?.id}
        sittings={traineeSittings(
          deps,
          user!,
          cohorts.map((x) => x.id),
          now,
        ).map((s) => ({ ...s, title: examTitle(c, s.examKey) }))}
      />,
    );
  });

  // 考前须知. Reading it starts nothing: only its form's POST to /exams/start/:exam does.
  app.get('/exams/notice/:exam', requireRole('trainee'), (c) => {
    const { deps, user } = c.var;
    const bp = deps.exams.blueprints.byId.get(c.req.param('exam'));
    if (!bp || user!.institutionId === null) throw new HTTPException(404);
    const cohorts = traineeCohorts(deps.db, user!.id).filter((x) => x.institutionId === user!.institutionId);
    if (!cohorts.some((x) => x.level === bp.level)) throw new HTTPException(403);
    const now = Date.now();
    const o = store.findOpenAttempt(deps.db, user!.id, bp.id);
    const live = o && o.deadlineAt !== null && o.deadlineAt > now ? o : undefined;
    const rows = live ? drawnSize(paperOf(deps, live.id)!.paper) : paperSize(bp, poolFor(deps, user!.institutionId!));
    return c.html(
      <NoticePage
        ctx={viewContext(c)}
        facts={{
          examId: bp.id,
          title: examTitle(c, bp.id),
          timeLimitMinutes: bp.timeLimitMinutes,
          extraMinutes: extraMinutes(deps.db, user!.id, bp.id),
          passPercent: bp.passPercent,
          rows,
          open: live ? { minutesLeft: Math.ceil((live.deadlineAt! - now) / MINUTE_MS) } : undefined,
        }}
      />,
    );
  });

  app.get('/exams/history', requireRole('trainee'), (c) => {
    const { deps, user } = c.var;
    const attempts = store.traineeAttempts(deps.db, user!.id);
    // A sitting's score stays out of the history until its review opens.
    const held = scoreHeldIds(deps, attempts);
    const shown = attempts.map((a) => (held.has(a.id) ? { ...a, score: null, maxScore: null, passed: null } : a));
    return c.html(<HistoryPage ctx={viewContext(c)} attempts={shown} titleOf={(k) => examTitle(c, k)} />);
  });

  app.get('/exams/notebook', requireRole('trainee'), (c) => {
    const { deps, user } = c.var;
    const pool = poolFor(deps, user!.institutionId!);
    const rows = notebookEntries(deps.db, user!.id).flatMap((e) => {
      const q = pool.byKey.get(e.key)?.question;
      // A question that has left the bank cannot be practised; it drops out of the notebook.
      if (!q) return [];
      // Each opens where it was missed: the attempt's review, only the mistakes shown, at the question.
      const no = paperOf(deps, e.attemptId)?.slots.get(e.slotKey)?.no;
      const href = `/exams/attempts/${e.attemptId}?only=wrong${no ? `#q-${no}` : '#review-h'}`;
      return [{ ...e, courseTitle: courseTitle(c, e.course), stem: q.stem, type: q.type, href }];
    });
    const openId = store.findOpenAttempt(deps.db, user!.id, NOTEBOOK_KEY)?.id;
    const selfChecks = selfCheckMisses(deps.db, deps.catalog, user!.id);
    return c.html(<NotebookPage ctx={viewContext(c)} rows={rows} openId={openId} selfChecks={selfChecks} courseTitle={(slug) => courseTitle(c, slug)} />);
  });

  app.get('/exams/grants', staff, (c) => grantsPage(c));

  app.post('/exams/grants', staff, async (c) => {
    const { deps, user, t } = c.var;
    const body = await c.req.parseBody();
    const parsed = parseGrant(body, deps.exams.blueprints.byId);
    if (!parsed.ok) return grantsPage(c, { errors: parsed.errors.map((k) => t(k)), values: parsed.values, status: 400 });
    const outcome = grantExtraTime(deps.db, user!, parsed.grant);
    // A trainee outside the user's reach gets the answer of one who does not exist.
    if (outcome === 'notFound') return grantsPage(c, { errors: [t('exams.grants.noSuchTrainee')], values: parsed.values, status: 404 });
    setFlash(c, 'ok', outcome === 'extended' ? 'exams.grants.grantedRunning' : 'exams.grants.granted', { minutes: parsed.grant.minutes });
    return c.redirect('/exams/grants', 303);
  });

  return app;
}
