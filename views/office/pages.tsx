import type { ViewContext } from '../../src/http/view-context.js';
import type { CohortSummary, Institution } from '../../src/institutions/index.js';
import { Layout } from '../layout.js';
import { CohortTable } from '../admin/dashboard.js';

export function OfficeHome(props: { ctx: ViewContext; institutions: { institution: Institution; cohorts: CohortSummary[]; trainees: number }[] }) {
  const { t, fmt } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('office.title')} wide>
      <h1>{t('office.title')}</h1>
      <p class="cohort-links">
        <a href="/office/proof">{t('proof.bundle.title')}</a>
        {' · '}
        <a href="/office/audit">{t('dashboards.hours.audit')}</a>
      </p>
      <h2>{t('office.institutions')}</h2>
      {props.institutions.length === 0 && <p class="muted">{t('office.noInstitutions')}</p>}
      {props.institutions.map(({ institution, cohorts, trainees }) => (
        <section class="card" aria-labelledby={`inst-${institution.id}`}>
          <h3 id={`inst-${institution.id}`}>
            {institution.name} <span class="muted">({institution.code})</span>
          </h3>
          <p class="muted">
            {t('office.cohortCount', { count: fmt.number(cohorts.length) })} · {t('field.trainees')} {fmt.number(trainees)}
          </p>
          <CohortTable ctx={props.ctx} cohorts={cohorts} hrefBase="/office/cohorts" />
        </section>
      ))}
    </Layout>
  );
}
