import type { ViewContext } from '../../../src/http/view-context.js';
import { BASES, type Basis, type Cohort } from '../../../src/exams/index.js';

// Pieces every analytics page shares: where it sits (cohort › exam), the two tabs, and the
// choice of which attempts count (a plain GET form: no script needed).

export const analyticsHref = (cohortId: number, exam?: string, tail = '') => `/cohorts/${cohortId}/exams${exam ? `/${encodeURIComponent(exam)}${tail}` : ''}`;

export function Crumbs(props: { ctx: ViewContext; cohort: Cohort; backHref: string; exam?: { id: string; title: string } }) {
  const { t } = props.ctx;
  return (
    <nav class="crumbs" aria-label={t('exams.analytics.link')}>
      <a href={props.backHref}>{props.cohort.name}</a>
      {' › '}
      {props.exam ? <a href={analyticsHref(props.cohort.id)}>{t('exams.analytics.link')}</a> : <span>{t('exams.analytics.link')}</span>}
    </nav>
  );
}

export function Tabs(props: { ctx: ViewContext; cohortId: number; exam: string; current: 'results' | 'items' }) {
  const { t } = props.ctx;
  const tab = (name: 'results' | 'items', href: string) => (
    <a href={href} class={props.current === name ? 'is-current' : undefined} aria-current={props.current === name ? 'page' : undefined}>
      {t(`exams.analytics.${name}`)}
    </a>
  );
  return (
    <p class="analytics-tabs">
      {tab('results', analyticsHref(props.cohortId, props.exam))}
      {tab('items', analyticsHref(props.cohortId, props.exam, '/items'))}
      <a href="/exams/grants">{t('exams.analytics.grantsLink')}</a>
    </p>
  );
}

export function BasisForm(props: { ctx: ViewContext; action: string; basis: Basis }) {
  const { t } = props.ctx;
  return (
    <form method="get" action={props.action} class="basis-form">
      <label>
        {t('exams.analytics.basis')}{' '}
        <select name="basis">
          {BASES.map((b) => (
            <option value={b} selected={b === props.basis}>
              {t(`exams.analytics.basis.${b}`)}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="submit" class="small secondary">
        {t('exams.analytics.apply')}
      </button>
    </form>
  );
}

/** "12 分 05 秒" / "12 min 05 s". */
export function duration(ctx: ViewContext, ms: number): string {
  const s = Math.round(ms / 1000);
  return ctx.t('exams.analytics.duration', { m: Math.floor(s / 60), s: String(s % 60).padStart(2, '0') });
}

/** A percentage as the locale writes numbers, at most one decimal. */
export const pct = (ctx: ViewContext, p: number) => ctx.fmt.number(Math.round(p * 10) / 10);
