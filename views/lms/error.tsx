import type { ViewContext } from '../../src/http/view-context.js';
import type { MessageKey } from '../../src/i18n/index.js';
import { Layout } from '../layout.js';

/** A refused LTI launch: what went wrong in words, what to do next, never a stack trace. */
export function LtiErrorPage(props: { ctx: ViewContext; message: MessageKey; params?: Record<string, string | number> }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('lti.error.title')}>
      <div class="lti-error" role="alert" data-testid="lti-error">
        <h1>{t('lti.error.title')}</h1>
        <p>{t(props.message, props.params)}</p>
        <p class="muted">{t('lti.error.hint')}</p>
      </div>
    </Layout>
  );
}

/** A trainee's launch from an LMS course no cohort is linked to yet: who has to do what. */
export function LtiUnlinkedCoursePage(props: { ctx: ViewContext; course: string; landing: string }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('lti.unlinked.title')}>
      <div class="lti-error" role="status" data-testid="lti-unlinked">
        <h1>{t('lti.unlinked.title')}</h1>
        <p>{t('lti.unlinked.body', { course: props.course })}</p>
        <p>
          <a href={props.landing}>{t('lti.unlinked.continue')}</a>
        </p>
      </div>
    </Layout>
  );
}
