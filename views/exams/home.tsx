import type { ViewContext } from '../../src/http/view-context.js';
import { Layout } from '../layout.js';
import { SittingCards, type SittingCard } from './sittings/cards.js';

export type ExamCard = {
  id: string;
  title: string;
  timeLimitMinutes: number;
  extraMinutes: number;
  /** Items as the paper numbers them; a range until drawn when the cases' part counts differ. */
  items: { min: number; max: number };
  passPercent: number;
  open?: { id: number; minutesLeft: number };
};
export type PracticeCard = { slug: string; title: string; bankSize: number; openId?: number };

export function ExamsHome(props: {
  ctx: ViewContext;
  exams: ExamCard[];
  practice: PracticeCard[];
  notebookCount: number;
  notebookOpenId?: number;
  sittings?: SittingCard[];
}) {
  const { ctx } = props;
  const { t, fmt } = ctx;
  return (
    <Layout ctx={ctx} title={t('exams.title')}>
      <h1>{t('exams.title')}</h1>
      {props.sittings && props.sittings.length > 0 && <SittingCards ctx={ctx} sittings={props.sittings} />}
      <section aria-labelledby="mock-h">
        <h2 id="mock-h">{t('exams.mockTitle')}</h2>
        {props.exams.length === 0 ? (
          <p class="muted">{t('exams.noExams')}</p>
        ) : (
          <ul class="cards">
            {props.exams.map((e) => (
              <li class="card exam-card" data-testid={`exam-${e.id}`}>
                <h3>{e.title}</h3>
                <dl class="facts">
                  <dt>{t('exams.timeLimit')}</dt>
                  <dd>
                    {t('exams.minutes', { n: fmt.number(e.timeLimitMinutes) })}
                    {e.extraMinutes > 0 && <> {t('exams.plusExtra', { n: fmt.number(e.extraMinutes) })}</>}
                  </dd>
                  <dt>{t('exams.questionCount')}</dt>
                  <dd data-testid="exam-items">
                    {e.items.min === e.items.max ? fmt.number(e.items.min) : `${fmt.number(e.items.min)}–${fmt.number(e.items.max)}`}
                  </dd>
                  <dt>{t('exams.passMark')}</dt>
                  <dd>{fmt.number(e.passPercent)}%</dd>
                </dl>
                {e.open && <p class="note">{t('exams.inProgress', { n: fmt.number(e.open.minutesLeft) })}</p>}
                {e.open ? (
                  <form method="post" action={`/exams/start/${encodeURIComponent(e.id)}`}>
                    <button type="submit">{t('exams.resume')}</button>
                  </form>
                ) : (
                  <a class="button" href={`/exams/notice/${encodeURIComponent(e.id)}`}>
                    {t('exams.enter')}
                  </a>
                )}
              </li>
            ))}
          </ul>
        )}
        <p class="muted small">{t('exams.rulesNote')}</p>
      </section>
      <section aria-labelledby="practice-h">
        <h2 id="practice-h">{t('exams.practiceTitle')}</h2>
        <p class="muted">{t('exams.practiceIntro')}</p>
        <ul class="practice-list">
          {props.practice.map((p) => (
            <li>
              <form method="post" action={`/exams/practice/${encodeURIComponent(p.slug)}`} class="practice-row">
                <span>
                  {p.title} <span class="muted small">{t('exams.bankSize', { n: p.bankSize })}</span>
                </span>
                <button type="submit" class="secondary small">
                  {t(p.openId ? 'exams.resumePractice' : 'exams.practise')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="more-h">
        <h2 id="more-h">{t('exams.moreTitle')}</h2>
        <ul>
          <li>
            <a href="/exams/notebook">{t('exams.notebook')}</a> <span class="muted">{t('exams.notebookCount', { n: props.notebookCount })}</span>
          </li>
          <li>
            <a href="/exams/history">{t('exams.history')}</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}
