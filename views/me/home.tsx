import type { ViewContext } from '../../src/http/view-context.js';
import type { Cohort, Profile } from '../../src/institutions/index.js';
import { Layout } from '../layout.js';

export function TraineeHome(props: {
  ctx: ViewContext;
  email: string;
  profile: Profile | undefined;
  enrolments: { cohort: Cohort; institutionName: string }[];
}) {
  const { t, fmt, user } = props.ctx;
  const p = props.profile;
  return (
    <Layout ctx={props.ctx} title={t('me.title')}>
      <h1>{t('me.title')}</h1>
      <section aria-labelledby="enrol-h">
        <h2 id="enrol-h">{t('me.enrolments')}</h2>
        {props.enrolments.length === 0 ? (
          <p class="muted">{t('me.noEnrolments')}</p>
        ) : (
          <ul class="cards">
            {props.enrolments.map(({ cohort, institutionName }) => (
              <li class="card">
                <h3>
                  <a href={`/levels/${cohort.level}`}>{t(`level.${cohort.level}`)}</a>
                </h3>
                <p>
                  {cohort.name} · {institutionName}
                </p>
                <p class="muted">
                  {fmt.isoDate(cohort.startsOn)} – {fmt.isoDate(cohort.endsOn)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <nav class="cohort-links" aria-label={t('me.title')}>
        <a href="/me/progress">{t('nav.progress')}</a>
        {' · '}
        <a href="/sessions">{t('sessions.mineTitle')}</a>
        {' · '}
        <a href="/checkin">{t('me.checkin')}</a>
        {' · '}
        <a href="/me/calendar">{t('dashboards.feed.myTitle')}</a>
      </nav>
      {user?.role === 'trainee' && <p class="proof-me-link"><a href="/me/certificates" data-testid="me-proof-link">{t('proof.me.link')}</a></p>}
      {/* The trainee sees their own sensitive data in clear: it is theirs. */}
      <section aria-labelledby="profile-h">
        <h2 id="profile-h">{t('me.profile')}</h2>
        <dl class="facts">
          <dt>{t('field.name')}</dt>
          <dd>{user?.name}</dd>
          <dt>{t('field.email')}</dt>
          <dd>{props.email}</dd>
          {p?.nationalId && (
            <>
              <dt>{t('field.nationalId')}</dt>
              <dd class="mono">{p.nationalId}</dd>
            </>
          )}
          {p?.employeeNo && (
            <>
              <dt>{t('field.employeeNo')}</dt>
              <dd class="mono">{p.employeeNo}</dd>
            </>
          )}
          {p?.phone && (
            <>
              <dt>{t('field.phone')}</dt>
              <dd class="mono">{p.phone}</dd>
            </>
          )}
          {p?.education && (
            <>
              <dt>{t('field.education')}</dt>
              <dd>{t(`education.${p.education}`)}</dd>
            </>
          )}
          <dt>{t('field.yearsInFinance')}</dt>
          <dd>{p?.yearsInFinance ?? 0}</dd>
        </dl>
      </section>
    </Layout>
  );
}
