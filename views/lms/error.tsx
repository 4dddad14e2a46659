import type { ViewContext } from '../../src/http/view-context.js';
import type { MessageKey } from '../../src/i18n/index.js';
import { Layout } from '../layout.js';

/** A refused LTI launch: what went wrong in words, what to do next, never a stack trace. */
export function LtiErrorPage(props: { ctx: ViewContext; message: MessageKey }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('lti.error.title')}>
      <div class="lti-error" role="alert" data-testid="lti-error">
        <h1>{t('lti.error.title')}</h1>
        <p>{t(props.message)}</p>
        <p class="muted">{t('lti.error.hint')}</p>
      </div>
    </Layout>
  );
}
