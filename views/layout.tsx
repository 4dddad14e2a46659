import type { Child } from 'hono/jsx';
import type { ViewContext } from '../src/http/view-context.js';
import type { MessageKey } from '../src/i18n/index.js';

type NavItem = { href: string; label: MessageKey };

function navFor(ctx: ViewContext): NavItem[] {
  const items: NavItem[] = [{ href: '/levels', label: 'nav.levels' }];
  switch (ctx.user?.role) {
    case 'trainee':
      items.push({ href: '/me', label: 'nav.me' }, { href: '/me/progress', label: 'nav.progress' }, { href: '/sessions', label: 'nav.sessions' }, { href: '/exams', label: 'exams.nav' });
      break;
    case 'instructor':
      items.push({ href: '/instructor', label: 'nav.instructor' });
      break;
    case 'admin':
      items.push({ href: '/admin', label: 'nav.admin' });
      break;
    case 'office':
      items.push({ href: '/office', label: 'nav.office' });
      break;
  }
  if (ctx.user?.role === 'instructor' || ctx.user?.role === 'admin') items.push({ href: '/questions', label: 'questions.nav' });
  return items;
}

// htmx 4 is configured by this meta tag rather than inline script, so the CSP can forbid inline
// scripts. Its indicator CSS lives in our stylesheet instead of an injected one.
// Each feature keeps its own stylesheet; all are small and cached, so every page links them all.
const FEATURE_STYLES = ['/static/css/exams.css', '/static/css/questions.css', '/static/css/proof.css', '/static/css/lti.css'];

const HTMX_CONFIG = JSON.stringify({ includeIndicatorCSS: false, defaultTimeout: 15000 });

/**
 * `bare`: no site header, navigation or footer — the timed exam draws its own minimal header, so
 * no stray click leaves the paper while the clock runs (and the page brings its own skip link).
 */
export function Layout(props: { ctx: ViewContext; title: string; children: Child; wide?: boolean; bare?: boolean }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        {ctx.devReload && <meta name="bcm-dev-reload" content="/dev/reload" />}
        <title>{`${props.title} · ${t('app.name')}`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/css/app.css" />
        {FEATURE_STYLES.map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        <script src="/static/htmx.js" defer></script>
        <script src="/static/js/app.js" defer></script>
      </head>
      <body class={props.bare ? 'bare' : undefined}>
        {!props.bare && (
          <a class="skip" href="#main">
            {t('nav.skip')}
          </a>
        )}
        {!props.bare && (
          <header class="site-header">
            <a class="brand" href="/">
              {t('app.name')}
            </a>
            <nav aria-label={t('nav.home')}>
              <ul>
                {navFor(ctx).map((item) => (
                  <li>
                    <a href={item.href} aria-current={ctx.path === item.href || ctx.path.startsWith(`${item.href}/`) ? 'page' : undefined}>
                      {t(item.label)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <div class="header-tools">
              <form method="post" action="/lang" class="inline">
                <input type="hidden" name="lang" value={ctx.locale === 'en' ? 'zh-CN' : 'en'} />
                <input type="hidden" name="back" value={ctx.path} />
                <button type="submit" class="link" lang={ctx.locale === 'en' ? 'zh-CN' : 'en'} data-testid="lang-switch">
                  {t('lang.switch')}
                </button>
              </form>
              {ctx.user ? (
                <form method="post" action="/logout" class="inline">
                  <span class="who">{ctx.user.name}</span>
                  <button type="submit" class="link">
                    {t('nav.logout')}
                  </button>
                </form>
              ) : (
                <a href="/login">{t('nav.login')}</a>
              )}
            </div>
          </header>
        )}
        <main id="main" class={props.wide ? 'wide' : undefined}>
          {ctx.flash && (
            <p class={`flash flash-${ctx.flash.kind}`} role={ctx.flash.kind === 'error' ? 'alert' : 'status'}>
              {ctx.flash.text}
            </p>
          )}
          {props.children}
        </main>
        {!props.bare && (
          <footer class="site-footer">
            <p>
              {t('app.name')} · {t('app.tagline')}
              {ctx.user && (
                <>
                  {' · '}
                  <form method="post" action="/logout-everywhere">
                    <button type="submit" class="link">
                      {t('nav.logoutEverywhere')}
                    </button>
                  </form>
                </>
              )}
            </p>
          </footer>
        )}
      </body>
    </html>
  );
}

export function FormErrors(props: { ctx: ViewContext; errors: string[] }) {
  if (props.errors.length === 0) return null;
  return (
    <div class="form-errors" role="alert">
      <p>{props.ctx.t('form.errors')}</p>
      <ul>
        {props.errors.map((e) => (
          <li>{e}</li>
        ))}
      </ul>
    </div>
  );
}
