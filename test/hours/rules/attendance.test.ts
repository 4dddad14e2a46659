import { describe, expect, it } from 'vitest';
import { checkInStatus, isWithinCheckInWindow, ROSTER_STATUSES, rosterCredit } from '../../../src/hours/rules/attendance.js';

const MIN = 60_000;
const T0 = Date.UTC(2025, 3, 7, 1, 0, 0); // 09:00 in Shanghai
const SESSION = { start: T0, end: T0 + 90 * MIN };

describe('rosterCredit', () => {
  it('present credits the scheduled minutes', () => {
    expect(rosterCredit('present', { scheduledMinutes: 90 })).toEqual({ ok: true, creditMinutes: 90 });
  });

  it('late and leftEarly subtract the missed minutes', () => {
    expect(rosterCredit('late', { scheduledMinutes: 90, minutes: 12 })).toEqual({ ok: true, creditMinutes: 78 });
    expect(rosterCredit('leftEarly', { scheduledMinutes: 90, minutes: 30 })).toEqual({ ok: true, creditMinutes: 60 });
    expect(rosterCredit('late', { scheduledMinutes: 90, minutes: 0 })).toEqual({ ok: true, creditMinutes: 90 });
    expect(rosterCredit('late', { scheduledMinutes: 90, minutes: 90 })).toEqual({ ok: true, creditMinutes: 0 });
  });

  it('excused and absent credit nothing', () => {
    expect(rosterCredit('excused', { scheduledMinutes: 90 })).toEqual({ ok: true, creditMinutes: 0 });
    expect(rosterCredit('absent', { scheduledMinutes: 90 })).toEqual({ ok: true, creditMinutes: 0 });
  });

  it('late and leftEarly need their minutes', () => {
    expect(rosterCredit('late', { scheduledMinutes: 90 })).toEqual({
      ok: false,
      error: { code: 'minutesRequired', status: 'late' },
    });
    expect(rosterCredit('leftEarly', { scheduledMinutes: 90, minutes: null })).toEqual({
      ok: false,
      error: { code: 'minutesRequired', status: 'leftEarly' },
    });
  });

  it('minutes outside 0..scheduled are a typed error, for any status', () => {
    expect(rosterCredit('late', { scheduledMinutes: 90, minutes: 91 })).toEqual({
      ok: false,
      error: { code: 'minutesOutOfRange', minutes: 91, min: 0, max: 90 },
    });
    expect(rosterCredit('leftEarly', { scheduledMinutes: 90, minutes: -1 })).toMatchObject({
      ok: false,
      error: { code: 'minutesOutOfRange' },
    });
    expect(rosterCredit('present', { scheduledMinutes: 45, minutes: 46 })).toMatchObject({ ok: false });
  });

  it('rejects fractional minutes and a bad schedule', () => {
    expect(rosterCredit('late', { scheduledMinutes: 90, minutes: 2.5 })).toEqual({
      ok: false,
      error: { code: 'minutesNotInteger', minutes: 2.5 },
    });
    expect(rosterCredit('late', { scheduledMinutes: 90, minutes: Number.NaN })).toMatchObject({
      error: { code: 'minutesNotInteger' },
    });
    expect(rosterCredit('present', { scheduledMinutes: -45 })).toEqual({
      ok: false,
      error: { code: 'invalidScheduledMinutes', scheduledMinutes: -45 },
    });
    expect(rosterCredit('present', { scheduledMinutes: 44.5 })).toMatchObject({ error: { code: 'invalidScheduledMinutes' } });
  });

  it('never credits more than scheduled nor less than 0, for every status', () => {
    for (const status of ROSTER_STATUSES) {
      for (let minutes = 0; minutes <= 45; minutes++) {
        const r = rosterCredit(status, { scheduledMinutes: 45, minutes });
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.creditMinutes).toBeGreaterThanOrEqual(0);
          expect(r.creditMinutes).toBeLessThanOrEqual(45);
        }
      }
    }
  });
});

describe('checkInStatus', () => {
  it('early or on time is present', () => {
    expect(checkInStatus(T0 - 10 * MIN, SESSION)).toEqual({ status: 'present' });
    expect(checkInStatus(T0, SESSION)).toEqual({ status: 'present' });
  });

  it('within the 5-minute grace, including its last millisecond, is present', () => {
    expect(checkInStatus(T0 + 5 * MIN, SESSION)).toEqual({ status: 'present' });
  });

  it('after the grace is late by the minutes since the start, rounded up', () => {
    expect(checkInStatus(T0 + 5 * MIN + 1, SESSION)).toEqual({ status: 'late', minutes: 6 });
    expect(checkInStatus(T0 + 12 * MIN, SESSION)).toEqual({ status: 'late', minutes: 12 });
    expect(checkInStatus(T0 + 12 * MIN + 1_000, SESSION)).toEqual({ status: 'late', minutes: 13 });
  });

  it('honours a custom grace, including none', () => {
    expect(checkInStatus(T0 + 1, SESSION, 0)).toEqual({ status: 'late', minutes: 1 });
    expect(checkInStatus(T0 + 9 * MIN, SESSION, 10 * MIN)).toEqual({ status: 'present' });
  });

  it('caps late minutes at the session length so rosterCredit accepts them', () => {
    const r = checkInStatus(T0 + 120 * MIN, SESSION);
    expect(r).toEqual({ status: 'late', minutes: 90 });
    if (r.status === 'late') {
      expect(rosterCredit('late', { scheduledMinutes: 90, minutes: r.minutes })).toEqual({ ok: true, creditMinutes: 0 });
    }
  });

  it('rejects a bad session or time', () => {
    expect(() => checkInStatus(T0, { start: T0, end: T0 })).toThrow(RangeError);
    expect(() => checkInStatus(Number.NaN, SESSION)).toThrow(RangeError);
    expect(() => checkInStatus(T0, SESSION, -1)).toThrow(RangeError);
  });
});

describe('isWithinCheckInWindow', () => {
  it('opens 15 minutes before the start', () => {
    expect(isWithinCheckInWindow(T0 - 15 * MIN - 1, SESSION)).toBe(false);
    expect(isWithinCheckInWindow(T0 - 15 * MIN, SESSION)).toBe(true);
    expect(isWithinCheckInWindow(T0, SESSION)).toBe(true);
  });

  it('closes when the session ends (end exclusive)', () => {
    expect(isWithinCheckInWindow(SESSION.end - 1, SESSION)).toBe(true);
    expect(isWithinCheckInWindow(SESSION.end, SESSION)).toBe(false);
  });

  it('honours a custom opening and rejects nonsense', () => {
    expect(isWithinCheckInWindow(T0 - 25 * MIN, SESSION, { opensBeforeMs: 30 * MIN })).toBe(true);
    expect(isWithinCheckInWindow(T0 - 1, SESSION, { opensBeforeMs: 0 })).toBe(false);
    expect(isWithinCheckInWindow(Number.NaN, SESSION)).toBe(false);
    expect(() => isWithinCheckInWindow(T0, SESSION, { opensBeforeMs: -1 })).toThrow(RangeError);
  });
});
