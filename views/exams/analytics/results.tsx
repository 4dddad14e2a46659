import type { ViewContext } from '../../../src/http/view-context.js';
import type { Cohort, Distribution, ResultRow } from '../../../src/exams/index.js';
import { Layout } from '../../layout.js';
import { TableHead } from '../../table-head.js';
import { analyticsHref, BasisForm, Crumbs, duration, Tabs } from './common.js';
import { DistributionCard, ExportLinks, Outcome, ResultsSection, Score } from './result-parts.js';

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
      <ExportLinks ctx={ctx} base={base} />

      <DistributionCard ctx={ctx} dist={props.dist} passPercent={exam.passPercent}>
        <BasisForm ctx={ctx} action={base} basis={props.dist.basis} />
      </DistributionCard>

      <ResultsSection ctx={ctx}>
        <table data-testid="exam-results">
          <TableHead
            columns={[
              { label: t('exams.analytics.trainee') },
              { label: t('exams.analytics.attempts'), num: true },
              { label: t('exams.analytics.best'), num: true },
              { label: t('exams.analytics.latest'), num: true },
              { label: t('exams.col.result') },
              { label: t('exams.analytics.timeTaken'), num: true },
              { label: t('exams.analytics.extraTime'), num: true },
            ]}
          />
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
                  <Outcome ctx={ctx} summary={r.summary} />
                </td>
                <td class="num">{r.summary?.timeTakenMs != null ? duration(ctx, r.summary.timeTakenMs) : ''}</td>
                <td class="num">{r.extraMinutes > 0 ? t('exams.minutes', { n: fmt.number(r.extraMinutes) }) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ResultsSection>
    </Layout>
  );
}
