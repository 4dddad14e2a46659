// The trainee's side of an attempt: start or resume, the paper, autosave, practice checks, submit,
// and the result. SQL lives in store.ts; the rules in attempts.ts, save.ts and grading.ts.
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env.js';
import { requireRole } from '../auth/index.js';
import { setFlash } from '../http/flash.js';
import { viewContext } from '../http/view-context.js';
import { findPerson } from '../institutions/index.js';
import { ExamPage, PracticePage } from '../../views/exams/take.js';
import { InProgressPage, ResultPage } from '../../views/exams/result.js';
import { SlotReview } from '../../views/exams/review.js';
import { ConfirmPage } from '../../views/exams/confirm.js';
import { PracticeSlotForm } from '../../views/exams/question.js';
import { PracticeProgress } from '../../views/exams/practice-progress.js';
import { esc } from '../../views/exams/paper-html.js';
import { slotPart } from './answers.js';
import { finaliseAttempt, NOTEBOOK_KEY, practiceKey, settleIfOverdue, startAttempt, type StartOutcome } from './attempts.js';
import { isOverdue, submitReason } from './clock.js';
import { scoreAnswer } from './grading.js';
import { attemptFor, courseTitle, examTitle, parsePending } from './request-context.js';
import { awaitingMarking, displayOptions, paperView, withScores } from './paper-view.js';
import { markFeedback } from './marking/marking.js';
import { paperOf } from './paper-cache.js';
import { poolFor } from './pool.js';
import { checkPractice, saveAnswer, saveNow } from './save.js';
import * as store from './store.js';
import type { AttemptResult, Slot } from './types.js';
import { homeRoutes } from './home-routes.js';
import { sittingPaper, sittingReview } from './sittings/sittings.js';
import { SittingHeldPage } from '../../views/exams/sittings/held.js';

const attemptPath = (id: number) => `/exams/attempts/${id}`;

function started(c: Context<AppEnv>, outcome: StartOutcome) {
  const { deps } = c.var;
  switch (outcome.kind) {
    case 'ok':
      return c.redirect(attemptPath(outcome.attemptId), 303);
    case 'notFound':
      throw new HTTPException(404);
    case 'notAllowed':
      throw new HTTPException(403);
    case 'empty':
      setFlash(c, 'error', 'exams.nothingToPractise');
      return c.redirect('/exams', 303);
    case 'unavailable':
      // Only a bank broken after `bcm validate` passed gets here: tell the trainee, alert operators.
      deps.logger.error({ problem: outcome.problem.message }, 'exam cannot be drawn from the pool');
      setFlash(c, 'error', 'exams.unavailable');
      return c.redirect('/exams', 303);
  }
}

