import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { ViewContext } from '../../src/http/view-context.js';
import type { AttemptMeta, ViewSection, ViewSlot } from '../../src/exams/index.js';
import { Layout } from '../layout.js';
import { EXAM_FORM_SETTINGS, examSlotHtml, navigatorHtml, sectionsHtml } from './paper-html.js';
import { attemptUrl, CaseBlock, PracticeSlotForm, SectionHeading } from './question.js';
import { SlotReview } from './review.js';
import { PracticeProgress } from './practice-progress.js';

/** "1:05:09" or "05:09". */
export function clockText(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * The timed exam: a minimal header (title, clock, save status, answer sheet on a phone, 交卷) with
 * no site navigation, the answer sheet, the paper (a string, see paper-html.ts). 交卷 opens the
 * confirmation listing unanswered and flagged questions: a dialog with script, the server's
 * confirmation page without.
 */
export function ExamPage(props: {
  ctx: ViewContext;
  attempt: AttemptMeta;
  title: string;
  sections: ViewSection[];
  now: number;
  /** A scheduled sitting's paper: integrity signals on, copying off, the candidate's watermark. */
  sitting?: { watermark: string };
}) {
  const { ctx, attempt } = props;
  const { t } = ctx;
  const deadline = attempt.deadlineAt ?? props.now;
  return (
    <Layout ctx={ctx} title={props.title} wide bare>
      <a class="skip" href="#q-1">
        {t('exams.skipToFirst')}
      </a>
      <div
        id="exam"
        class={props.sitting ? 'exam exam-sitting' : 'exam'}
        data-sitting={props.sitting ? '1' : undefined}
        data-attempt={String(attempt.id)}
        data-deadline={String(deadline)}
        data-server-now={String(props.now)}
        data-started={String(attempt.startedAt)}
        data-last-seq={String(attempt.lastSeq)}
        data-msg-saved={t('exams.saved')}
        data-msg-pending={t('exams.savePending')}
        data-msg-offline={t('exams.saveOffline')}
        data-msg-failed={t('exams.saveFailed')}
        data-msg-minutes={t('exams.minutesLeft')}
        data-msg-timeup={t('exams.timeUp')}
        data-msg-answered={t('exams.nav.answered')}
        data-msg-unanswered-state={t('exams.nav.unanswered')}
        data-msg-flagged={t('exams.nav.flagged')}
        data-msg-sheet-count={t('exams.sheetCount')}
        data-msg-summary={t('exams.confirm.summary')}
        data-msg-list-unanswered={t('exams.confirm.unanswered')}
        data-msg-list-flagged={t('exams.confirm.flagged')}
        data-msg-goto={t('exams.confirm.gotoQuestion')}
        data-msg-none={t('exams.confirm.none')}
      >
        <header class="exam-bar">
          <h1>{props.title}</h1>
          <p class="timer">
            <span class="timer-label">{t('exams.timeLeft')}</span>{' '}
            <span role="timer" aria-live="off" data-timer>
              {clockText(deadline - props.now)}
            </span>
          </p>
          <p id="save-status" class="save-status" role="status" aria-live="polite">
            {t('exams.saveIdle')}
          </p>
          <div class="exam-actions">
            <button type="button" class="secondary sheet-toggle" aria-controls="answer-sheet" aria-expanded="false" data-sheet-open hidden>
              {t('exams.sheetOpen')}
            </button>
            <form id="confirm-form" method="get" action={`${attemptUrl(attempt.id)}/confirm`}>
              <button type="submit">{t('exams.submit')}</button>
            </form>
          </div>
          <p id="timer-announce" class="visually-hidden" aria-live="assertive" aria-atomic="true"></p>
        </header>
        {props.sitting && (
          // The mark is drawn by CSS from data-mark, not written as text: it is decoration (WCAG 1.4.3
          // exempts it from contrast), and text this faint would otherwise be checked as if it were content.
          <div class="exam-watermark" aria-hidden="true" data-testid="watermark">
            {Array.from({ length: 24 }, () => (
              <span data-mark={props.sitting!.watermark}></span>
            ))}
          </div>
        )}
        <div class="muted exam-help">
          <p>{t('exams.takeHelp')}</p>
          <p id="keys-help">{t('exams.keysHelp')}</p>
        </div>
        <div class="exam-layout">
          {raw(navigatorHtml(t, props.sections))}
          <div class="exam-paper" {...EXAM_FORM_SETTINGS}>
            {raw(sectionsHtml(t, props.sections, (vs) => examSlotHtml(t, attempt.id, vs)))}
          </div>
        </div>
        {/* What exam.js sends: the confirmed submission, or the automatic one at the deadline. */}
        <form id="submit-form" method="post" action={`${attemptUrl(attempt.id)}/submit`}>
          <input type="hidden" name="pending" value="" />
          <input type="hidden" name="auto" value="" />
        </form>
        <dialog id="submit-dialog" class="submit-dialog" aria-labelledby="submit-dialog-h">
          <h2 id="submit-dialog-h">{t('exams.confirm.title')}</h2>
          <p>{t('exams.confirm.intro')}</p>
          <p data-confirm-summary></p>
          <div data-confirm-lists></div>
          <div class="confirm-actions">
            <button type="button" class="secondary" data-confirm-back>
              {t('exams.confirm.back')}
            </button>
            <button type="button" data-confirm-submit>
              {t('exams.confirm.submit')}
            </button>
          </div>
        </dialog>
      </div>
      <script src="/static/js/exam.js" defer></script>
    </Layout>
  );
}

function Sections(props: { ctx: ViewContext; sections: ViewSection[]; slot: (vs: ViewSlot) => Child }) {
  let caseNo = 0;
  return (
    <>
      {props.sections.map((section, i) => (
        <section class="exam-part" aria-labelledby={`sec-${section.type}`}>
          <SectionHeading ctx={props.ctx} section={section} index={i} />
          {section.items.map((vi) =>
            vi.item.type === 'case' ? <CaseBlock ctx={props.ctx} vi={vi} n={++caseNo} slot={props.slot} /> : vi.slots.map((vs) => props.slot(vs)),
          )}
        </section>
      ))}
    </>
  );
}

/** Untimed practice: each question is checked on its own and answered with feedback (answered slots carry their score). */
export function PracticePage(props: { ctx: ViewContext; attempt: AttemptMeta; title: string; sections: ViewSection[] }) {
  const { ctx, attempt } = props;
  const { t } = ctx;
  const slots = props.sections.flatMap((s) => s.items.flatMap((i) => i.slots));
  const done = slots.filter((s) => s.saved && s.saved.answer !== '').length;
  const slot = (vs: ViewSlot) => {
    const given = vs.saved?.answer ?? '';
    if (given === '' || !vs.part) return <PracticeSlotForm ctx={ctx} attemptId={attempt.id} vs={vs} />;
    return <SlotReview ctx={ctx} vs={vs} given={given} score={vs.score ?? 0} showKey showExplanation />;
  };
  return (
    <Layout ctx={ctx} title={props.title}>
      <h1>{props.title}</h1>
      <PracticeProgress ctx={ctx} done={done} total={slots.length} />
      <Sections ctx={ctx} sections={props.sections} slot={slot} />
      <form class="submit-form" method="post" action={`${attemptUrl(attempt.id)}/submit`}>
        <button type="submit" class="secondary">
          {t('exams.finishPractice')}
        </button>
      </form>
    </Layout>
  );
}
