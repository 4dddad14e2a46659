import type { ViewContext } from '../../../src/http/view-context.js';
import type { Cohort, ExamCounts } from '../../../src/exams/index.js';
import { Layout } from '../../layout.js';
import { CohortTabs } from '../../admin/cohort-tabs.js';
import { analyticsHref, Crumbs } from './common.js';
import { ScrollTable } from '../../scroll-table.js';

/** `marking`: the exam draws written questions, so it has a marking queue (阅卷). */
export type ExamListRow = { id: string; title: string; counts: ExamCounts | undefined; marking: boolean };

/** A cohort's mock exams (its level's blueprints) with how many sat and passed each. */
export function AnalyticsIndexPage(props: { ctx: ViewContext; cohort: Cohort; backHref: string; roster: number; exams: ExamListRow[] }) {
  const { ctx, cohort } = props;
  const { t, fmt } = ctx;
  const title = t('exams.analytics.title', { cohort: cohort.name });
  return (
    <Layout ctx={ctx} title={title} wide>
      <Crumbs ctx={ctx} cohort={cohort} backHref={props.backHref} />
      <h1>{title}</h1>
      <CohortTabs ctx={ctx} cohortId={cohort.id} current="exams" />
      <p class="muted">{t('exams.analytics.intro')}</p>
      <p>
        <a href={`/cohorts/${cohort.id}/sittings`} data-testid="sittings-link">
          {t('sittings.link')}
        </a>
      </p>
      {props.exams.length === 0 ? (
        <p class="muted">{t('exams.analytics.noExams')}</p>
      ) : (
        <ScrollTable label={title}>
          <table data-testid="analytics-exams">
            <thead>
              <tr>
                <th scope="col">{t('exams.col.exam')}</th>
                <th scope="col" class="num">
                  {t('exams.analytics.sat')}
                </th>
                <th scope="col" class="num">
                  {t('exams.analytics.passedTrainees')}
                </th>
                <th scope="col" class="num">
                  {t('exams.analytics.open')}
                </th>
                <th scope="col">{t('exams.analytics.items')}</th>
              </tr>
            </thead>
            <tbody>
              {props.exams.map((e) => (
                <tr>
                  <th scope="row">
                    <a href={analyticsHref(cohort.id, e.id)}>{e.title}</a>
                  </th>
                  <td class="num">
                    {fmt.number(e.counts?.trainees ?? 0)} / {fmt.number(props.roster)}
                  </td>
                  <td class="num">{fmt.number(e.counts?.passedTrainees ?? 0)}</td>
                  <td class="num">{fmt.number(e.counts?.open ?? 0)}</td>
                  <td>
                    <a href={analyticsHref(cohort.id, e.id, '/items')}>{t('exams.analytics.items')}</a>
                    {e.marking && (
                      <>
                        {' · '}
                        <a href={analyticsHref(cohort.id, e.id, '/marking')}>{t('marking.link')}</a>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <p>
        <a href="/exams/grants">{t('exams.analytics.grantsLink')}</a>
      </p>
    </Layout>
  );
}
