import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ViewContext } from '../src/http/view-context.js';
import type { MessageKey, Translate } from '../src/i18n/index.js';

// Every page's frame is the same few dozen elements, and hono/jsx re-renders each one on every
// request (~57 µs of every page, docs/decisions/003). The parts that depend
// only on the language, the role and which link is current are rendered once per such combination
// and reused as HTML; what is personal (the path sent back by the language switch, the user's
// name, the flash, the page itself) is rendered on every request as before.

/** A fragment rendered once per translator (one per language for the app's lifetime) and key. */
function once(cache: WeakMap<Translate, Map<string, HtmlEscapedString>>, t: Translate, key: string, render: () => Child): HtmlEscapedString {
  let perT = cache.get(t);
  if (!perT) cache.set(t, (perT = new Map()));
  let html = perT.get(key);
  if (html === undefined) perT.set(key, (html = raw(String(render()))));
  return html;
}

type NavItem = { href: string; label: MessageKey };

function navFor(ctx: ViewContext): NavItem[] {
  const items: NavItem[] = [{ href: '/levels', label: 'nav.levels' }];
  switch (ctx.user?.role) {
    case 'trainee':
      items.push(
        { href: '/me', label: 'nav.me' },
        { href: '/me/progress', label: 'nav.progress' },
        { href: '/sessions', label: 'nav.sessions' },
        { href: '/exams', label: 'exams.nav' },
      );
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

type Tab = { href: string; label: MessageKey; icon: string; current: (path: string) => boolean };

const under = (path: string, ...prefixes: string[]) => prefixes.some((p) => path === p || path.startsWith(`${p}/`));

// A trainee's four places on a phone, as in the learning apps they use. Icons are drawn paths
// (24×24), decorative: the label under each one names the tab.
const TRAINEE_TABS: Tab[] = [
  {
    href: '/me',
    label: 'home.tabs.study',
    icon: 'M4 5h7a2 2 0 0 1 2 2v12a2 2 0 0 0-2-2H4zM20 5h-5a2 2 0 0 0-2 2v12a2 2 0 0 1 2-2h5z',
    current: (p) => p === '/me' || under(p, '/me/progress', '/levels', '/courses'),
  },
  {
    href: '/sessions',
    label: 'home.tabs.sessions',
    icon: 'M5 6h14v13H5zM5 10h14M9 4v4M15 4v4',
    current: (p) => under(p, '/sessions', '/checkin', '/me/calendar'),
  },
  { href: '/exams', label: 'home.tabs.exams', icon: 'M7 4h10v16H7zM10 9h4M10 13h4M10 17h2', current: (p) => under(p, '/exams') },
  {
    href: '/me/account',
    label: 'home.tabs.me',
    icon: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 20c1.5-4 4.5-6 8-6s6.5 2 8 6',
    current: (p) => under(p, '/me/account', '/me/certificates'),
  },
];

const tabBars = new WeakMap<Translate, Map<string, HtmlEscapedString>>();

/** The phone's bottom tab bar for trainees (shown ≤ 600 px, where it replaces the header's links). */
function TabBar(props: { ctx: ViewContext }) {
  const { t, path } = props.ctx;
  const current = TRAINEE_TABS.map((tab) => tab.current(path));
  return once(tabBars, t, current.map(Number).join(''), () => <TabBarHtml t={t} current={current} />);
}

function TabBarHtml(props: { t: Translate; current: boolean[] }) {
  const { t } = props;
  return (
    <nav class="tabbar" aria-label={t('home.tabs.label')}>
      <ul>
        {TRAINEE_TABS.map((tab, i) => (
          <li>
            <a href={tab.href} aria-current={props.current[i] ? 'page' : undefined}>
              <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
                <path d={tab.icon} fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
              </svg>
              <span>{t(tab.label)}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

// htmx 4 is configured by this meta tag rather than inline script, so the CSP can forbid inline
// scripts. Its indicator CSS lives in our stylesheet instead of an injected one.
// Each feature keeps its own stylesheet; all are small and cached, so every page links them all.
const FEATURE_STYLES = ['/static/css/exams.css', '/static/css/questions.css', '/static/css/proof.css', '/static/css/lti.css'];

const HTMX_CONFIG = JSON.stringify({ includeIndicatorCSS: false, defaultTimeout: 15000 });

// The same on every page, in every language.
const HEAD_START = raw(
  String(
    <>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="htmx-config" content={HTMX_CONFIG} />
    </>,
  ),
);
const HEAD_END = raw(
  String(
    <>
      <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
      <link rel="stylesheet" href="/static/css/app.css" />
      {FEATURE_STYLES.map((href) => (
        <link rel="stylesheet" href={href} />
      ))}
      <script src="/static/htmx.js" defer></script>
      <script src="/static/js/app.js" defer></script>
    </>,
  ),
);

const navs = new WeakMap<Translate, Map<string, HtmlEscapedString>>();
const footers = new WeakMap<Translate, Map<string, HtmlEscapedString>>();

/** The brand and the role's links, the current one(s) marked. */
function SiteNav(props: { ctx: ViewContext }) {
  const { ctx } = props;
  const items = navFor(ctx);
  const current = items.map((item) => ctx.path === item.href || ctx.path.startsWith(`${item.href}/`));
  return once(navs, ctx.t, `${ctx.user?.role ?? ''}:${current.map(Number).join('')}`, () => <SiteNavHtml t={ctx.t} items={items} current={current} />);
}

function SiteNavHtml(props: { t: Translate; items: NavItem[]; current: boolean[] }) {
  const { t } = props;
  return (
    <>
      <a class="brand" href="/">
        {t('app.name')}
      </a>
      <nav aria-label={t('nav.home')}>
        <ul>
          {props.items.map((item, i) => (
            <li>
              <a href={item.href} aria-current={props.current[i] ? 'page' : undefined}>
                {t(item.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

function SiteFooter(props: { ctx: ViewContext }) {
  const { t, user } = props.ctx;
  return once(footers, t, user ? 'user' : '', () => <SiteFooterHtml t={t} signedIn={Boolean(user)} />);
}

function SiteFooterHtml(props: { t: Translate; signedIn: boolean }) {
  const { t } = props;
  return (
    <footer class="site-footer">
      <p>
        {t('app.name')} · {t('app.tagline')}
        {props.signedIn && (
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
  );
}

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
        {HEAD_START}
        {ctx.devReload && <meta name="bcm-dev-reload" content="/dev/reload" />}
        <title>{`${props.title} · ${t('app.name')}`}</title>
        {HEAD_END}
      </head>
      <body class={props.bare ? 'bare' : ctx.user?.role === 'trainee' ? 'has-tabbar' : undefined}>
        {!props.bare && (
          <a class="skip" href="#main">
            {t('nav.skip')}
          </a>
        )}
        {!props.bare && (
          <header class="site-header">
            <SiteNav ctx={ctx} />
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
        {!props.bare && <SiteFooter ctx={ctx} />}
        {ctx.user?.role === 'trainee' && !props.bare && <TabBar ctx={ctx} />}
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
