import type { ViewContext } from '../src/http/view-context.js';
import { Layout } from './layout.js';

export function ErrorPage(props: { ctx: ViewContext; status: number; message?: string; reference?: string }) {
  const { t } = props.ctx;
  const title =
    props.status === 404
      ? t('error.notFound.title')
      : props.status === 403
        ? t('error.forbidden.title')
        : props.status === 429
          ? t('error.tooMany.title')
          : props.status === 413
            ? t('error.tooLarge.title')
            : t('error.server.title');
  const body = props.message ?? (props.status === 404 ? t('error.notFound.body') : props.status === 403 ? t('error.forbidden.body') : t('error.server.body'));
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1>{title}</h1>
      <p>{body}</p>
      {props.reference && <p class="muted">{t('error.reference', { id: props.reference })}</p>}
      <p>
        <a href="/">{t('nav.home')}</a>
      </p>
    </Layout>
  );
}
