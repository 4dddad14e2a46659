import { describe, expect, it } from 'vitest';
import { formatter, translator } from '../../src/i18n/index.js';
import { en } from '../../src/i18n/en.js';

describe('messages and dates', () => {
  it('says "1 point" and "2 points" in English', () => {
    const t = translator('en');
    expect(t('exams.points', { points: 1 })).toBe('(1 point)');
    expect(t('exams.points', { points: 2 })).toBe('(2 points)');
    expect(t('exams.missed', { n: 1, when: 'today' })).toBe('missed 1 time, last on today');
    // No English message is left with a "(s)" for the reader to sort out.
    expect(Object.values(en).filter((m) => m.includes('(s)'))).toEqual([]);
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
