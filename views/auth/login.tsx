import type { ViewContext } from '../../src/http/view-context.js';
import { FormErrors, Layout } from '../layout.js';

export function LoginPage(props: { ctx: ViewContext; email?: string; next?: string; errors?: string[] }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('login.title')}>
      <section class="card narrow">
        <h1>{t('login.title')}</h1>
        <FormErrors ctx={props.ctx} errors={props.errors ?? []} />
        <form method="post" action="/login" class="stack">
          <input type="hidden" name="next" value={props.next ?? ''} />
          <label>
            {t('login.email')}
            <input type="email" name="email" value={props.email ?? ''} autocomplete="username" required autofocus />
          </label>
          <label>
            {t('login.password')}
            <input type="password" name="password" autocomplete="current-password" required />
          </label>
          <button type="submit">{t('login.submit')}</button>
        </form>
        <p>
          <a href="/forgot-password">{t('account.forgotLink')}</a>
        </p>
      </section>
    </Layout>
  );
}

/** How a forgotten password is reset: by a link from the institution's admin (no e-mail by default). */
export function ForgotPasswordPage(props: { ctx: ViewContext }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('account.forgot.title')}>
      <section class="card narrow" data-testid="forgot-password">
        <h1>{t('account.forgot.title')}</h1>
        <p>{t('account.forgot.intro')}</p>
        <ul>
          <li>{t('account.forgot.trainee')}</li>
          <li>{t('account.forgot.admin')}</li>
        </ul>
        <p>{t('account.forgot.link')}</p>
        <p class="muted">{t('account.forgot.noEmail')}</p>
        <details>
          <summary>{t('account.forgot.itSummary')}</summary>
          <p>{t('account.forgot.itCommand')}</p>
          <pre class="wrap">
            <code>npx bcm users:reset-link --email admin@example.com</code>
          </pre>
        </details>
        <p>
          <a href="/login">← {t('account.forgot.back')}</a>
        </p>
      </section>
    </Layout>
  );
}

export function ActivatePage(props: { ctx: ViewContext; email: string; token: string; min: number; errors?: string[] }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('activate.title')}>
      <section class="card narrow">
        <h1>{t('activate.title')}</h1>
        <p>{t('activate.intro', { email: props.email })}</p>
        <FormErrors ctx={props.ctx} errors={props.errors ?? []} />
        <form method="post" action={`/activate/${props.token}`} class="stack">
          <label>
            {t('activate.password', { min: props.min })}
            <input type="password" name="password" autocomplete="new-password" minlength={props.min} required />
          </label>
          <label>
            {t('activate.confirm')}
            <input type="password" name="confirm" autocomplete="new-password" minlength={props.min} required />
          </label>
          <button type="submit">{t('activate.submit')}</button>
        </form>
      </section>
    </Layout>
  );
}
