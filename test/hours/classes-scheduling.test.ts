import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/app.js';
import { createCohort } from '../../src/institutions/store.js';
import { addSession, count, MIN, T0 } from './helpers.js';

// Scheduling face-to-face and remote sessions, and who may see or change a cohort's sessions.

const faceToFace = {
  mode: 'faceToFace',
  courseSlug: 'bcm-intro',
  title: '第一讲：客户经理的角色与职责',
  room: '301 教室',
  startsAt: '2026-03-02T09:00',
  endsAt: '2026-03-02T10:30',
  meetingUrl: '',
  recordingUrl: '',
};

describe('scheduling a session', () => {
  it('lets an assigned instructor schedule a face-to-face session, reading the times as Beijing time', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.instructor.email);
    const res = await t.request(`/cohorts/${a.cohort.id}/sessions`, { method: 'POST', cookie, body: t.form(faceToFace) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/cohorts/${a.cohort.id}/sessions`);
    const row = t.db.$client.prepare('select * from class_sessions').get() as Record<string, unknown>;
    expect(row).toMatchObject({ mode: 'faceToFace', course_slug: 'bcm-intro', room: '301 教室', meeting_url: null, starts_at: T0, ends_at: T0 + 90 * MIN });
    expect((row.check_in_secret as Buffer).length).toBe(32);
    const list = await (await t.request(`/cohorts/${a.cohort.id}/sessions`, { cookie })).text();
    expect(list).toContain(faceToFace.title);
    expect(list).toContain('301 教室');
  });

  it('lets the institution admin schedule a remote session with a Tencent Meeting link', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const res = await t.request(`/cohorts/${a.cohort.id}/sessions`, {
      method: 'POST',
      cookie,
      body: t.form({ ...faceToFace, mode: 'remote', room: '', meetingUrl: 'https://meeting.tencent.com/dm/AbC123', title: '远程：政策法规' }),
    });
    expect(res.status).toBe(303);
    const row = t.db.$client.prepare('select mode, room, meeting_url, recording_url from class_sessions').get();
    expect(row).toEqual({ mode: 'remote', room: null, meeting_url: 'https://meeting.tencent.com/dm/AbC123', recording_url: null });
    expect(count(t, 'audit_log')).toBe(1);
  });

  it('names every bad field in the reader’s language and saves nothing', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.instructor.email);
    const bad = {
      ...faceToFace,
      mode: 'remote',
      title: '',
      startsAt: '2026-03-02T10:00',
      endsAt: '2026-03-02T09:00',
      meetingUrl: 'http://meeting.tencent.com/dm/1',
      courseSlug: 'wealth-management',
    };
    const zh = await t.request(`/cohorts/${a.cohort.id}/sessions`, { method: 'POST', cookie, body: t.form(bad) });
    expect(zh.status).toBe(400);
    const html = await zh.text();
    expect(html).toContain('“课程主题”为必填项。');
    expect(html).toContain('“课程”的取值无效。');
    expect(html).toContain('“结束时间”必须晚于“开始时间”。');
    expect(html).toContain('“会议链接”必须是以 https:// 开头的有效网址。');
    const en = await t.request(`/cohorts/${a.cohort.id}/sessions`, {
      method: 'POST',
      cookie: `${cookie}; bcm_lang=en`,
      body: t.form({ ...faceToFace, room: '', startsAt: '2026-02-30T09:00' }),
    });
    const enHtml = await en.text();
    expect(en.status).toBe(400);
    expect(enHtml).toContain('“Room” is required.');
    expect(enHtml).toContain('“Starts” is not a valid date and time.');
    const remote = await t.request(`/cohorts/${a.cohort.id}/sessions`, { method: 'POST', cookie, body: t.form({ ...faceToFace, mode: 'remote' }) });
    expect(await remote.text()).toContain('远程课程至少需要填写“会议链接”或“回放链接”之一。');
    expect(count(t, 'class_sessions')).toBe(0);
    expect(count(t, 'audit_log')).toBe(0);
  });
});

describe('who may reach a cohort’s sessions', () => {
  it('answers 404 to an instructor of institution A for B’s cohort and B’s sessions, and writes nothing', async () => {
    const t = await makeTestApp();
    const { a, b } = await t.twoInstitutions();
    const theirs = addSession(t, b.cohort, { title: 'B 机构的课' });
    const cookie = await t.login(a.instructor.email);
    expect((await t.request(`/cohorts/${b.cohort.id}/sessions`, { cookie })).status).toBe(404);
    expect((await t.request(`/cohorts/${b.cohort.id}/sessions/new`, { cookie })).status).toBe(404);
    expect((await t.request(`/cohorts/${b.cohort.id}/sessions`, { method: 'POST', cookie, body: t.form(faceToFace) })).status).toBe(404);
    for (const path of ['attendance', 'screen', 'screen/code']) {
      const res = await t.request(`/sessions/${theirs.id}/${path}`, { cookie });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('B 机构的课');
    }
    const roster = await t.request(`/sessions/${theirs.id}/roster/${b.trainee.id}`, { method: 'POST', cookie, body: t.form({ status: 'present' }) });
    expect(roster.status).toBe(404);
    expect(count(t, 'class_sessions')).toBe(1);
    expect(count(t, 'attendance_marks')).toBe(0);
    // B's admin is just as foreign to A.
    const admin = await t.login(b.admin.email);
    expect((await t.request(`/cohorts/${a.cohort.id}/sessions`, { cookie: admin })).status).toBe(404);
  });

  it('refuses an unassigned instructor of the same institution (403) and a trainee (403)', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const other = createCohort(t.db, { institutionId: a.inst.id, name: 'A 二班', level: 'retail', startsOn: '2026-04-01', endsOn: '2026-06-30' });
    const session = addSession(t, other);
    const instructor = await t.login(a.instructor.email);
    expect((await t.request(`/cohorts/${other.id}/sessions`, { cookie: instructor })).status).toBe(403);
    expect((await t.request(`/cohorts/${other.id}/sessions`, { method: 'POST', cookie: instructor, body: t.form(faceToFace) })).status).toBe(403);
    expect((await t.request(`/sessions/${session.id}/attendance`, { cookie: instructor })).status).toBe(403);
    const trainee = await t.login(a.trainee.email);
    expect((await t.request(`/cohorts/${a.cohort.id}/sessions`, { cookie: trainee })).status).toBe(403);
    expect((await t.request(`/cohorts/${a.cohort.id}/sessions`, { method: 'POST', cookie: trainee, body: t.form(faceToFace) })).status).toBe(403);
    expect(count(t, 'class_sessions')).toBe(1);
  });

  it('links the sessions from the instructor’s and the admin’s cohort pages', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const href = `/cohorts/${a.cohort.id}/sessions`;
    expect(await (await t.request(`/instructor/cohorts/${a.cohort.id}`, { cookie: await t.login(a.instructor.email) })).text()).toContain(href);
    expect(await (await t.request(`/admin/cohorts/${a.cohort.id}`, { cookie: await t.login(a.admin.email) })).text()).toContain(href);
  });
});
