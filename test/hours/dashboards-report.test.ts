import { describe, expect, it, vi } from 'vitest';
import { makeTestApp } from '../helpers/app.js';
import { calendarDay } from '../../src/platform/zoned-time.js';
import { cohortPositions, elapsedShare, fallingBehind, type TraineePosition } from '../../src/hours/ledger/cohort-report.js';
import { levelPosition } from '../../src/hours/ledger/ledger.js';
import { positionJson } from '../../src/hours/ledger/position-json.js';
import { cohortOf, log, traineeIn } from './dashboards-fixtures.js';

// The cohort report's arithmetic: pace, ordering, and agreement with the one-trainee path.

describe('pace of a cohort', () => {
  it('reads calendar days in Shanghai, not on the server clock', () => {
    expect(calendarDay(Date.UTC(2026, 2, 9, 16, 30), 'Asia/Shanghai')).toBe('2026-03-10'); // 00:30 in Shanghai
    expect(calendarDay(Date.UTC(2026, 2, 9, 15, 59), 'Asia/Shanghai')).toBe('2026-03-09');
  });

  it('counts whole days completed over all days of the period', () => {
    expect(elapsedShare('2026-03-01', '2026-03-10', '2026-02-20')).toBe(0);
    expect(elapsedShare('2026-03-01', '2026-03-10', '2026-03-01')).toBe(0); // the first day is not over yet
    expect(elapsedShare('2026-03-01', '2026-03-10', '2026-03-06')).toBe(0.5);
    expect(elapsedShare('2026-03-01', '2026-03-10', '2026-03-10')).toBe(0.9);
    expect(elapsedShare('2026-03-01', '2026-03-10', '2026-04-01')).toBe(1);
    expect(elapsedShare('2026-03-01', '2026-03-01', '2026-03-02')).toBe(1);
  });

  it('orders the trainees behind pace by gap, then by name', () => {
    const row = (id: number, name: string, earnedMinutes: number) =>
      ({ trainee: { id, name }, position: { hours: { requiredMinutes: 720, earnedMinutes } } }) as unknown as TraineePosition;
    const behind = fallingBehind([row(1, '乙', 300), row(2, '甲', 0), row(3, '丙', 360), row(4, '丁', 300), row(5, '戊', 500)], 0.5);
    expect(behind.map((b) => [b.trainee.id, b.gapMinutes])).toEqual([
      [2, 360],
      [4, 60], // 丁 (ding) before 乙 (yi) in pinyin order
      [1, 60],
    ]);
    expect(fallingBehind([row(1, '乙', 0)], 0)).toEqual([]);
  });
});

describe('whole-cohort positions', () => {
  it('agree with levelPosition for every trainee, credit from the certificate or the ledger included', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const assistant = a.cohort;
    const retail = cohortOf(t, a.inst.id, 'retail');
    const certified = await traineeIn(t, retail, '持证', { assistantCertificate: true, education: 'other', yearsInFinance: 0 });
    const studied = await traineeIn(t, retail, '学过助理级');
    const fresh = await traineeIn(t, retail, '新学员', { education: null, yearsInFinance: 0 });
    const violating = await traineeIn(t, retail, '违纪', { majorViolation: true });
    // Assistant-level hours in the credit courses, one over its course's 4 hours (capped), one outside them.
    log(t, assistant, studied.id, 'faceToFace', 300, { courseSlug: 'bcm-intro' });
    log(t, assistant, studied.id, 'remote', 100, { courseSlug: 'theory-regulation' });
    log(t, assistant, studied.id, 'remote', 90, { courseSlug: 'client-development' });
    log(t, retail, studied.id, 'selfStudy', 135, { courseSlug: 'retail-risk' });
    log(t, retail, certified.id, 'faceToFace', 1200);
    // A correction that takes more than was logged in a mode: counted as zero, never a crash.
    log(t, retail, fresh.id, 'remote', 30);
    log(t, retail, fresh.id, 'remote', -60, { source: 'correction', reason: '测试' });
    log(t, retail, violating.id, 'faceToFace', 45);

    const batch = cohortPositions(t.db, t.catalog, retail);
    expect(batch.map((r) => r.trainee.id).sort()).toEqual([certified.id, studied.id, fresh.id, violating.id].sort());
    const level = t.catalog.level('retail')!;
    for (const { trainee, position } of batch) {
      expect(positionJson(position)).toEqual(positionJson(levelPosition(t.db, t.catalog, trainee.id, level)));
    }
    const byId = new Map(batch.map((r) => [r.trainee.id, positionJson(r.position)]));
    expect(byId.get(certified.id)).toMatchObject({ creditedMinutes: 720, totalMinutes: 1920, eligible: true });
    // bcm-intro capped at 4 h (180 min) + theory-regulation 100 min; client-development earns no
    // credit. 280 min is 6.222… h, which the rule floors to 6.22 h, i.e. 279 whole minutes.
    expect(byId.get(studied.id)).toMatchObject({ creditedMinutes: 279, totalMinutes: 414, minutes: { selfStudy: 135, faceToFace: 0, remote: 0 } });
    expect(byId.get(fresh.id)).toMatchObject({ minutes: { remote: 0 }, totalMinutes: 0, eligible: false });
    expect(byId.get(violating.id)).toMatchObject({ eligible: true }); // retail does not ask about violations
  });

  it('costs the same number of queries for 3 trainees as for 60', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const retail = cohortOf(t, a.inst.id, 'retail');
    const queriesFor = () => {
      const spy = vi.spyOn(t.db.$client, 'prepare');
      cohortPositions(t.db, t.catalog, retail);
      const n = spy.mock.calls.length;
      spy.mockRestore();
      return n;
    };
    for (let i = 0; i < 3; i++) log(t, retail, (await traineeIn(t, retail, `学员${i}`)).id, 'faceToFace', 45);
    const small = queriesFor();
    for (let i = 3; i < 60; i++) log(t, retail, (await traineeIn(t, retail, `学员${i}`)).id, 'remote', 90);
    expect(queriesFor()).toBe(small);
    expect(small).toBeLessThanOrEqual(4);
  });
});
