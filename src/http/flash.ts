import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env.js';
import type { MessageKey, Params } from '../i18n/index.js';
import type { Flash } from './view-context.js';

// A one-shot message carried across a redirect (post/redirect/get). It holds a catalogue key, not
// text, so it is shown in whatever language the next page renders in.
const FLASH_COOKIE = 'bcm_flash';

export function setFlash(c: Context, kind: Flash['kind'], key: MessageKey, params?: Params): void {
  setCookie(c, FLASH_COOKIE, encodeURIComponent(JSON.stringify({ kind, key, params })), { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 60 });
}

export function takeFlash(c: Context<AppEnv>): Flash | null {
  const raw = getCookie(c, FLASH_COOKIE);
  if (!raw) return null;
  deleteCookie(c, FLASH_COOKIE, { path: '/' });
  try {
    const { kind, key, params } = JSON.parse(decodeURIComponent(raw));
    if (kind !== 'ok' && kind !== 'error') return null;
    const text = c.var.t(key as MessageKey, params);
    return text === key ? null : { kind, text };
  } catch {
    return null;
  }
}
