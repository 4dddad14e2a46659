import type { ViewContext } from '../../src/http/view-context.js';
import type { Cohort } from '../../src/institutions/index.js';
import { Layout } from '../layout.js';
import { CohortHeader } from '../admin/cohort.js';

// Making a calendar feed address. The token is in the URL (calendar apps cannot log in) and is
// shown once, right after it is made; only its hash is stored.

export type FeedUrls = { https: string; webcal: string };

export function FeedSection(props: { ctx: ViewContext; action: string; intro: string; created?: FeedUrls }) {
  const { t } = props.ctx;
  return (
    <section aria-labelledby="feed-h" class="feed">
      <h2 id="feed-h">{t('dashboards.feed.title')}</h2>
      <p class="muted">{props.intro}</p>
      {props.created && (
        <div class="flash flash-ok" role="status" data-testid="feed-created">
          <p>{t('dashboards.feed.created')}</p>
          <p>
            <a class="button secondary" href={props.created.webcal}>
              {t('dashboards.feed.webcal')}
            </a>
          </p>
          <p>
            {t('dashboards.feed.https')}{' '}
            <code class="copy" data-testid="feed-url">
              {props.created.https}
            </code>
          </p>
        </div>
      )}
      <form method="post" action={props.action} class="inline">
        <button type="submit">{t('dashboards.feed.create')}</button>
      </form>
      <p class="muted small">{t('dashboards.feed.revokes')}</p>
    </section>
  );
}

export function MyCalendarPage(props: { ctx: ViewContext; created?: FeedUrls }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('dashboards.feed.myTitle')}>
      <p>
        <a href="/me">← {t('me.title')}</a>
      </p>
      <h1>{t('dashboards.feed.myTitle')}</h1>
      <FeedSection ctx={props.ctx} action="/me/calendar" intro={t('dashboards.feed.meIntro')} created={props.created} />
    </Layout>
  );
}

/** For an instructor, whose cohort page lives elsewhere: the cohort's feed on a page of its own. */
export function CohortCalendarPage(props: { ctx: ViewContext; cohort: Cohort; back: string; action: string; created?: FeedUrls }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={`${props.cohort.name} · ${t('dashboards.feed.title')}`}>
      <p>
        <a href={props.back}>← {t('dashboards.hours.back')}</a>
      </p>
      <CohortHeader ctx={props.ctx} cohort={props.cohort} />
      <FeedSection ctx={props.ctx} action={props.action} intro={t('dashboards.feed.cohortIntro')} created={props.created} />
    </Layout>
  );
}
