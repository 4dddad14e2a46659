import type { ViewContext } from '../../src/http/view-context.js';
import type { Cohort, Profile } from '../../src/institutions/index.js';
import { Layout } from '../layout.js';

export function Enrolments(props: { ctx: ViewContext; enrolments: { cohort: Cohort; institutionName: string }[] }) {
  const { t, fmt } = props.ctx;
  if (props.enrolments.length === 0) return <p class="muted">{t('me.noEnrolments')}</p>;
  return (
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
  );
}

/** 我的: the person's own details (shown in clear: they are theirs) and their cohorts. */
export function AccountPage(props: {
  ctx: ViewContext;
  email: string;
  profile: Profile | undefined;
  enrolments: { cohort: Cohort; institutionName: string }[];
}) {
  const { t, user } = props.ctx;
  const p = props.profile;
  const trainee = user?.role === 'trainee';
  return (
    <Layout ctx={props.ctx} title={trainee ? t('home.account.title') : t('me.title')}>
      <h1>{trainee ? t('home.account.title') : t('me.title')}</h1>
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
        {trainee && <p class="muted small">{t('home.apply.profileNote')}</p>}
      </section>
      <section aria-labelledby="enrol-h">
        <h2 id="enrol-h">{t('me.enrolments')}</h2>
        <Enrolments ctx={props.ctx} enrolments={props.enrolments} />
      </section>
      {trainee && <MoreLinks ctx={props.ctx} />}
    </Layout>
  );
}

/** The trainee's other pages, at the foot of the home and the account page (`account`: link it too). */
export function MoreLinks(props: { ctx: ViewContext; account?: boolean }) {
  const { t } = props.ctx;
  return (
    <nav class="cohort-links" aria-labelledby="more-h">
      <h2 id="more-h" class="small-heading">
        {t('home.more')}
      </h2>
      <a href="/me/progress">{t('nav.progress')}</a>
      {' · '}
      <a href="/me/certificates" data-testid="me-proof-link">
        {t('proof.me.link')}
      </a>
      {' · '}
      <a href="/checkin">{t('me.checkin')}</a>
      {' · '}
      <a href="/me/calendar">{t('dashboards.feed.myTitle')}</a>
      {props.account && (
        <>
          {' · '}
          <a href="/me/account">{t('me.profile')}</a>
        </>
      )}
    </nav>
  );
}
