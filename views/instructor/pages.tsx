import type { ViewContext } from '../../src/http/view-context.js';
import type { Cohort, CohortSummary, RosterRow } from '../../src/institutions/index.js';
import { Layout } from '../layout.js';
import { RosterTable } from '../people.js';
import { CohortTable } from '../admin/dashboard.js';
import { CohortHeader } from '../admin/cohort.js';

export function InstructorHome(props: { ctx: ViewContext; cohorts: CohortSummary[] }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('instructor.title')}>
      <h1>{t('instructor.title')}</h1>
      <h2>{t('instructor.cohorts')}</h2>
      {props.cohorts.length === 0 ? (
        <p class="muted">{t('instructor.noCohorts')}</p>
      ) : (
        <CohortTable ctx={props.ctx} cohorts={props.cohorts} hrefBase="/instructor/cohorts" />
      )}
    </Layout>
  );
}

export function InstructorCohortPage(props: { ctx: ViewContext; cohort: Cohort; roster: RosterRow[] }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={props.cohort.name} wide>
      <p>
        {/* The office reads this page too, from its own desk (the instructor's is closed to it). */}
        {props.ctx.user?.role === 'office' ? <a href="/office">← {t('office.title')}</a> : <a href="/instructor">← {t('instructor.title')}</a>}
      </p>
      <CohortHeader ctx={props.ctx} cohort={props.cohort} />
      {props.ctx.user?.role === 'instructor' && (
        <p class="cohort-links">
          <a href={`/cohorts/${props.cohort.id}/sessions`} data-testid="cohort-sessions-link">
            {t('sessions.listLink')}
          </a>
          {' · '}
          <a href={`/instructor/cohorts/${props.cohort.id}/calendar`}>{t('dashboards.feed.title')}</a>
          {' · '}
          <a href={`/cohorts/${props.cohort.id}/exams`} data-testid="cohort-exams-link">
            {t('exams.analytics.link')}
          </a>
        </p>
      )}
      <h2>{t('admin.roster')}</h2>
      <RosterTable ctx={props.ctx} roster={props.roster} />
    </Layout>
  );
}
