import { describe, expect, it } from 'vitest';
import { formatter, translator } from '../../src/i18n/index.js';
import { en } from '../../src/i18n/en.js';
import { zhCN, type MessageKey } from '../../src/i18n/zh-CN.js';

describe('messages and dates', () => {
  it('says "1 point" and "2 points" in English', () => {
    const t = translator('en');
    expect(t('exams.points', { points: 1 })).toBe('(1 point)');
    expect(t('exams.points', { points: 2 })).toBe('(2 points)');
    expect(t('exams.missed', { n: 1, when: 'today' })).toBe('missed 1 time, last on today');
    // No English message is left with a "(s)" for the reader to sort out.
    expect(Object.values(en).filter((m) => m.includes('(s)'))).toEqual([]);
  });

  it('fills every message in both languages as the placeholder rule says, each call the same', () => {
    // The rule written out once more, as one pattern replace: the translator splits each message
    // into pieces on first use, and must give exactly this for every message and parameter mix.
    const reference = (text: string, params: Record<string, string | number>, plural: Intl.PluralRules) =>
      text.replace(/\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g, (m, name: string, one?: string, other?: string) => {
        if (!(name in params)) return m;
        if (one === undefined) return String(params[name]);
        return plural.select(Number(params[name])) === 'one' ? one : other!;
      });
    let withPlaceholders = 0;
    for (const [locale, messages] of [
      ['en', en],
      ['zh-CN', zhCN],
    ] as const) {
      const t = translator(locale);
      const plural = new Intl.PluralRules(locale);
      for (const [key, text] of Object.entries(messages) as [MessageKey, string][]) {
        const names = [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]);
        if (names.length) withPlaceholders++;
        // Every parameter as 1, then as 2 with the first one missing, then as text.
        const mixes = [
          Object.fromEntries(names.map((n) => [n, 1])),
          Object.fromEntries(names.slice(1).map((n) => [n, 2])),
          Object.fromEntries(names.map((n) => [n, `<${n}>`])),
        ];
        for (const params of mixes) for (let call = 0; call < 2; call++) expect(t(key, params), `${locale} ${key}`).toBe(reference(text, params, plural));
        expect(t(key)).toBe(text);
      }
    }
    expect(withPlaceholders).toBeGreaterThan(100);
  });

  it('writes numbers as Intl does, the first time and every time after', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const fmt = formatter(locale, 'Asia/Shanghai');
      const intl = new Intl.NumberFormat(locale);
      const numbers = [0, -0, 1, 2.5, 1234, 1234567.891, -42, NaN, 0.0001, 12.25];
      for (let round = 0; round < 2; round++) for (const n of numbers) expect(fmt.number(n), `${locale} ${n}`).toBe(intl.format(n));
      // Past the remembered thousand, still right.
      for (let n = 0; n < 2500; n++) expect(fmt.number(n * 1.5)).toBe(intl.format(n * 1.5));
    }
  });

  it('shows an ISO date as that day in every time zone, west of UTC too', () => {
    expect(formatter('en', 'America/New_York').isoDate('2026-12-04')).toBe('Dec 4, 2026');
    expect(formatter('zh-CN', 'Asia/Shanghai').isoDate('2026-12-04')).toBe('2026年12月4日');
  });

  it('writes the day once for a class that starts and ends on it', () => {
    const fmt = formatter('zh-CN', 'Asia/Shanghai');
    const start = Date.UTC(2026, 11, 4, 6, 0); // 14:00 in Shanghai
    expect(fmt.dateTimeRange(start, start + 90 * 60_000)).toBe('2026/12/4 14:00–15:30');
    expect(fmt.dateTimeRange(start, start + 25 * 3600_000)).toBe('2026/12/4 14:00 – 2026/12/5 15:00');
  });
});
