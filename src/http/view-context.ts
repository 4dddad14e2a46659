import type { Context } from 'hono';
import type { AppEnv, CurrentUser } from '../env.js';
import type { Format, Locale, Translate } from '../i18n/index.js';
import { takeFlash } from './flash.js';

/** What every view needs to render in the user's language, for the user's role. */
export type ViewContext = {
  t: Translate;
  locale: Locale;
  fmt: Format;
  user: CurrentUser | null;
  path: string;
  flash: Flash | null;
  /** Development: pages subscribe to lesson reloads. */
  devReload: boolean;
};

export type Flash = { kind: 'ok' | 'error'; text: string };

/** Call once per response: it consumes the pending flash message unless one is given. */
export function viewContext(c: Context<AppEnv>, flash?: Flash | null): ViewContext {
  // c.get, not c.var: every c.var read copies all the request's variables into a new object.
  return {
    t: c.get('t'),
    locale: c.get('locale'),
    fmt: c.get('fmt'),
    user: c.get('user'),
    path: c.req.path,
    flash: flash === undefined ? takeFlash(c) : flash,
    devReload: Boolean(c.get('deps')?.devReload),
  };
}
