import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { assistantCreditHours, evaluateLevelHours, type LevelHoursInput, type LevelHoursSpec } from '../../../src/hours/rules/requirements.js';

const NO_MINIMUMS = { faceToFace: null, remote: null, selfStudy: null };
const ASSISTANT_COURSES = ['bcm-intro', 'theory-regulation', 'marketing-practice'];
const ASSISTANT: LevelHoursSpec = { id: 'assistant', studyHours: 16, examCoachingHours: 8, modeMinimums: NO_MINIMUMS };
const RETAIL: LevelHoursSpec = {
  id: 'retail',
  studyHours: 64,
  examCoachingHours: 8,
  modeMinimums: NO_MINIMUMS,
  credit: { fromLevel: 'assistant', courses: ASSISTANT_COURSES },
};
const SENIOR: LevelHoursSpec = { ...RETAIL, id: 'senior', studyHours: 96 };

function input(over: Partial<LevelHoursInput> = {}): LevelHoursInput {
  return {
    level: RETAIL,
    minimumTrainingHours: 40,
    classHourMinutes: 45,
    minutesByMode: { faceToFace: 0, remote: 0, selfStudy: 0 },
    creditedHours: 0,
    ...over,
  };
}

describe('evaluateLevelHours', () => {
  it('a new retail trainee: 64 × 45 minutes to go, nothing met', () => {
    const r = evaluateLevelHours(input());
    expect(r).toMatchObject({
      levelId: 'retail',
      earnedMinutes: 0,
      requiredMinutes: 2880,
      remainingMinutes: 2880,
      meetsLevelHours: false,
      minimumTrainingMinutes: 1800,
      meetsMinimumTraining: false,
      complete: false,
    });
    expect(r.missing).toEqual([
      { code: 'levelHours', remainingMinutes: 2880 },
      { code: 'minimumTraining', remainingMinutes: 1800 },
    ]);
  });

  it('adds up every mode and completes at exactly the required minutes', () => {
    const r = evaluateLevelHours(input({ minutesByMode: { faceToFace: 1440, remote: 720, selfStudy: 720 } }));
    expect(r).toMatchObject({ earnedMinutes: 2880, remainingMinutes: 0, meetsLevelHours: true, complete: true, missing: [] });
    expect(r.byMode).toEqual({
      faceToFace: { earnedMinutes: 1440, minimumMinutes: null, met: true },
      remote: { earnedMinutes: 720, minimumMinutes: null, met: true },
      selfStudy: { earnedMinutes: 720, minimumMinutes: null, met: true },
    });
  });

  it('one minute short is not complete', () => {
    const r = evaluateLevelHours(input({ minutesByMode: { faceToFace: 2879, remote: 0, selfStudy: 0 } }));
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual([{ code: 'levelHours', remainingMinutes: 1 }]);
    expect(r.meetsMinimumTraining).toBe(true);
  });

  it('assistant hours credited toward retail reduce what is left', () => {
    const r = evaluateLevelHours(input({ creditedHours: 16, minutesByMode: { faceToFace: 1000, remote: 0, selfStudy: 0 } }));
    expect(r).toMatchObject({ creditedMinutes: 720, earnedMinutes: 1720, remainingMinutes: 1160 });
    const done = evaluateLevelHours(input({ creditedHours: 16, minutesByMode: { faceToFace: 2160, remote: 0, selfStudy: 0 } }));
    expect(done.complete).toBe(true);
  });

  it('credited hours count toward the 40-hour minimum of unified training', () => {
    const r = evaluateLevelHours(input({ level: SENIOR, creditedHours: 16, minutesByMode: { faceToFace: 1080, remote: 0, selfStudy: 0 } }));
    expect(r.earnedMinutes).toBe(1800);
    expect(r.meetsMinimumTraining).toBe(true);
    expect(r.missing).toEqual([{ code: 'levelHours', remainingMinutes: 4320 - 1800 }]);
  });

  it('the assistant level meets its 16 hours but not the 40-hour minimum (a programme conflict the caller resolves)', () => {
    const r = evaluateLevelHours(input({ level: ASSISTANT, minutesByMode: { faceToFace: 720, remote: 0, selfStudy: 0 } }));
    expect(r).toMatchObject({ requiredMinutes: 720, meetsLevelHours: true, meetsMinimumTraining: false, complete: false });
    expect(r.missing).toEqual([{ code: 'minimumTraining', remainingMinutes: 1080 }]);
    // Passing the level's own hours as the minimum lifts the conflict.
    expect(
      evaluateLevelHours(input({ level: ASSISTANT, minimumTrainingHours: 16, minutesByMode: { faceToFace: 720, remote: 0, selfStudy: 0 } })).complete,
    ).toBe(true);
  });

  it('exam coaching hours are not part of the required study minutes', () => {
    expect(evaluateLevelHours(input({ level: SENIOR })).requiredMinutes).toBe(96 * 45);
  });

  it('per-mode minimums in class hours are checked in minutes', () => {
    const level = { ...RETAIL, modeMinimums: { faceToFace: 32, remote: null, selfStudy: 8 } };
    const r = evaluateLevelHours(input({ level, minutesByMode: { faceToFace: 1400, remote: 1000, selfStudy: 480 } }));
    expect(r.byMode.faceToFace).toEqual({ earnedMinutes: 1400, minimumMinutes: 1440, met: false });
    expect(r.byMode.remote).toEqual({ earnedMinutes: 1000, minimumMinutes: null, met: true });
    expect(r.byMode.selfStudy).toEqual({ earnedMinutes: 480, minimumMinutes: 360, met: true });
    expect(r.meetsLevelHours).toBe(true);
    expect(r.complete).toBe(false);
    expect(r.missing).toEqual([{ code: 'modeMinimum', mode: 'faceToFace', remainingMinutes: 40 }]);
  });

  it('credited hours do not count toward any mode minimum', () => {
    const level = { ...RETAIL, modeMinimums: { faceToFace: 16, remote: null, selfStudy: null } };
    const r = evaluateLevelHours(input({ level, creditedHours: 16, minutesByMode: { faceToFace: 0, remote: 2160, selfStudy: 0 } }));
    expect(r.meetsLevelHours).toBe(true);
    expect(r.byMode.faceToFace.met).toBe(false);
  });

  it('uses the class-hour length it is given', () => {
    const r = evaluateLevelHours(input({ classHourMinutes: 60, creditedHours: 16 }));
    expect(r).toMatchObject({ requiredMinutes: 3840, creditedMinutes: 960, minimumTrainingMinutes: 2400 });
  });

  it('rejects impossible input', () => {
    expect(() => evaluateLevelHours(input({ level: ASSISTANT, creditedHours: 4 }))).toThrow(/takes no credit/);
    expect(() => evaluateLevelHours(input({ creditedHours: -1 }))).toThrow(RangeError);
    expect(() => evaluateLevelHours(input({ classHourMinutes: 0 }))).toThrow(RangeError);
    expect(() => evaluateLevelHours(input({ minutesByMode: { faceToFace: 1.5, remote: 0, selfStudy: 0 } }))).toThrow(RangeError);
    expect(() => evaluateLevelHours(input({ minutesByMode: { faceToFace: -5, remote: 0, selfStudy: 0 } }))).toThrow(RangeError);
  });

  it('reads the levels of courses/programme.yaml as they are', () => {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../courses/programme.yaml');
    const programme = YAML.parse(fs.readFileSync(file, 'utf8')) as { minimumTrainingHours: number; levels: LevelHoursSpec[] };
    for (const level of programme.levels) {
      const r = evaluateLevelHours({
        level,
        minimumTrainingHours: programme.minimumTrainingHours,
        classHourMinutes: 45,
        minutesByMode: { faceToFace: level.studyHours * 45, remote: 0, selfStudy: 0 },
        creditedHours: 0,
      });
      expect(r.meetsLevelHours).toBe(true);
      expect(r.requiredMinutes).toBe(level.studyHours * 45);
    }
  });
});

