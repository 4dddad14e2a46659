import { describe, expect, it } from 'vitest';
import { mergeIntervals, overlapMs, remoteCredit, type Interval } from '../../../src/hours/rules/intervals.js';

const MIN = 60_000;
const T0 = Date.UTC(2025, 2, 3, 6, 0, 0);
/** Interval in minutes after T0. */
const m = (start: number, end: number): Interval => ({ start: T0 + start * MIN, end: T0 + end * MIN });
const SESSION = m(0, 90);

describe('mergeIntervals', () => {
  it('returns nothing for nothing', () => {
    expect(mergeIntervals([])).toEqual([]);
  });

  it('joins overlapping rows and sorts them', () => {
    expect(mergeIntervals([m(30, 50), m(0, 20), m(10, 35)])).toEqual([m(0, 50)]);
  });

  it('swallows nested rows', () => {
    expect(mergeIntervals([m(0, 60), m(10, 20), m(15, 59)])).toEqual([m(0, 60)]);
  });

  it('joins touching rows, keeps separate ones apart', () => {
    expect(mergeIntervals([m(0, 10), m(10, 20), m(25, 30)])).toEqual([m(0, 20), m(25, 30)]);
  });

  it('drops empty, inverted and non-finite rows', () => {
    expect(mergeIntervals([m(5, 5), m(9, 3), { start: Number.NaN, end: T0 }, { start: T0, end: Infinity }, m(1, 2)])).toEqual([m(1, 2)]);
  });

  it('does not mutate its input', () => {
    const rows = [m(10, 20), m(0, 15)];
    const copy = structuredClone(rows);
    mergeIntervals(rows);
    expect(rows).toEqual(copy);
  });
});

describe('overlapMs', () => {
  it('counts each instant once', () => {
    expect(overlapMs([m(0, 30), m(10, 40), m(20, 25)], SESSION)).toBe(40 * MIN);
  });

  it('clips rows to the window and ignores rows outside it', () => {
    expect(overlapMs([m(-30, 10), m(80, 120), m(-60, -10), m(100, 200)], SESSION)).toBe(20 * MIN);
  });

  it('is 0 for no rows or an empty window', () => {
    expect(overlapMs([], SESSION)).toBe(0);
    expect(overlapMs([m(0, 90)], m(10, 10))).toBe(0);
  });

  it('a row ending exactly where the window starts does not overlap (half-open)', () => {
    expect(overlapMs([m(-10, 0), m(90, 100)], SESSION)).toBe(0);
  });
});

describe('remoteCredit', () => {
  it('full attendance credits the scheduled minutes', () => {
    expect(remoteCredit({ attended: [m(-5, 95)], scheduled: SESSION })).toEqual({
      attendedMinutes: 90,
      scheduledMinutes: 90,
      share: 1,
      creditMinutes: 90,
    });
  });

  it('overlapping and nested join/leave rows (reconnects, a second device) count once', () => {
    const rows = [m(0, 40), m(35, 60), m(10, 20), m(62, 90), m(70, 80)];
    const r = remoteCredit({ attended: rows, scheduled: SESSION });
    expect(r.attendedMinutes).toBe(88);
    expect(r.creditMinutes).toBe(90);
  });

  it('exactly 80 % credits the full session', () => {
    const r = remoteCredit({ attended: [m(0, 72)], scheduled: SESSION });
    expect(r.share).toBe(0.8);
    expect(r).toMatchObject({ attendedMinutes: 72, scheduledMinutes: 90, creditMinutes: 90 });
    // 45-minute class hour: 36 minutes is exactly 80 %.
    expect(remoteCredit({ attended: [m(9, 45)], scheduled: m(0, 45) }).creditMinutes).toBe(45);
  });

  it('one millisecond under 80 % credits the attended minutes only', () => {
    const r = remoteCredit({ attended: [{ start: T0, end: T0 + 72 * MIN - 1 }], scheduled: SESSION });
    expect(r.share).toBeLessThan(0.8);
    expect(r).toMatchObject({ attendedMinutes: 71, creditMinutes: 71 });
  });

  it('floors attended time to whole minutes', () => {
    const r = remoteCredit({ attended: [{ start: T0, end: T0 + 30 * MIN + 59_999 }], scheduled: SESSION });
    expect(r.attendedMinutes).toBe(30);
    expect(r.creditMinutes).toBe(30);
  });

  it('rows outside the schedule credit nothing', () => {
    const r = remoteCredit({ attended: [m(-60, -1), m(90, 150)], scheduled: SESSION });
    expect(r).toEqual({ attendedMinutes: 0, scheduledMinutes: 90, share: 0, creditMinutes: 0 });
  });

  it('no rows credit nothing', () => {
    expect(remoteCredit({ attended: [], scheduled: SESSION }).creditMinutes).toBe(0);
  });

  it('touching rows add up without a gap', () => {
    const r = remoteCredit({ attended: [m(0, 30), m(30, 60), m(60, 70)], scheduled: SESSION });
    expect(r).toMatchObject({ attendedMinutes: 70, creditMinutes: 70 });
  });

  it('honours a custom full-credit share', () => {
    expect(remoteCredit({ attended: [m(0, 45)], scheduled: SESSION, fullCreditShare: 0.5 }).creditMinutes).toBe(90);
    expect(remoteCredit({ attended: [m(0, 89)], scheduled: SESSION, fullCreditShare: 1 }).creditMinutes).toBe(89);
  });

  it('a zero-length schedule credits nothing; an inverted one or a bad share is an error', () => {
    expect(remoteCredit({ attended: [m(0, 10)], scheduled: m(5, 5) })).toEqual({
      attendedMinutes: 0,
      scheduledMinutes: 0,
      share: 0,
      creditMinutes: 0,
    });
    expect(() => remoteCredit({ attended: [], scheduled: m(10, 0) })).toThrow(RangeError);
    expect(() => remoteCredit({ attended: [], scheduled: SESSION, fullCreditShare: 2 })).toThrow(RangeError);
  });
});
