import type { ViewContext } from '../src/http/view-context.js';
import { Layout } from './layout.js';

export function HomePage(props: { ctx: ViewContext }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('app.tagline')}>
      <section class="hero">
        <h1>{t('home.title')}</h1>
        <p>{t('home.intro')}</p>
        <p>
          <a class="button" href="/login">
            {t('home.start')}
          </a>{' '}
          <a class="button secondary" href="/levels">
            {t('nav.levels')}
          </a>
        </p>
      </section>
    </Layout>
  );
}