describe('assistantCreditHours', () => {
  const earned = { 'bcm-intro': 6, 'theory-regulation': 5, 'marketing-practice': 5, 'client-development': 8 };

  it('sums the earned hours of the courses the level credits', () => {
    expect(assistantCreditHours(RETAIL, earned)).toBe(16);
    expect(assistantCreditHours(SENIOR, earned)).toBe(16);
  });

  it('counts only what was earned; a missing course adds nothing', () => {
    expect(assistantCreditHours(RETAIL, { 'bcm-intro': 6 })).toBe(6);
    expect(assistantCreditHours(RETAIL, {})).toBe(0);
  });

  it('accepts a Map as well', () => {
    expect(
      assistantCreditHours(
        RETAIL,
        new Map([
          ['bcm-intro', 6],
          ['marketing-practice', 4],
        ]),
      ),
    ).toBe(10);
  });

  it('is 0 for a level that takes no credit', () => {
    expect(assistantCreditHours(ASSISTANT, earned)).toBe(0);
  });

  it('counts a course listed twice once, and never exceeds the level hours', () => {
    const level = { ...RETAIL, studyHours: 10, credit: { fromLevel: 'assistant', courses: ['bcm-intro', 'bcm-intro', 'theory-regulation'] } };
    expect(assistantCreditHours(level, earned)).toBe(10);
    expect(assistantCreditHours({ ...level, studyHours: 64 }, earned)).toBe(11);
  });

  it('ignores inherited properties and rejects bad numbers', () => {
    expect(assistantCreditHours(RETAIL, Object.create({ 'bcm-intro': 99 }) as Record<string, number>)).toBe(0);
    expect(() => assistantCreditHours(RETAIL, { 'bcm-intro': -1 })).toThrow(RangeError);
  });

  it('feeds evaluateLevelHours', () => {
    const creditedHours = assistantCreditHours(RETAIL, earned);
    const r = evaluateLevelHours(input({ creditedHours, minutesByMode: { faceToFace: 2160, remote: 0, selfStudy: 0 } }));
    expect(r.complete).toBe(true);
  });
});
