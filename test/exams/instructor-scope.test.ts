import { describe, expect, it } from 'vitest';
import * as people from '../../src/institutions/store.js';
import type { TestApp } from '../helpers/app.js';
import { attemptRow, blueprintDir, examApp, start, TINY_BLUEPRINT } from '../helpers/exams.js';

// Instructors see and act on the exams of trainees in the cohorts they are assigned to, and of no
// one else in their institution; the institution's admin sees the whole institution.

/**
 * Institution A gets a second cohort with its own instructor and trainee, and an instructor
 * assigned to no cohort. A's first cohort keeps its trainee (signed in as s.cookie) and instructor.
 */
async function scoped(env: Record<string, string> = {}) {
  const s = await examApp(env);
  const { t, a } = s;
  const cohort2 = people.createCohort(t.db, { institutionId: a.inst.id, name: 'A 二班', level: 'assistant', startsOn: '2026-03-01', endsOn: '2026-06-30' });
  const otherInstructor = await t.user('instructor', a.inst.id, 'wu@a.example');
  const otherTrainee = await t.user('trainee', a.inst.id, 'zhou@a.example');
  people.enrol(t.db, cohort2.id, otherTrainee.id);
  people.assignInstructor(t.db, cohort2.id, otherInstructor.id);
  const spare = await t.user('instructor', a.inst.id, 'zheng@a.example');
  return {
    ...s,
    cohort2,
    otherTrainee,
    cookies: {
      own: await t.login(a.instructor.email),
      other: await t.login(otherInstructor.email),
      spare: await t.login(spare.email),
      admin: await t.login(a.admin.email),
    },
  };
}

const grant = (t: TestApp, cookie: string, traineeId: number, minutes = '20', examKey = 'assistant-mock') =>
  t.request('/exams/grants', { method: 'POST', cookie, body: t.form({ traineeId: String(traineeId), examKey, minutes, reason: '听力障碍' }) });

const grantRows = (t: TestApp) => t.db.$client.prepare('select trainee_id, extra_minutes from extra_time_grants order by id').all();

async function submit(t: TestApp, cookie: string, id: number) {
  expect((await t.request(`/exams/attempts/${id}/submit`, { method: 'POST', cookie, body: t.form({ pending: '' }) })).status).toBe(303);
}