export function examRoutes() {
  const app = new Hono<AppEnv>();
  const trainee = requireRole('trainee');

  app.route('/', homeRoutes());

  app.post('/exams/start/:exam', trainee, (c) => started(c, startAttempt(c.var.deps, c.var.user!, c.req.param('exam'))));
  app.post('/exams/practice/:course', trainee, (c) => started(c, startAttempt(c.var.deps, c.var.user!, practiceKey(c.req.param('course')))));
  app.post('/exams/notebook/practice', trainee, (c) => started(c, startAttempt(c.var.deps, c.var.user!, NOTEBOOK_KEY)));

  app.get('/exams/attempts/:id', requireRole('trainee', 'instructor', 'admin'), (c) => {
    const { deps, user } = c.var;
    let meta = attemptFor(c);
    const now = Date.now();
    // Attempt pages carry personal answers and a live clock: never cached, never replayed.
    c.header('Cache-Control', 'no-store');
    if (settleIfOverdue(deps, meta, now) !== meta.status) meta = store.attemptMeta(deps.db, meta.id)!;
    const title = examTitle(c, meta.examKey);
    const { paper, slots } = paperOf(deps, meta.id)!;
    const pool = poolFor(deps, meta.institutionId);
    const sections = paperView(paper, pool, store.answersOf(deps.db, meta.id), slots.values());
    const traineeName = user!.role === 'trainee' ? undefined : (findPerson(deps.db, meta.traineeId)?.name ?? '');
    if (meta.status === 'open') {
      if (traineeName !== undefined)
        return c.html(<InProgressPage ctx={viewContext(c)} title={title} traineeName={traineeName} deadlineAt={meta.deadlineAt} />);
      if (meta.mode === 'practice')
        return c.html(<PracticePage ctx={viewContext(c)} attempt={meta} title={title} sections={withScores(sections, { practice: paper.scoring })} />);
      return c.html(<ExamPage ctx={viewContext(c)} attempt={meta} title={title} sections={sections} now={now} sitting={sittingPaper(deps, meta)} />);
    }
    const row = store.findAttempt(deps.db, meta.id)!;
    // A sitting's trainee sees the review only once its window has closed, and only as its policy allows.
    const held = traineeName === undefined ? sittingReview(deps, meta, now) : undefined;
    if (held && held.shown !== 'full')
      return c.html(<SittingHeldPage ctx={viewContext(c)} title={title} attempt={row} shown={held.shown} revealAt={held.at} passPercent={paper.passPercent} />);
    const result = row.result as AttemptResult;
    const scored = withScores(sections, { result });
    // A marked written answer shows the markers' comments (never who they are: marking is blind).
    const feedback = markFeedback(deps.db, meta.id);
    for (const vs of scored.flatMap((s) => s.items.flatMap((i) => i.slots)))
      if (vs.written && !vs.awaiting) vs.comments = feedback.get(vs.slot.key)?.comments ?? [];
    return c.html(
      <ResultPage
        ctx={viewContext(c)}
        attempt={row}
        title={title}
        result={result}
        awaiting={awaitingMarking(result)}
        sections={scored}
        review={paper.review}
        passPercent={paper.passPercent}
        courseTitle={(slug) => courseTitle(c, slug)}
        traineeName={traineeName}
        onlyWrong={c.req.query('only') === 'wrong'}
      />,
    );
  });

  // The submit confirmation without script (exam.js shows it as a dialog): unanswered and flagged
  // questions by number, as saved. Anything but a running exam of the owner goes to the attempt.
  app.get('/exams/attempts/:id/confirm', trainee, (c) => {
    const { deps } = c.var;
    const meta = attemptFor(c, { ownerOnly: true });
    const now = Date.now();
    c.header('Cache-Control', 'no-store');
    if (meta.status !== 'open' || meta.mode !== 'exam' || isOverdue(now, meta.deadlineAt)) return c.redirect(attemptPath(meta.id), 303);
    const { paper, slots } = paperOf(deps, meta.id)!;
    const pool = poolFor(deps, meta.institutionId);
    // A question withdrawn from its bank cannot be answered and is not counted (as on the paper).
    const all = paperView(paper, pool, store.answersOf(deps.db, meta.id), slots.values())
      .flatMap((s) => s.items.flatMap((i) => i.slots))
      .filter((vs) => vs.part || vs.written);
    const unanswered = all.filter((vs) => (vs.saved?.answer ?? '') === '').map((vs) => vs.slot.no);
    const flagged = all.filter((vs) => vs.saved?.flagged).map((vs) => vs.slot.no);
    return c.html(
      <ConfirmPage
        ctx={viewContext(c)}
        attemptId={meta.id}
        title={examTitle(c, meta.examKey)}
        deadlineAt={meta.deadlineAt ?? now}
        now={now}
        facts={{ total: all.length, answered: all.length - unanswered.length, unanswered, flagged }}
      />,
    );
  });

  // Autosave (htmx, from static/js/exam.js). The answer is swapped into the status line; the
  // server's clock rides along so the countdown can correct the browser's.
  app.post('/exams/attempts/:id/save', trainee, async (c) => {
    const { deps, user, t } = c.var;
    const body = new URLSearchParams(await c.req.text());
    const outcome = await saveAnswer(deps, {
      attemptId: Number(c.req.param('id')),
      traineeId: user!.id,
      key: body.get('q') ?? '',
      picks: body.getAll('a'),
      flagged: body.get('f') === '1',
      seq: Number(body.get('seq')),
    });
    c.header('Cache-Control', 'no-store');
    c.header('X-Server-Now', String(Date.now()));
    switch (outcome.kind) {
      case 'saved':
        c.header('X-Saved-Seq', String(outcome.seq));
        return c.html(`<span class="saved">${esc(t('exams.saved'))}</span>`);
      case 'notFound':
        throw new HTTPException(404);
      case 'invalid':
        return c.html(`<span class="refused" role="alert">${esc(t('exams.saveInvalid'))}</span>`, 400);
      case 'tooLong':
        return c.html(`<span class="refused" role="alert">${esc(t('exams.answerTooLong', { max: outcome.max }))}</span>`, 413);
      case 'closed':
        return c.html(`<span class="refused" role="alert" data-closed>${esc(t('exams.refusedClosed'))}</span>`, 409);
      case 'late':
        return c.html(`<span class="refused" role="alert" data-closed>${esc(t('exams.refusedLate'))}</span>`, 409);
    }
  });

  app.post('/exams/attempts/:id/submit', trainee, async (c) => {
    const { deps } = c.var;
    const meta = attemptFor(c, { ownerOnly: true });
    const now = Date.now();
    if (meta.status === 'open') {
      if (isOverdue(now, meta.deadlineAt)) {
        finaliseAttempt(deps, meta.id, 'deadline', now);
      } else {
        const body = await c.req.parseBody();
        // Answers the browser could not save yet (offline) arrive with the submission.
        if (meta.mode === 'exam') {
          for (const p of parsePending(body.pending))
            saveNow(deps, meta, { attemptId: meta.id, traineeId: meta.traineeId, key: p.q, picks: p.a, flagged: p.f, seq: p.s }, now);
        }
        finaliseAttempt(deps, meta.id, meta.mode === 'practice' ? 'trainee' : submitReason(now, meta.deadlineAt), now);
      }
    }
    return c.redirect(attemptPath(meta.id), 303);
  });

  // Practice: one slot checked, its feedback (key and explanation) swapped in for the form.
  app.post('/exams/attempts/:id/check', trainee, async (c) => {
    const { deps, user, t } = c.var;
    const body = new URLSearchParams(await c.req.text());
    const id = Number(c.req.param('id'));
    const outcome = checkPractice(deps, { attemptId: id, traineeId: user!.id, key: body.get('q') ?? '', picks: body.getAll('a') });
    if (outcome.kind === 'notFound') throw new HTTPException(404);
    if (!c.req.header('HX-Request') || outcome.kind === 'closed') return c.redirect(attemptPath(id), 303);
    c.header('Cache-Control', 'no-store');
    const ctx = viewContext(c, null);
    const meta = store.attemptMeta(deps.db, id)!;
    const pool = poolFor(deps, meta.institutionId);
    const viewSlot = (slot: Slot) => {
      const part = slotPart(pool.byKey.get(slot.item.key)?.question, slot);
      return { slot, part, options: displayOptions(part, slot), saved: undefined };
    };
    if (outcome.kind === 'invalid') {
      // Re-render the question (not just a message) so it can still be answered.
      if (!outcome.slot) throw new HTTPException(400);
      return c.html(<PracticeSlotForm ctx={ctx} attemptId={id} vs={viewSlot(outcome.slot)} error={t('exams.pickFirst')} />);
    }
    const vs = viewSlot(outcome.slot);
    const score = vs.part ? scoreAnswer(vs.part, outcome.answer, outcome.slot.points, paperOf(deps, id)!.paper.scoring) : 0;
    return c.html(
      <>
        <SlotReview ctx={ctx} vs={vs} given={outcome.answer} score={score} showKey showExplanation live />
        <PracticeProgress ctx={ctx} done={outcome.answered} total={outcome.total} oob />
        {outcome.finished && (
          <p class="flash flash-ok" role="status">
            {t('exams.practiceDone')} <a href={attemptPath(id)}>{t('exams.seeResult')}</a>
          </p>
        )}
      </>,
    );
  });

  return app;
}
