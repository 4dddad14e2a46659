import { describe, expect, it } from 'vitest';
import { activeMinutes, lessonCompletion, readingMinutesLeft, type LessonCompletionInput } from '../../../src/hours/rules/completion.js';

const MIN = 60_000;

function input(over: Partial<LessonCompletionInput> = {}): LessonCompletionInput {
  return {
    activeMs: 45 * MIN,
    lessonHours: 2,
    classHourMinutes: 45,
    selfCheckIds: ['q1', 'q2'],
    answeredIds: new Set(['q1', 'q2']),
    status: 'full',
    ...over,
  };
}

describe('lessonCompletion', () => {
  it('completes with half the nominal time active and every self-check answered', () => {
    expect(lessonCompletion(input())).toEqual({
      complete: true,
      reasons: [],
      requiredActiveMs: 45 * MIN, // 2 × 45 min × 0.5
      creditMinutes: 90,
      unansweredIds: [],
    });
  });

  it('needs active time: one millisecond short is not enough', () => {
    const r = lessonCompletion(input({ activeMs: 45 * MIN - 1 }));
    expect(r.complete).toBe(false);
    expect(r.reasons).toEqual(['activeTime']);
    expect(r.creditMinutes).toBe(0);
  });

  it('needs every self-check question answered, and lists the missing ones', () => {
    const r = lessonCompletion(input({ selfCheckIds: ['q1', 'q2', 'q3'], answeredIds: new Set(['q2']) }));
    expect(r.complete).toBe(false);
    expect(r.reasons).toEqual(['selfCheck']);
    expect(r.unansweredIds).toEqual(['q1', 'q3']);
  });

  it('answers to questions the lesson does not have do not matter', () => {
    const r = lessonCompletion(input({ selfCheckIds: ['q1'], answeredIds: new Set(['q1', 'old-q9']) }));
    expect(r.complete).toBe(true);
  });

  it('a lesson without self-check needs only the active time', () => {
    const r = lessonCompletion(input({ selfCheckIds: [], answeredIds: new Set() }));
    expect(r.complete).toBe(true);
  });

  it('never completes an outline lesson by self-study, however long it was read', () => {
    const r = lessonCompletion(input({ status: 'outline', activeMs: 10 * 60 * MIN }));
    expect(r).toMatchObject({ complete: false, reasons: ['outline'], creditMinutes: 0 });
  });

  it('reports every missing condition at once, in a stable order', () => {
    const r = lessonCompletion(input({ status: 'outline', activeMs: 0, answeredIds: new Set() }));
    expect(r.reasons).toEqual(['activeTime', 'selfCheck', 'outline']);
  });

  it('uses the programme class-hour length and a custom share', () => {
    const r = lessonCompletion(input({ classHourMinutes: 60, requiredShare: 0.8, activeMs: 96 * MIN }));
    expect(r.requiredActiveMs).toBe(96 * MIN);
    expect(r.complete).toBe(true);
    expect(r.creditMinutes).toBe(120);
  });

  it('a share of 0 needs no active time; a share of 1 needs all of it', () => {
    expect(lessonCompletion(input({ requiredShare: 0, activeMs: 0 })).complete).toBe(true);
    expect(lessonCompletion(input({ requiredShare: 1, activeMs: 90 * MIN - 1 })).reasons).toEqual(['activeTime']);
    expect(lessonCompletion(input({ requiredShare: 1, activeMs: 90 * MIN })).complete).toBe(true);
  });

  it('floors fractional credit to whole minutes and is immune to binary rounding', () => {
    expect(lessonCompletion(input({ lessonHours: 0.5, activeMs: 12 * MIN })).creditMinutes).toBe(22);
    // 1.15 × 60 is 68.99999999999999 in floating point.
    const r = lessonCompletion(input({ lessonHours: 1.15, classHourMinutes: 60, activeMs: 34.5 * MIN }));
    expect(r.requiredActiveMs).toBe(34.5 * MIN);
    expect(r.creditMinutes).toBe(69);
  });

  it('rejects impossible inputs', () => {
    expect(() => lessonCompletion(input({ activeMs: -1 }))).toThrow(RangeError);
    expect(() => lessonCompletion(input({ lessonHours: Number.NaN }))).toThrow(RangeError);
    expect(() => lessonCompletion(input({ classHourMinutes: 0 }))).toThrow(RangeError);
    expect(() => lessonCompletion(input({ requiredShare: 1.5 }))).toThrow(RangeError);
  });
});

describe('the minutes the status line under a lesson says', () => {
  it('counts read minutes down and minutes still to read up, never below zero', () => {
    expect(activeMinutes(0)).toBe(0);
    expect(activeMinutes(MIN - 1)).toBe(0);
    expect(activeMinutes(12 * MIN + 59_999)).toBe(12);
    expect(readingMinutesLeft(0, 45 * MIN)).toBe(45);
    // A started minute is still to read: 30 s short is 1 minute left, not 0.
    expect(readingMinutesLeft(45 * MIN - 30_000, 45 * MIN)).toBe(1);
    expect(readingMinutesLeft(45 * MIN, 45 * MIN)).toBe(0);
    expect(readingMinutesLeft(60 * MIN, 45 * MIN)).toBe(0);
  });
});