describe('instructors in exams', () => {
  it('refuses a trainee’s running attempt and result to an instructor with no cohort and to one of another cohort', async () => {
    const s = await scoped();
    const { t, cookies } = s;
    const id = await start(t, s.cookie);
    const status = async (cookie: string) => (await t.request(`/exams/attempts/${id}`, { cookie })).status;

    expect(await status(cookies.spare)).toBe(404);
    expect(await status(cookies.other)).toBe(404);
    expect(await status(cookies.own)).toBe(200);
    expect(await status(cookies.admin)).toBe(200);

    await submit(t, s.cookie, id);
    const spare = await t.request(`/exams/attempts/${id}`, { cookie: cookies.spare });
    expect(spare.status).toBe(404);
    expect(await spare.text()).not.toContain('data-testid="score"');
    expect(await status(cookies.other)).toBe(404);
    const own = await t.request(`/exams/attempts/${id}`, { cookie: cookies.own });
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('data-testid="score"');
    expect(await status(cookies.admin)).toBe(200);
  });

  it('lets the cohort’s instructor open an attempt sat in the cohort after the trainee has left it', async () => {
    const s = await scoped();
    const { t, a, cookies } = s;
    const id = await start(t, s.cookie);
    await submit(t, s.cookie, id);
    t.db.$client.prepare('delete from enrolments where cohort_id = ? and user_id = ?').run(a.cohort.id, a.trainee.id);
    // The analytics of the cohort still list the attempt and link to it.
    expect((await t.request(`/exams/attempts/${id}`, { cookie: cookies.own })).status).toBe(200);
    expect((await t.request(`/exams/attempts/${id}`, { cookie: cookies.other })).status).toBe(404);
  });

  it('lists on the grants page only the trainees and grants of the instructor’s own cohorts', async () => {
    const s = await scoped();
    const { t, a, cookies, otherTrainee } = s;
    expect((await grant(t, cookies.admin, a.trainee.id, '15')).status).toBe(303);
    expect((await grant(t, cookies.admin, otherTrainee.id, '25')).status).toBe(303);
    const grantsPage = async (cookie: string) => {
      const res = await t.request('/exams/grants', { cookie });
      expect(res.status).toBe(200);
      return res.text();
    };

    const spare = await grantsPage(cookies.spare);
    expect(spare).not.toContain(a.trainee.email);
    expect(spare).not.toContain(otherTrainee.email);
    expect(spare).toContain('暂无延时记录。');
    expect(spare).toContain('为您所带班级中学员');

    const other = await grantsPage(cookies.other);
    expect(other).not.toContain(a.trainee.email);
    expect(other).toContain(otherTrainee.email);
    expect(other).toContain('>25<');
    expect(other).not.toContain('>15<');

    const own = await grantsPage(cookies.own);
    expect(own).toContain(a.trainee.email);
    expect(own).not.toContain(otherTrainee.email);
    expect(own).toContain('>15<');

    const admin = await grantsPage(cookies.admin);
    for (const email of [a.trainee.email, otherTrainee.email]) expect(admin).toContain(email);
    expect(admin).not.toContain(s.b.trainee.email);
  });

  it('refuses extra time for a trainee outside the instructor’s cohorts and leaves the running deadline as it was', async () => {
    const s = await scoped();
    const { t, a, cookies } = s;
    const id = await start(t, s.cookie);
    const deadline = attemptRow(t, id).deadline_at;

    for (const cookie of [cookies.spare, cookies.other]) {
      const res = await grant(t, cookie, a.trainee.id);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('找不到该学员。');
    }
    // Exactly the answer for a trainee who does not exist.
    expect((await grant(t, cookies.spare, 999_999)).status).toBe(404);
    expect(attemptRow(t, id).deadline_at).toBe(deadline);
    expect(grantRows(t)).toEqual([]);

    expect((await grant(t, cookies.own, a.trainee.id)).status).toBe(303);
    expect(attemptRow(t, id).deadline_at).toBe(deadline! + 20 * 60_000);
    expect((await grant(t, cookies.admin, a.trainee.id, '5')).status).toBe(303);
    expect(attemptRow(t, id).deadline_at).toBe(deadline! + 25 * 60_000);
    expect(grantRows(t)).toEqual([
      { trainee_id: a.trainee.id, extra_minutes: 20 },
      { trainee_id: a.trainee.id, extra_minutes: 5 },
    ]);
  });

  it('keeps analytics and the results export of a cohort to its own instructors and the admin', async () => {
    const s = await scoped({ COURSES_DIR: blueprintDir(TINY_BLUEPRINT) });
    const { t, a, cohort2, cookies, otherTrainee } = s;
    const id = await start(t, s.cookie, 'tiny-mock');
    await submit(t, s.cookie, id);
    const paths = (cohortId: number) =>
      ['', '/tiny-mock', '/tiny-mock/items', '/tiny-mock/results.csv', '/tiny-mock/results.xlsx'].map((p) => `/cohorts/${cohortId}/exams${p}`);
    const statuses = async (cohortId: number, cookie: string) => Promise.all(paths(cohortId).map(async (p) => (await t.request(p, { cookie })).status));

    expect(await statuses(a.cohort.id, cookies.spare)).toEqual([403, 403, 403, 403, 403]);
    expect(await statuses(a.cohort.id, cookies.other)).toEqual([403, 403, 403, 403, 403]);
    expect(await statuses(a.cohort.id, cookies.own)).toEqual([200, 200, 200, 200, 200]);
    expect(await statuses(a.cohort.id, cookies.admin)).toEqual([200, 200, 200, 200, 200]);

    // The other instructor's own cohort: their trainee, and nobody from the first cohort.
    for (const p of [`/cohorts/${cohort2.id}/exams/tiny-mock`, `/cohorts/${cohort2.id}/exams/tiny-mock/results.csv`]) {
      const res = await t.request(p, { cookie: cookies.other });
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain(otherTrainee.email);
      expect(body).not.toContain(a.trainee.email);
      expect(body).not.toContain(`/exams/attempts/${id}"`);
    }
    const own = await (await t.request(`/cohorts/${a.cohort.id}/exams/tiny-mock/results.csv`, { cookie: cookies.own })).text();
    expect(own).toContain(a.trainee.email);
    expect(own).not.toContain(otherTrainee.email);
  });

  it('keeps the wrong-answer notebook, history and practice pages to the trainee', async () => {
    const s = await scoped();
    const { t, cookies } = s;
    for (const cookie of [cookies.own, cookies.spare, cookies.admin]) {
      for (const p of ['/exams/notebook', '/exams/history']) expect((await t.request(p, { cookie })).status).toBe(403);
    }
  });
});
