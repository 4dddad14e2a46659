import type { ViewContext } from '../../../src/http/view-context.js';
import type { Cohort, Distribution, SittingListItem, SittingResultRow } from '../../../src/exams/index.js';
import { Layout } from '../../layout.js';
import { TableHead } from '../../table-head.js';
import { duration } from '../analytics/common.js';
import { DistributionCard, ExportLinks, Outcome, ResultsSection, Score } from '../analytics/result-parts.js';
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
      <ExportLinks ctx={ctx} base={base} />
      <DistributionCard ctx={ctx} dist={props.dist} passPercent={props.passPercent} />
      <ResultsSection ctx={ctx}>
        <table data-testid="sitting-results">
          <TableHead
            columns={[
              { label: t('sittings.col.trainee') },
              { label: t('exams.analytics.latest'), num: true },
              { label: t('exams.col.result') },
              { label: t('exams.analytics.timeTaken'), num: true },
              { label: t('sittings.col.integrity') },
            ]}
          />
          <tbody>
            {props.rows.map((r) => (
              <tr data-trainee={String(r.trainee.id)}>
                <th scope="row">
                  {r.trainee.name} <span class="muted small">{t('sittings.candidate', { number: r.trainee.number })}</span>
                </th>
                <td class="num">
                  <Score ctx={ctx} a={r.summary?.latest} />
                </td>
                <td>
                  <Outcome ctx={ctx} summary={r.summary} />
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
            ))}
          </tbody>
        </table>
      </ResultsSection>
    </Layout>
  );
}
