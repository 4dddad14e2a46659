import type { ViewContext } from '../../../src/http/view-context.js';
import { percentOf, type Cohort, type Distribution, type SittingListItem, type SittingResultRow } from '../../../src/exams/index.js';
import { Layout } from '../../layout.js';
import { ScrollTable } from '../../scroll-table.js';
import { ScoreHistogram } from '../analytics/histogram.js';
import { duration, pct } from '../analytics/common.js';
import { sittingHref } from './live.js';

/** One sitting's results: the distribution of its attempts, one row per candidate with the integrity counts, and the exports. */
export function SittingResultsPage(props: {
  ctx: ViewContext;
  cohort: Cohort;
  sitting: SittingListItem;
  passPercent: number;
  rows: SittingResultRow[];
  dist: Distribution;
}) {
  const { ctx, cohort, sitting } = props;
  const { t, fmt } = ctx;
  const title = t('sittings.resultsTitle', { exam: sitting.title });
  const base = sittingHref(cohort.id, sitting.id);
  return (
    <Layout ctx={ctx} title={title} wide>
      <p class="crumbs">
        <a href={`/cohorts/${cohort.id}/sittings`}>← {t('sittings.title', { cohort: cohort.name })}</a> · <a href={base}>{t('sittings.liveRoom')}</a>
      </p>
      <h1>{title}</h1>
      <p>{fmt.dateTimeRange(sitting.opensAt, sitting.closesAt)}</p>
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
        {props.dist.summary ? (
          <ScoreHistogram ctx={ctx} dist={props.dist} passPercent={props.passPercent} />
        ) : (
          <p class="muted">{t('exams.analytics.noAttempts')}</p>
        )}
      </section>
      <section aria-labelledby="results-h">
        <h2 id="results-h">{t('exams.analytics.results')}</h2>
        <ScrollTable label={t('exams.analytics.results')}>
          <table data-testid="sitting-results">
            <thead>
              <tr>
                <th scope="col">{t('sittings.col.trainee')}</th>
                <th scope="col" class="num">
                  {t('exams.analytics.latest')}
                </th>
                <th scope="col">{t('exams.col.result')}</th>
                <th scope="col" class="num">
                  {t('exams.analytics.timeTaken')}
                </th>
                <th scope="col">{t('sittings.col.integrity')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => {
                const a = r.summary?.latest;
                return (
                  <tr data-trainee={String(r.trainee.id)}>
                    <th scope="row">
                      {r.trainee.name} <span class="muted small">{t('sittings.candidate', { number: r.trainee.number })}</span>
                    </th>
                    <td class="num">
                      {a ? (
                        <a href={`/exams/attempts/${a.id}`}>
                          {t('exams.analytics.scoreValue', { score: fmt.number(a.score), max: fmt.number(a.maxScore), percent: pct(ctx, percentOf(a)) })}
                        </a>
                      ) : (
                        <span class="muted">—</span>
                      )}
                    </td>
                    <td>
                      {r.summary?.passed != null ? (
                        <span class={`badge-result ${r.summary.passed ? 'pass' : 'fail'}`}>{t(r.summary.passed ? 'exams.passed' : 'exams.failed')}</span>
                      ) : (
                        <span class="muted">{t(r.summary?.open ? 'exams.analytics.inProgress' : 'exams.analytics.notSat')}</span>
                      )}
                      {r.submittedBy === 'integrity' || r.submittedBy === 'staff' ? <span class="muted small"> · {t(`exams.by.${r.submittedBy}`)}</span> : null}
                    </td>
                    <td class="num">{r.summary?.timeTakenMs != null ? duration(ctx, r.summary.timeTakenMs) : ''}</td>
                    <td data-testid="integrity">
                      {t('sittings.integritySummary', {
                        departures: fmt.number(r.counts.departures),
                        seconds: fmt.number(Math.round(r.counts.awayMs / 1000)),
                        copyPaste: fmt.number(r.counts.copyPaste),
                        devices: fmt.number(r.counts.secondDevice),
                      })}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      </section>
    </Layout>
  );
}
