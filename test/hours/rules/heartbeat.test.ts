import { describe, expect, it } from 'vitest';
import { creditHeartbeat, DEFAULT_HEARTBEAT_LIMITS, type Heartbeat, type HeartbeatState } from '../../../src/hours/rules/heartbeat.js';

const T0 = Date.UTC(2025, 0, 6, 1, 0, 0);

/** Feeds beats in order; returns total credit, credit per lesson and the final state. */
function run(beats: Heartbeat[], start: HeartbeatState = null) {
  let state = start;
  let total = 0;
  const byLesson = new Map<string, number>();
  const credits: number[] = [];
  for (const beat of beats) {
    const r = creditHeartbeat(state, beat);
    expect(r.lessonKey).toBe(beat.lessonKey);
    state = r.next;
    total += r.creditMs;
    credits.push(r.creditMs);
    byLesson.set(r.lessonKey, (byLesson.get(r.lessonKey) ?? 0) + r.creditMs);
  }
  return { total, byLesson, credits, state };
}

describe('creditHeartbeat', () => {
  it('has the documented default limits', () => {
    expect(DEFAULT_HEARTBEAT_LIMITS).toEqual({ idleLimitMs: 90_000, maxCreditMs: 60_000 });
  });

  it('credits nothing for the first beat and remembers it', () => {
    const r = creditHeartbeat(null, { at: T0, lessonKey: 'a/01' });
    expect(r).toEqual({ creditMs: 0, lessonKey: 'a/01', next: { lastBeatAt: T0, lessonKey: 'a/01' } });
  });

  it('single tab, 10 beats about 30 s apart: credits the elapsed time', () => {
    const gaps = [0, 30_000, 29_500, 31_200, 30_000, 30_400, 29_900, 30_000, 30_100, 29_800];
    let at = T0;
    const beats = gaps.map((g) => ({ at: (at += g), lessonKey: 'a/01' }));
    const { total, state } = run(beats);
    expect(total).toBe(at - T0);
    expect(total).toBe(270_900);
    expect(state).toEqual({ lastBeatAt: at, lessonKey: 'a/01' });
  });

  it('two tabs interleaved: total equals wall time, not double', () => {
    // Tab A and tab B each beat every 30 s, offset by 15 s.
    const beats: Heartbeat[] = [];
    for (let i = 0; i < 20; i++) {
      beats.push({ at: T0 + i * 30_000, lessonKey: 'a/01' });
      beats.push({ at: T0 + i * 30_000 + 15_000, lessonKey: 'a/02' });
    }
    const { total, byLesson, credits } = run(beats);
    const wall = beats[beats.length - 1]!.at - beats[0]!.at;
    expect(total).toBe(wall);
    expect(credits.slice(1).every((c) => c === 15_000)).toBe(true);
    expect((byLesson.get('a/01') ?? 0) + (byLesson.get('a/02') ?? 0)).toBe(wall);
  });

  it('two tabs beating at the very same millisecond credit once', () => {
    const beats: Heartbeat[] = [];
    for (let i = 0; i < 5; i++) {
      beats.push({ at: T0 + i * 30_000, lessonKey: 'a/01' });
      beats.push({ at: T0 + i * 30_000, lessonKey: 'a/02' });
    }
    expect(run(beats).total).toBe(4 * 30_000);
  });

  it('a gap longer than the idle limit credits 0 and restarts from that beat', () => {
    let state: HeartbeatState = creditHeartbeat(null, { at: T0, lessonKey: 'a/01' }).next;
    const away = creditHeartbeat(state, { at: T0 + 90_001, lessonKey: 'a/01' });
    expect(away.creditMs).toBe(0);
    expect(away.next).toEqual({ lastBeatAt: T0 + 90_001, lessonKey: 'a/01' });
    state = away.next;
    expect(creditHeartbeat(state, { at: T0 + 120_001, lessonKey: 'a/01' }).creditMs).toBe(30_000);
  });

  it('a gap of exactly the idle limit is not idle, but is capped at maxCreditMs', () => {
    const state = { lastBeatAt: T0, lessonKey: 'a/01' };
    expect(creditHeartbeat(state, { at: T0 + 90_000, lessonKey: 'a/01' }).creditMs).toBe(60_000);
    expect(creditHeartbeat(state, { at: T0 + 60_000, lessonKey: 'a/01' }).creditMs).toBe(60_000);
    expect(creditHeartbeat(state, { at: T0 + 75_000, lessonKey: 'a/01' }).creditMs).toBe(60_000);
    expect(creditHeartbeat(state, { at: T0 + 59_999, lessonKey: 'a/01' }).creditMs).toBe(59_999);
  });

  it('a duplicate beat credits 0 and leaves the state alone', () => {
    const state = { lastBeatAt: T0, lessonKey: 'a/01' };
    const dup = creditHeartbeat(state, { at: T0, lessonKey: 'a/01' });
    expect(dup.creditMs).toBe(0);
    expect(dup.next).toBe(state);
  });

  it('a replayed or out-of-order beat credits 0 and never moves the state backwards', () => {
    const state = { lastBeatAt: T0 + 60_000, lessonKey: 'a/02' };
    const old = creditHeartbeat(state, { at: T0 + 30_000, lessonKey: 'a/01' });
    expect(old.creditMs).toBe(0);
    expect(old.lessonKey).toBe('a/01');
    expect(old.next).toBe(state);
    // The next real beat credits only from the newest time seen.
    expect(creditHeartbeat(old.next, { at: T0 + 90_000, lessonKey: 'a/02' }).creditMs).toBe(30_000);
  });

  it('replaying a whole recorded session credits nothing more', () => {
    const beats = Array.from({ length: 10 }, (_, i) => ({ at: T0 + i * 30_000, lessonKey: 'a/01' }));
    const first = run(beats);
    const again = run(beats, first.state);
    expect(again.total).toBe(0);
    expect(again.state).toEqual(first.state);
  });

  it('a burst of 100 forged beats within 1 s credits at most 1 s', () => {
    const start = { lastBeatAt: T0, lessonKey: 'a/01' };
    const beats = Array.from({ length: 100 }, (_, i) => ({ at: T0 + 10 * (i + 1) - 5, lessonKey: 'a/01' }));
    expect(beats[99]!.at - T0).toBeLessThanOrEqual(1_000);
    const { total } = run(beats, start);
    expect(total).toBeLessThanOrEqual(1_000);
    expect(total).toBe(beats[99]!.at - T0);
  });

  it('switching lessons attributes the gap to the new lesson', () => {
    const { byLesson, state } = run([
      { at: T0, lessonKey: 'a/01' },
      { at: T0 + 30_000, lessonKey: 'a/01' },
      { at: T0 + 60_000, lessonKey: 'a/01' },
      { at: T0 + 80_000, lessonKey: 'a/02' },
      { at: T0 + 110_000, lessonKey: 'a/02' },
    ]);
    expect(byLesson.get('a/01')).toBe(60_000);
    expect(byLesson.get('a/02')).toBe(50_000);
    expect(state).toEqual({ lastBeatAt: T0 + 110_000, lessonKey: 'a/02' });
  });

  it('ignores any client timestamp riding along with the beat', () => {
    const state = { lastBeatAt: T0, lessonKey: 'a/01' };
    const forged = { at: T0 + 30_000, lessonKey: 'a/01', clientAt: T0 + 3_600_000, sentAt: 0 };
    const r = creditHeartbeat(state, forged);
    expect(r.creditMs).toBe(30_000);
    expect(r.next).toEqual({ lastBeatAt: T0 + 30_000, lessonKey: 'a/01' });
  });

  it('ignores a beat whose time is not a finite number', () => {
    const state = { lastBeatAt: T0, lessonKey: 'a/01' };
    for (const at of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const r = creditHeartbeat(state, { at, lessonKey: 'a/01' });
      expect(r.creditMs).toBe(0);
      expect(r.next).toBe(state);
    }
    expect(creditHeartbeat(null, { at: Number.NaN, lessonKey: 'a/01' }).next).toBeNull();
  });

  it('honours custom limits and rejects nonsense ones', () => {
    const state = { lastBeatAt: T0, lessonKey: 'a/01' };
    const limits = { idleLimitMs: 40_000, maxCreditMs: 35_000 };
    expect(creditHeartbeat(state, { at: T0 + 38_000, lessonKey: 'a/01' }, limits).creditMs).toBe(35_000);
    expect(creditHeartbeat(state, { at: T0 + 41_000, lessonKey: 'a/01' }, limits).creditMs).toBe(0);
    expect(() => creditHeartbeat(state, { at: T0 + 1, lessonKey: 'a' }, { idleLimitMs: -1, maxCreditMs: 1 })).toThrow(RangeError);
    expect(() => creditHeartbeat(state, { at: T0 + 1, lessonKey: 'a' }, { idleLimitMs: 1, maxCreditMs: Number.NaN })).toThrow(RangeError);
  });

  it('never credits more than the wall time spanned, whatever the order of beats (random runs)', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const beats: Heartbeat[] = [];
      for (let i = 0; i < 50; i++) {
        beats.push({ at: T0 + Math.floor(rand() * 600_000), lessonKey: rand() < 0.5 ? 'a/01' : 'b/02' });
      }
      const { total, state } = run(beats);
      const times = beats.map((b) => b.at);
      expect(total).toBeLessThanOrEqual(Math.max(...times) - times[0]!);
      expect(state!.lastBeatAt).toBe(Math.max(...times));
    }
  });
});
