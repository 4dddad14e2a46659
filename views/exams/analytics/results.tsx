import type { ViewContext } from '../../../src/http/view-context.js';
import { percentOf, type Cohort, type Distribution, type ResultRow, type Submitted } from '../../../src/exams/index.js';
import { Layout } from '../../layout.js';
import { analyticsHref, BasisForm, Crumbs, duration, pct, Tabs } from './common.js';
import { ScoreHistogram } from './histogram.js';
import { ScrollTable } from '../../scroll-table.js';

function Score(props: { ctx: ViewContext; a: Submitted | undefined }) {
  const { ctx, a } = props;
  if (!a) return <span class="muted">—</span>;
  return (
    <a href={`/exams/attempts/${a.id}`}>
      {ctx.t('exams.analytics.scoreValue', { score: ctx.fmt.number(a.score), max: ctx.fmt.number(a.maxScore), percent: pct(ctx, percentOf(a)) })}
    </a>
  );
}

function Outcome(props: { ctx: ViewContext; row: ResultRow }) {
  const { t } = props.ctx;
  const s = props.row.summary;
  if (s?.passed != null) return <span class={`badge-result ${s.passed ? 'pass' : 'fail'}`}>{t(s.passed ? 'exams.passed' : 'exams.failed')}</span>;
  return <span class="muted">{t(s?.open ? 'exams.analytics.inProgress' : 'exams.analytics.notSat')}</span>;
}

/** One exam in one cohort: the distribution, then one row per trainee, and the exports. */
export function AnalyticsResultsPage(props: {
  ctx: ViewContext;
  cohort: Cohort;
  backHref: string;
  exam: { id: string; title: string; passPercent: number };
  rows: ResultRow[];
  dist: Distribution;
}) {
  const { ctx, cohort, exam } = props;
  const { t, fmt } = ctx;
  const title = t('exams.analytics.resultsTitle', { exam: exam.title });
  const base = analyticsHref(cohort.id, exam.id);
  return (
    <Layout ctx={ctx} title={title} wide>
      <Crumbs ctx={ctx} cohort={cohort} backHref={props.backHref} exam={exam} />
      <h1>{title}</h1>
      <Tabs ctx={ctx} cohortId={cohort.id} exam={exam.id} current="results" />
      <p class="export-links">
        <a href={`${base}/results.csv`} download data-testid="export-csv">
          {t('exams.analytics.exportCsv')}
        </a>
        <a href={`${base}/results.xlsx`} download data-testid="export-xlsx">
          {t('exams.analytics.exportXlsx')}
        </a>
      </p>

      <section aria-labelledby="dist-h" class="card">
        <h2 id="dist-h">{t('exams.analytics.distribution')}</h2>
        <BasisForm ctx={ctx} action={base} basis={props.dist.basis} />
        {props.dist.summary ? (
          <ScoreHistogram ctx={ctx} dist={props.dist} passPercent={exam.passPercent} />
        ) : (
          <p class="muted">{t('exams.analytics.noAttempts')}</p>
        )}
      </section>

      <section aria-labelledby="results-h">
        <h2 id="results-h">{t('exams.analytics.results')}</h2>
        <ScrollTable label={t('exams.analytics.results')}>
          <table data-testid="exam-results">
            <thead>
              <tr>
                <th scope="col">{t('exams.analytics.trainee')}</th>
                <th scope="col" class="num">
                  {t('exams.analytics.attempts')}
                </th>
                <th scope="col" class="num">
                  {t('exams.analytics.best')}
                </th>
                <th scope="col" class="num">
                  {t('exams.analytics.latest')}
                </th>
                <th scope="col">{t('exams.col.result')}</th>
                <th scope="col" class="num">
                  {t('exams.analytics.timeTaken')}
                </th>
                <th scope="col" class="num">
                  {t('exams.analytics.extraTime')}
                </th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr data-trainee={String(r.trainee.id)}>
                  <th scope="row">
                    {r.trainee.name} <span class="muted small">{r.trainee.email}</span>
                    {!r.trainee.enrolled && <span class="badge">{t('exams.analytics.formerTrainee')}</span>}
                  </th>
                  <td class="num">{fmt.number(r.summary?.attempts ?? 0)}</td>
                  <td class="num">
                    <Score ctx={ctx} a={r.summary?.best} />
                  </td>
                  <td class="num">
                    <Score ctx={ctx} a={r.summary?.latest} />
                  </td>
                  <td>
                    <Outcome ctx={ctx} row={r} />
                  </td>
                  <td class="num">{r.summary?.timeTakenMs != null ? duration(ctx, r.summary.timeTakenMs) : ''}</td>
                  <td class="num">{r.extraMinutes > 0 ? t('exams.minutes', { n: fmt.number(r.extraMinutes) }) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>
    </Layout>
  );
}
