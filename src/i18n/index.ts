import { zhCN, type MessageKey } from './zh-CN.js';
import { en } from './en.js';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LANG_COOKIE = 'bcm_lang';
export type { MessageKey };

const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function isLocale(v: unknown): v is Locale {
  return v === 'zh-CN' || v === 'en';
}

export function translator(locale: Locale): Translate {
  const messages = catalogues[locale];
  return (key, params) => {
    const text = messages[key] ?? zhCN[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}

/** Formatting for the locale, with times shown in the configured zone (the server runs in UTC). */
export function formatter(locale: Locale, timeZone: string) {
  const dateTime = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium' });
  const number = new Intl.NumberFormat(locale);
  return {
    dateTime: (ms: number) => dateTime.format(ms),
    /** An ISO calendar date (YYYY-MM-DD) as a day in the locale's style. */
    isoDate: (iso: string) => date.format(new Date(`${iso}T00:00:00Z`).getTime()),
    number: (n: number) => number.format(n),
  };
}
export type Format = ReturnType<typeof formatter>;
