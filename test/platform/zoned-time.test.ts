import { describe, expect, it } from 'vitest';
import { calendarDay, dayStartMs, parseRange, rangeMs, zonedYear } from '../../src/platform/zoned-time.js';

describe('days and years on the configured TIME_ZONE calendar', () => {
  it('starts a Shanghai day at 16:00 UTC the day before, as before', () => {
    expect(new Date(dayStartMs('2026-03-01')).toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(rangeMs({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ fromMs: Date.parse('2026-02-28T16:00:00Z'), toMs: Date.parse('2026-03-31T16:00:00Z') });
  });

  it('uses another zone when TIME_ZONE says so, daylight saving included', () => {
    // Berlin: UTC+1 in winter, UTC+2 from 29 March 2026.
    expect(rangeMs({ from: '2026-03-01', to: '2026-03-31' }, 'Europe/Berlin')).toEqual({
      fromMs: Date.parse('2026-02-28T23:00:00Z'),
      toMs: Date.parse('2026-03-31T22:00:00Z'),
    });
    // New York, west of UTC: the day starts after UTC midnight.
    expect(new Date(dayStartMs('2026-12-04', 'America/New_York')).toISOString()).toBe('2026-12-04T05:00:00.000Z');
    expect(calendarDay(Date.parse('2026-12-04T03:00:00Z'), 'America/New_York')).toBe('2026-12-03');
  });

  it('checks a range’s length by its calendar days, whatever the zone', () => {
    expect(parseRange('2026-01-01', '2028-01-02')).toBeNull(); // 732 days: over the 731-day limit
    expect(parseRange('2026-01-01', '2028-01-01')).toEqual({ from: '2026-01-01', to: '2028-01-01' }); // 731 days
  });

  it('gives the year on the zone’s calendar, where it differs from UTC’s on both sides', () => {
    // 2026-12-31 16:30 UTC is already 2027-01-01 in Shanghai; 2027-01-01 03:00 UTC is still 2026 in New York.
    expect(zonedYear(Date.parse('2026-12-31T16:30:00Z'), 'Asia/Shanghai')).toBe(2027);
    expect(zonedYear(Date.parse('2026-12-31T15:30:00Z'), 'Asia/Shanghai')).toBe(2026);
    expect(zonedYear(Date.parse('2027-01-01T03:00:00Z'), 'America/New_York')).toBe(2026);
    expect(zonedYear(Date.parse('2027-01-01T05:00:00Z'), 'America/New_York')).toBe(2027);
  });
});
