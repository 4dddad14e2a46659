import type { ViewContext } from '../../src/http/view-context.js';
import type { Range, SizeRow } from '../../src/exams/index.js';
import { Layout } from '../layout.js';
import { ScrollTable } from '../scroll-table.js';

// 考前须知: what the paper holds (counted as the paper numbers it: a case counts its parts), the
// time, the pass mark and the rules, then the one button that starts the clock (a POST; opening
// this page never starts anything).

export type NoticeFacts = {
  examId: string;
  title: string;
  timeLimitMinutes: number;
  extraMinutes: number;
  passPercent: number;
  rows: SizeRow[];
  /** The paper is already drawn (an attempt in progress): the counts are exact. */
  open?: { minutesLeft: number };
};

const sum = (rows: SizeRow[], f: (r: SizeRow) => Range): Range => rows.reduce((a, r) => ({ min: a.min + f(r).min, max: a.max + f(r).max }), { min: 0, max: 0 });

export function NoticePage(props: { ctx: ViewContext; facts: NoticeFacts }) {
  const { ctx, facts } = props;
  const { t, fmt } = ctx;
  const span = (r: Range) => (r.min === r.max ? fmt.number(r.min) : `${fmt.number(r.min)}–${fmt.number(r.max)}`);
  const items = (r: Range) => (r.min === r.max ? t('exams.notice.items', { n: r.min }) : t('exams.notice.itemsRange', { min: r.min, max: r.max }));
  const totalItems = sum(facts.rows, (r) => r.items);
  const totalPoints = sum(facts.rows, (r) => r.points);
  const ranged = totalItems.min !== totalItems.max;
  const minutes = facts.timeLimitMinutes + facts.extraMinutes;
  const passPoints = { min: Math.round(totalPoints.min * facts.passPercent) / 100, max: Math.round(totalPoints.max * facts.passPercent) / 100 };
  return (
    <Layout ctx={ctx} title={`${t('exams.notice.title')} · ${facts.title}`}>
      <p class="crumbs">
        <a href="/exams">{t('exams.notice.back')}</a>
      </p>
      <h1>{facts.title}</h1>
      <section class="card notice" aria-labelledby="notice-h">
        <h2 id="notice-h">{t('exams.notice.title')}</h2>
        <dl class="facts">
          <dt>{t('exams.timeLimit')}</dt>
          <dd data-testid="notice-time">
            {t('exams.minutes', { n: fmt.number(facts.timeLimitMinutes) })}
            {facts.extraMinutes > 0 && <> {t('exams.plusExtra', { n: fmt.number(facts.extraMinutes) })}</>}
          </dd>
          <dt>{t('exams.questionCount')}</dt>
          <dd data-testid="notice-items">{items(totalItems)}</dd>
          <dt>{t('exams.col.max')}</dt>
          <dd>{t('exams.notice.pointsTotal', { points: span(totalPoints) })}</dd>
          <dt>{t('exams.passMark')}</dt>
          <dd>{t('exams.passMarkValue', { percent: fmt.number(facts.passPercent), points: span(passPoints) })}</dd>
        </dl>
        <h3 id="paper-h">{t('exams.notice.paper')}</h3>
        <ScrollTable label={t('exams.notice.paper')}>
          <table class="notice-table" aria-labelledby="paper-h" data-testid="notice-paper">
            <thead>
              <tr>
                <th scope="col">{t('exams.notice.colType')}</th>
                <th scope="col">{t('exams.notice.colItems')}</th>
                <th scope="col">{t('exams.notice.colPoints')}</th>
              </tr>
            </thead>
            <tbody>
              {facts.rows.map((r) => (
                <tr data-type={r.type}>
                  <th scope="row">{t(`exams.type.${r.type}`)}</th>
                  <td data-items={r.items.min === r.items.max ? String(r.items.min) : `${r.items.min}-${r.items.max}`}>
                    {r.type === 'case' ? t('exams.notice.caseItems', { questions: r.questions, items: span(r.items) }) : items(r.items)}
                  </td>
                  <td>
                    {t('exams.notice.each', { points: r.pointsEach })}
                    {t('exams.notice.pointsSep')}
                    {t('exams.notice.pointsTotal', { points: span(r.points) })}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('exams.notice.total')}</th>
                <td>{items(totalItems)}</td>
                <td>{t('exams.notice.pointsTotal', { points: span(totalPoints) })}</td>
              </tr>
            </tfoot>
          </table>
        </ScrollTable>
        <p class="muted small">{t(facts.open ? 'exams.notice.drawnNote' : ranged ? 'exams.notice.rangeNote' : 'exams.notice.drawnNote')}</p>
        <h3>{t('exams.notice.rulesTitle')}</h3>
        <ol class="notice-rules">
          <li>{t('exams.notice.ruleClock', { minutes })}</li>
          <li>{facts.extraMinutes > 0 ? t('exams.notice.ruleExtra', { n: facts.extraMinutes }) : t('exams.notice.ruleNoExtra')}</li>
          <li>{t('exams.notice.ruleSave')}</li>
          <li>{t('exams.notice.ruleDeadline')}</li>
          <li>{t('exams.notice.ruleFlag')}</li>
          <li>{t('exams.notice.rulePass', { percent: fmt.number(facts.passPercent) })}</li>
        </ol>
      </section>
      <section class="card notice-start" aria-labelledby="start-h">
        <h2 id="start-h">{t(facts.open ? 'exams.resume' : 'exams.notice.startTitle')}</h2>
        <p>{facts.open ? t('exams.notice.resumeNote', { n: fmt.number(facts.open.minutesLeft) }) : t('exams.notice.startNote')}</p>
        <form method="post" action={`/exams/start/${encodeURIComponent(facts.examId)}`}>
          <button type="submit">{t(facts.open ? 'exams.resume' : 'exams.notice.startButton')}</button>
        </form>
      </section>
    </Layout>
  );
}
