import type { Child } from 'hono/jsx';
import type { ViewContext } from '../../../src/http/view-context.js';
import { percentOf, type Distribution, type ResultRow, type Submitted } from '../../../src/exams/index.js';
import { ScrollTable } from '../../scroll-table.js';
import { pct } from './common.js';
import { ScoreHistogram } from './histogram.js';

// What an exam's results in a cohort and one sitting's results show alike: the exports, the
// distribution, the results table's section, a score and an outcome.

/** The CSV and XLSX downloads of the results at `base` (`…/results.csv`, `…/results.xlsx`). */
export function ExportLinks(props: { ctx: ViewContext; base: string }) {
  const { t } = props.ctx;
  return (
    <p class="export-links">
      <a href={`${props.base}/results.csv`} download data-testid="export-csv">
        {t('exams.analytics.exportCsv')}
      </a>
      <a href={`${props.base}/results.xlsx`} download data-testid="export-xlsx">
        {t('exams.analytics.exportXlsx')}
      </a>
    </p>
  );
}

/** The distribution card: its `children` (a choice of attempts) above the histogram, or a line saying nothing was submitted. */
export function DistributionCard(props: { ctx: ViewContext; dist: Distribution; passPercent: number; children?: Child }) {
  const { ctx } = props;
  return (
    <section aria-labelledby="dist-h" class="card">
      <h2 id="dist-h">{ctx.t('exams.analytics.distribution')}</h2>
      {props.children}
      {props.dist.summary ? (
        <ScoreHistogram ctx={ctx} dist={props.dist} passPercent={props.passPercent} />
      ) : (
        <p class="muted">{ctx.t('exams.analytics.noAttempts')}</p>
      )}
    </section>
  );
}

/** The results section: its heading and the table (`children`) in a scrolling frame. */
export function ResultsSection(props: { ctx: ViewContext; children: Child }) {
  const { t } = props.ctx;
  return (
    <section aria-labelledby="results-h">
      <h2 id="results-h">{t('exams.analytics.results')}</h2>
      <ScrollTable label={t('exams.analytics.results')}>{props.children}</ScrollTable>
    </section>
  );
}

/** A submitted attempt's score, linked to the attempt; a dash when there is none. */
export function Score(props: { ctx: ViewContext; a: Submitted | undefined }) {
  const { ctx, a } = props;
  if (!a) return <span class="muted">—</span>;
  return (
    <a href={`/exams/attempts/${a.id}`}>
      {ctx.t('exams.analytics.scoreValue', { score: ctx.fmt.number(a.score), max: ctx.fmt.number(a.maxScore), percent: pct(ctx, percentOf(a)) })}
    </a>
  );
}

/** Passed or failed; or, with nothing submitted, in progress or not sat. */
export function Outcome(props: { ctx: ViewContext; summary: ResultRow['summary'] }) {
  const { t } = props.ctx;
  const s = props.summary;
  if (s?.passed != null) return <span class={`badge-result ${s.passed ? 'pass' : 'fail'}`}>{t(s.passed ? 'exams.passed' : 'exams.failed')}</span>;
  return <span class="muted">{t(s?.open ? 'exams.analytics.inProgress' : 'exams.analytics.notSat')}</span>;
}
