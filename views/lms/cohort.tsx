import type { ViewContext } from '../../src/http/view-context.js';
import type { Cohort } from '../../src/institutions/index.js';
import type { ContextRow } from '../../src/lms/index.js';
import { Layout } from '../layout.js';

export type RosterOutcome = { ok: true; text: string } | { ok: false; text: string };

/** The LMS courses linked to a cohort, each with its "sync roster" button and the last outcome. */
export function CohortLmsPage(props: { ctx: ViewContext; cohort: Cohort; contexts: ContextRow[]; outcome?: RosterOutcome }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('lti.roster.title', { cohort: props.cohort.name })}>
      <h1>{t('lti.roster.title', { cohort: props.cohort.name })}</h1>
      <p class="muted">{t('lti.roster.intro')}</p>
      {props.outcome && (
        <p class={`flash ${props.outcome.ok ? 'flash-ok' : 'flash-error'}`} role={props.outcome.ok ? 'status' : 'alert'} data-testid="roster-outcome">
          {props.outcome.text}
        </p>
      )}
      {props.contexts.length === 0 ? (
        <p class="muted">{t('lti.roster.none')}</p>
      ) : (
        <ul class="lti-contexts">
          {props.contexts.map((x) => (
            <li class="card">
              <strong>{x.title ?? x.contextId}</strong> <span class="muted">{x.platformName}</span>
              {x.membershipsUrl ? (
                <form method="post" action={`/lms/cohorts/${props.cohort.id}/sync`}>
                  <input type="hidden" name="platformId" value={String(x.platformId)} />
                  <input type="hidden" name="contextId" value={x.contextId} />
                  <button type="submit">{t('lti.roster.sync')}</button>
                </form>
              ) : (
                <p class="muted">{t('lti.roster.noUrl')}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
