import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTestApp } from '../helpers/app.js';
import { checkInCode } from '../../src/hours/rules/checkin-code.js';
import { addSession, clockAt, entries, MIN, T0 } from './helpers.js';

// A class credits time that has passed: checking in makes the trainee present, and the session's
// minutes count once it has ended — on the trainee's own totals, the cohort's, and the exports.

afterEach(() => vi.useRealTimers());

async function world(opts: { mode?: 'faceToFace' | 'remote'; minutes?: number } = {}) {
  const t = await makeTestApp();
  const { a } = await t.twoInstitutions();
  const session = addSession(t, a.cohort, { mode: opts.mode ?? 'faceToFace', minutes: opts.minutes ?? 120 });
  const trainee = await t.login(a.trainee.email);
  const admin = await t.login(a.admin.email);
  const checkIn = () =>
    t.request('/checkin', {
      method: 'POST',
      cookie: trainee,
      body: t.form({ code: checkInCode(session.checkInSecret, Date.now()), session: String(session.id) }),
    });
  /** What the trainee's own hours API says, face to face and in total. */
  const myHours = async () => {
    const res = await t.request('/api/v1/me/hours', { cookie: trainee });
    expect(res.status).toBe(200);
    const level = ((await res.json()) as { levels: { minutes: Record<string, number>; totalMinutes: number }[] }).levels[0]!;
    return { faceToFace: level.minutes.faceToFace!, remote: level.minutes.remote!, total: level.totalMinutes };
  };
  /** The same trainee's total as their institution's cohort API reports it. */
  const cohortTotal = async () => {
    const res = await t.request(`/api/v1/cohorts/${a.cohort.id}/hours`, { cookie: admin });
    const body = (await res.json()) as { trainees: { id: number; totalMinutes: number }[] };
    return body.trainees.find((r) => r.id === a.trainee.id)!.totalMinutes;
  };
  return { t, a, session, trainee, admin, checkIn, myHours, cohortTotal };
}

describe('credit for a face-to-face class', () => {
  it.each([
    ['4 minutes before the start', -4 * MIN],
    ['at the start', 0],
  ])('credits nothing on a check-in %s until the class has run, then the whole 120 minutes', async (_when, offset) => {
    clockAt(T0 + offset);
    const { t, trainee, checkIn, myHours, cohortTotal } = await world();
    expect((await checkIn()).status).toBe(303);
    expect(await myHours()).toEqual({ faceToFace: 0, remote: 0, total: 0 });
    vi.setSystemTime(T0 + 60 * MIN);
    expect(await myHours()).toEqual({ faceToFace: 0, remote: 0, total: 0 });
    expect(await cohortTotal()).toBe(0);
    // The progress page lists the check-in's row, saying it counts once the class is over.
    const progress = await (await t.request('/me/progress', { cookie: trainee })).text();
    expect(progress).toContain('课程结束后计入');
    vi.setSystemTime(T0 + 120 * MIN - 1);
    expect((await myHours()).total).toBe(0);
    vi.setSystemTime(T0 + 120 * MIN);
    expect(await myHours()).toEqual({ faceToFace: 120, remote: 0, total: 120 });
    expect(await cohortTotal()).toBe(120);
    expect(await (await t.request('/me/progress', { cookie: trainee })).text()).not.toContain('课程结束后计入');
  });

  it('gives 60 minutes when the instructor marks an early leave at minute 60, appending the change', async () => {
    clockAt(T0 - 4 * MIN);
    const { t, a, session, checkIn, myHours } = await world();
    await checkIn();
    vi.setSystemTime(T0 + 60 * MIN);
    const instructor = await t.login(a.instructor.email);
    const res = await t.request(`/sessions/${session.id}/roster/${a.trainee.id}`, {
      method: 'POST',
      cookie: instructor,
      body: t.form({ status: 'leftEarly', minutes: '60', note: '' }),
      headers: { 'HX-Request': 'true' },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('课程结束后计 60 分钟');
    expect((await myHours()).total).toBe(0);
    vi.setSystemTime(T0 + 121 * MIN);
    expect(await myHours()).toEqual({ faceToFace: 60, remote: 0, total: 60 });
    // The ledger is appended to, never rewritten: the check-in's row, then the early leave's.
    expect(entries(t, session.id, a.trainee.id).map((r) => [r.source, r.minutes])).toEqual([
      ['check-in', 120],
      ['roster', -60],
    ]);
  });

  it('leaves a running class out of the hours export of today, and puts it in once it has ended', async () => {
    clockAt(T0 + 2 * MIN);
    const { t, a, checkIn, admin } = await world();
    await checkIn();
    const exportCsv = async () => {
      const res = await t.request(`/admin/cohorts/${a.cohort.id}/proof/export?kind=hours&format=csv&from=2026-03-02&to=2026-03-02`, { cookie: admin });
      expect(res.status).toBe(200);
      const line = (await res.text()).split('\n').find((l) => l.includes(a.trainee.name))!;
      return Number(line.trim().split(',').at(-1));
    };
    expect(await exportCsv()).toBe(0);
    vi.setSystemTime(T0 + 130 * MIN);
    expect(await exportCsv()).toBe(120);
  });
});

describe('credit for a remote session', () => {
  it('never counts more than the clock: 80 % attended credits the whole session only once it has ended', async () => {
    clockAt(T0);
    const { t, session, trainee, admin, myHours } = await world({ mode: 'remote', minutes: 100 });
    const creditHeader = async () =>
      /<th scope="col" class="num">([^<]*分钟[^<]*)<\/th>\s*<\/tr>/.exec(
        await (await t.request(`/sessions/${session.id}/attendance`, { cookie: admin })).text(),
      )?.[1];
    for (let at = T0; at <= T0 + 85 * MIN; at += 30_000) {
      vi.setSystemTime(at);
      await t.request(`/sessions/${session.id}/presence`, { method: 'POST', cookie: trainee, headers: { 'HX-Request': 'true' } });
    }
    // 85 minutes have passed and the 80 % rule already grants 100: none of it counts yet.
    expect((await myHours()).total).toBe(0);
    // The instructor's table says so too: these minutes are credited when the class ends.
    expect(await creditHeader()).toBe('课程结束后计入（分钟）');
    vi.setSystemTime(T0 + 100 * MIN);
    expect(await myHours()).toEqual({ faceToFace: 0, remote: 100, total: 100 });
    expect(await creditHeader()).toBe('已计分钟');
  });
});
