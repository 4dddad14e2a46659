import { zhCN, type MessageKey } from './zh-CN.js';
import { en } from './en.js';
import { isoDayFormatter } from '../platform/zoned-time.js';

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

/**
 * `{name}` is replaced by the parameter; `{name|one|other}` picks the word for the parameter's
 * number by the locale's plural rules ("1 point", "2 points"; Chinese needs none).
 */
export function translator(locale: Locale): Translate {
  const messages = catalogues[locale];
  const plural = new Intl.PluralRules(locale);
  return (key, params) => {
    const text = messages[key] ?? zhCN[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g, (m, name: string, one?: string, other?: string) => {
      if (!(name in params)) return m;
      if (one === undefined) return String(params[name]);
      return plural.select(Number(params[name])) === 'one' ? one : other!;
    });
  };
}

/** Formatting for the locale, with times shown in the configured zone (the server runs in UTC). */
export function formatter(locale: Locale, timeZone: string) {
  const dateTime = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const isoDate = isoDayFormatter(locale, 'medium');
  const number = new Intl.NumberFormat(locale);
  // ICU's formatRange costs ~80 µs a call, and the same class times are shown on every trainee's
  // home: remember recent ones (a formatter lives for the app's lifetime, so the map is bounded).
  const ranges = new Map<string, string>();
  return {
    dateTime: (ms: number) => dateTime.format(ms),
    /** A span of time; the day is written once when both ends fall on it ("2026年12月4日 14:00–15:30"). */
    dateTimeRange: (from: number, to: number) => {
      const key = `${from}:${to}`;
      let text = ranges.get(key);
      if (text === undefined) {
        if (ranges.size >= 1000) ranges.clear();
        ranges.set(key, (text = dateTime.formatRange(from, to)));
      }
      return text;
    },
    /** An ISO calendar date (YYYY-MM-DD) as a day in the locale's style. */
    isoDate,
    number: (n: number) => number.format(n),
  };
}
export type Format = ReturnType<typeof formatter>;
