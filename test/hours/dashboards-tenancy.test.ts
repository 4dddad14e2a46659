import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/app.js';
import { cohortJson, count, log } from './dashboards-fixtures.js';

// Who reaches the hours dashboards: the cohort's own admin; the office reads the JSON and the
// audit log; everyone else is refused (404 across institutions, 403 for the wrong role).

describe('dashboards tenancy', () => {
  it("answers an admin of another institution 404 for the cohort's JSON, page, trainee detail and writes", async () => {
    const t = await makeTestApp();
    const { a, b } = await t.twoInstitutions();
    log(t, a.cohort, a.trainee.id, 'faceToFace', 90);
    const cookie = await t.login(b.admin.email);
    const json = await cohortJson(t, a.cohort.id, cookie);
    expect(json.status).toBe(404);
    expect(json.type).toContain('application/json');
    expect(json.body.error).toBeTruthy();
    expect(JSON.stringify(json.body)).not.toContain(a.trainee.name);
    const page = await t.request(`/admin/cohorts/${a.cohort.id}/hours`, { cookie });
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain(a.cohort.name);
    expect((await t.request(`/admin/cohorts/${a.cohort.id}/trainees/${a.trainee.id}/hours`, { cookie })).status).toBe(404);
    const before = { entries: count(t, 'hour_entries'), audit: count(t, 'audit_log'), feeds: count(t, 'calendar_feeds') };
    const base = `/admin/cohorts/${a.cohort.id}`;
    const writes = [
      t.request(`${base}/trainees/${a.trainee.id}/corrections`, {
        method: 'POST',
        cookie,
        body: t.form({ mode: 'faceToFace', minutes: '600', reason: '入侵' }),
      }),
      t.request(`${base}/trainees/${a.trainee.id}/flags`, { method: 'POST', cookie, body: t.form({ majorViolation: '1' }) }),
      t.request(`${base}/calendar-feed`, { method: 'POST', cookie }),
    ];
    for (const res of await Promise.all(writes)) expect(res.status).toBe(404);
    expect({ entries: count(t, 'hour_entries'), audit: count(t, 'audit_log'), feeds: count(t, 'calendar_feeds') }).toEqual(before);
  });

  it('answers 404 for a trainee who is not in that cohort, even of the same institution', async () => {
    const t = await makeTestApp();
    const { a, b } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const stranger = await t.user('trainee', a.inst.id);
    expect((await t.request(`/admin/cohorts/${a.cohort.id}/trainees/${stranger.id}/hours`, { cookie })).status).toBe(404);
    expect((await t.request(`/admin/cohorts/${a.cohort.id}/trainees/${b.trainee.id}/hours`, { cookie })).status).toBe(404);
    expect((await t.request(`/admin/cohorts/${a.cohort.id}/trainees/abc/hours`, { cookie })).status).toBe(404);
  });

  it('refuses instructors and trainees with 403, and anonymous callers with 401 JSON or the login page', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    for (const email of [a.instructor.email, a.trainee.email]) {
      const cookie = await t.login(email);
      const json = await cohortJson(t, a.cohort.id, cookie);
      expect(json.status).toBe(403);
      expect(json.type).toContain('application/json');
      expect((await t.request(`/admin/cohorts/${a.cohort.id}/hours`, { cookie })).status).toBe(403);
      expect((await t.request(`/admin/cohorts/${a.cohort.id}/trainees/${a.trainee.id}/hours`, { cookie })).status).toBe(403);
      expect((await t.request('/admin/audit', { cookie })).status).toBe(403);
    }
    const anonymous = await cohortJson(t, a.cohort.id, '');
    expect(anonymous.status).toBe(401);
    expect(anonymous.type).toContain('application/json');
    const page = await t.request(`/admin/cohorts/${a.cohort.id}/hours`);
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toContain('/login');
  });

  it('lets the programme office read the JSON and the audit log of every institution, and nothing else here', async () => {
    const t = await makeTestApp();
    const { a, b } = await t.twoInstitutions();
    log(t, b.cohort, b.trainee.id, 'remote', 45);
    const office = await t.user('office', null);
    const cookie = await t.login(office.email);
    const json = await cohortJson(t, b.cohort.id, cookie);
    expect(json.status).toBe(200);
    expect(json.body.trainees[0]).toMatchObject({ id: b.trainee.id, minutes: { remote: 45 } });
    expect((await t.request('/office/audit', { cookie })).status).toBe(200);
    expect((await t.request(`/admin/cohorts/${a.cohort.id}/hours`, { cookie })).status).toBe(403);
    expect((await t.request('/admin/audit', { cookie })).status).toBe(403);
    const write = await t.request(`/admin/cohorts/${a.cohort.id}/trainees/${a.trainee.id}/flags`, {
      method: 'POST',
      cookie,
      body: t.form({ majorViolation: '1' }),
    });
    expect(write.status).toBe(403);
    expect((await t.request('/office/audit', { cookie: await t.login(a.admin.email) })).status).toBe(403);
  });
});
