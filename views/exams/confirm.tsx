import type { ViewContext } from '../../src/http/view-context.js';
import { Layout } from '../layout.js';
import { attemptUrl } from './question.js';
import { clockText } from './take.js';

// The submit confirmation without script (exam.js shows the same lists in a dialog): what is still
// unanswered or flagged, each a link back to its question, then 返回检查 or 确认交卷. The clock runs,
// so the page keeps the exam's minimal header and no site navigation.

export type ConfirmFacts = { total: number; answered: number; unanswered: number[]; flagged: number[] };

export function NumberList(props: { ctx: ViewContext; nos: number[]; label: string; testid: string; hrefBase?: string }) {
  const { t } = props.ctx;
  return (
    <section class="confirm-list" aria-labelledby={`${props.testid}-h`} data-testid={props.testid}>
      <h2 id={`${props.testid}-h`}>{props.label}</h2>
      {props.nos.length === 0 ? (
        <p class="muted">{t('exams.confirm.none')}</p>
      ) : (
        <ul class="qlist">
          {props.nos.map((n) => (
            <li>
              <a href={`${props.hrefBase ?? ''}#q-${n}`} aria-label={t('exams.confirm.gotoQuestion', { n })}>
                {n}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ConfirmPage(props: { ctx: ViewContext; attemptId: number; title: string; deadlineAt: number; now: number; facts: ConfirmFacts }) {
  const { ctx, facts } = props;
  const { t } = ctx;
  const paper = attemptUrl(props.attemptId);
  return (
    <Layout ctx={ctx} title={t('exams.confirm.title')} bare>
      <a class="skip" href="#confirm-h">
        {t('nav.skip')}
      </a>
      <header class="exam-bar">
        <p class="exam-bar-title">{props.title}</p>
        <p class="timer">
          <span class="timer-label">{t('exams.timeLeft')}</span> <span>{clockText(props.deadlineAt - props.now)}</span>
        </p>
      </header>
      <section class="card confirm-page" aria-labelledby="confirm-h">
        <h1 id="confirm-h" tabindex={-1}>
          {t('exams.confirm.title')}
        </h1>
        <p>{t('exams.confirm.intro')}</p>
        <p data-testid="confirm-summary">{t('exams.confirm.summary', { total: facts.total, answered: facts.answered })}</p>
        <NumberList
          ctx={ctx}
          nos={facts.unanswered}
          label={t('exams.confirm.unanswered', { n: facts.unanswered.length })}
          testid="unanswered"
          hrefBase={paper}
        />
        <NumberList ctx={ctx} nos={facts.flagged} label={t('exams.confirm.flagged', { n: facts.flagged.length })} testid="flagged" hrefBase={paper} />
        <div class="confirm-actions">
          <a class="button secondary" href={paper}>
            {t('exams.confirm.back')}
          </a>
          <form method="post" action={`${paper}/submit`}>
            <input type="hidden" name="pending" value="" />
            <button type="submit">{t('exams.confirm.submit')}</button>
          </form>
        </div>
      </section>
    </Layout>
  );
}
