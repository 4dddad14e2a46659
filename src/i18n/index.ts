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
  // A message with parameters is split into its pieces once, on first use, instead of running the
  // placeholder pattern over it on every call (pages make dozens of such calls per request).
  const compiled = new Map<string, Piece[]>();
  return (key, params) => {
    const text = messages[key] ?? zhCN[key] ?? key;
    if (!params) return text;
    let pieces = compiled.get(key);
    if (pieces === undefined) compiled.set(key, (pieces = compile(text)));
    let out = '';
    for (const piece of pieces) {
      if (typeof piece === 'string') out += piece;
      else if (!(piece.name in params)) out += piece.source;
      else if (piece.one === undefined) out += String(params[piece.name]);
      else out += plural.select(Number(params[piece.name])) === 'one' ? piece.one : piece.other;
    }
    return out;
  };
}

/** Literal text, or a placeholder: `{name}` or `{name|one|other}` (kept as written when its parameter is missing). */
type Piece = string | { name: string; source: string; one?: string; other?: string };

const PLACEHOLDER = /\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g;

function compile(text: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m.index > last) pieces.push(text.slice(last, m.index));
    pieces.push(m[2] === undefined ? { name: m[1], source: m[0] } : { name: m[1], source: m[0], one: m[2], other: m[3] });
    last = m.index + m[0].length;
  }
  if (last < text.length) pieces.push(text.slice(last));
  return pieces;
}

/** Formatting for the locale, with times shown in the configured zone (the server runs in UTC). */
export function formatter(locale: Locale, timeZone: string) {
  const dateTime = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const isoDate = isoDayFormatter(locale, 'medium');
  const number = new Intl.NumberFormat(locale);
  // ICU's formatRange costs ~80 µs a call, and the same class times are shown on every trainee's
  // home: remember recent ones (a formatter lives for the app's lifetime, so the map is bounded).
  const ranges = new Map<string, string>();
  // Intl's format is ~0.45 µs a call and a trainee's home shows a dozen or more hour figures,
  // mostly the same few numbers: remember them (bounded like the ranges).
  const numbers = new Map<number, string>();
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
    number: (n: number) => {
      // -0 shares 0's key in a Map but Intl writes it "-0".
      if (Object.is(n, -0)) return number.format(n);
      let text = numbers.get(n);
      if (text === undefined) {
        if (numbers.size >= 1000) numbers.clear();
        numbers.set(n, (text = number.format(n)));
      }
      return text;
    },
  };
}
export type Format = ReturnType<typeof formatter>;
