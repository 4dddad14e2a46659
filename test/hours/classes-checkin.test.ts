import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTestApp } from '../helpers/app.js';
import { createCohort, enrol } from '../../src/institutions/store.js';
import { checkInCode } from '../../src/hours/rules/checkin-code.js';
import { addSession, clockAt, count, entries, marks, MIN, T0, total } from './helpers.js';

// Classroom check-in with the rotating code on the instructor's screen.

afterEach(() => vi.useRealTimers());

async function world() {
  const t = await makeTestApp();
  const { a, b } = await t.twoInstitutions();
  const session = addSession(t, a.cohort, { minutes: 90 });
  const trainee = await t.login(a.trainee.email);
  const checkIn = (code: string, sessionId?: number) =>
    t.request('/checkin', { method: 'POST', cookie: trainee, body: t.form(sessionId ? { code, session: String(sessionId) } : { code }) });
  const codeAt = (at: number) => checkInCode(session.checkInSecret, at);
  return { t, a, b, session, trainee, checkIn, codeAt };
}

describe('checking in to a face-to-face session', () => {
  it('marks a trainee who types the current code on time as present, and credits the session', async () => {
    clockAt(T0 + 2 * MIN);
    const { t, a, session, checkIn, codeAt } = await world();
    const res = await checkIn(codeAt(Date.now()));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/sessions/${session.id}`);
    expect(marks(t, session.id, a.trainee.id)).toEqual([{ status: 'present', minutes: 0, note: null, source: 'check-in' }]);
    const rows = entries(t, session.id, a.trainee.id);
    expect(rows.map((r) => [r.source, r.minutes])).toEqual([['check-in', 90]]);
  });

  it('accepts the code from the step before (read just before it rotated)', async () => {
    clockAt(T0 + 2 * MIN);
    const { t, a, session, checkIn, codeAt } = await world();
    expect((await checkIn(codeAt(Date.now() - 30_000), session.id)).status).toBe(303);
    expect(marks(t, session.id, a.trainee.id)).toHaveLength(1);
  });

  it('rejects a code two steps old with a clear message', async () => {
    clockAt(T0 + 2 * MIN);
    const { t, a, session, checkIn, codeAt } = await world();
    const res = await checkIn(codeAt(Date.now() - 60_000));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('签到码不正确或已过期');
    expect(marks(t, session.id, a.trainee.id)).toEqual([]);
  });

  it('rejects check-in outside the window (before it opens, after the end)', async () => {
    clockAt(T0 - 20 * MIN);
    const { t, a, session, checkIn, codeAt } = await world();
    const early = await checkIn(codeAt(Date.now()), session.id);
    expect(early.status).toBe(400);
    expect(await early.text()).toContain('当前不在签到时间内');
    const typed = await checkIn(codeAt(Date.now()));
    expect(await typed.text()).toContain('您当前没有正在签到的课程');
    vi.setSystemTime(T0 + 90 * MIN);
    expect((await checkIn(codeAt(Date.now()), session.id)).status).toBe(400);
    expect(marks(t, session.id, a.trainee.id)).toEqual([]);
  });

  it('opens 15 minutes before the start', async () => {
    clockAt(T0 - 15 * MIN);
    const { t, a, session, checkIn, codeAt } = await world();
    expect((await checkIn(codeAt(Date.now()))).status).toBe(303);
    expect(marks(t, session.id, a.trainee.id)[0]).toMatchObject({ status: 'present' });
  });

  it('rejects a trainee of another cohort, and answers 404 to another institution', async () => {
    clockAt(T0 + 2 * MIN);
    const { t, a, b, session, codeAt } = await world();
    const otherCohort = createCohort(t.db, { institutionId: a.inst.id, name: 'A 二班', level: 'assistant', startsOn: '2026-03-01', endsOn: '2026-06-30' });
    const outsider = await t.user('trainee', a.inst.id, 'outsider@a.example');
    enrol(t.db, otherCohort.id, outsider.id);
    const cookie = await t.login(outsider.email);
    const res = await t.request('/checkin', { method: 'POST', cookie, body: t.form({ code: codeAt(Date.now()), session: String(session.id) }) });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('您不在该课程所属的班级中');
    // Typing the code without the QR link finds none of their own sessions open.
    const typed = await t.request('/checkin', { method: 'POST', cookie, body: t.form({ code: codeAt(Date.now()) }) });
    expect(await typed.text()).toContain('您当前没有正在签到的课程');
    const foreign = await t.login(b.trainee.email);
    expect(
      (await t.request('/checkin', { method: 'POST', cookie: foreign, body: t.form({ code: codeAt(Date.now()), session: String(session.id) }) })).status,
    ).toBe(404);
    expect((await t.request(`/checkin?session=${session.id}&code=${codeAt(Date.now())}`, { cookie: foreign })).status).toBe(404);
    expect(count(t, 'attendance_marks')).toBe(0);
    expect(count(t, 'hour_entries')).toBe(0);
  });

  it('marks a late check-in as late by the minutes since the start', async () => {
    clockAt(T0 + 12 * MIN + 30_000);
    const { t, a, session, checkIn, codeAt } = await world();
    const res = await checkIn(codeAt(Date.now()));
    expect(res.status).toBe(303);
    expect(marks(t, session.id, a.trainee.id)).toEqual([{ status: 'late', minutes: 13, note: null, source: 'check-in' }]);
    expect(total(entries(t, session.id, a.trainee.id))).toBe(90 - 13);
  });

  it('does not credit twice when the trainee checks in again', async () => {
    clockAt(T0 + 2 * MIN);
    const { t, a, session, checkIn, codeAt } = await world();
    await checkIn(codeAt(Date.now()));
    vi.setSystemTime(T0 + 20 * MIN);
    const again = await checkIn(codeAt(Date.now()));
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('已有您的出勤记录（出勤）');
    expect(marks(t, session.id, a.trainee.id)).toHaveLength(1);
    expect(total(entries(t, session.id, a.trainee.id))).toBe(90);
  });

  it('asks for confirmation when the QR link is opened, and records only on the button’s POST', async () => {
    clockAt(T0 + 1 * MIN);
    const { t, a, session, trainee, codeAt } = await world();
    const code = codeAt(Date.now());
    const page = await t.request(`/checkin?session=${session.id}&code=${code}`, { cookie: trainee });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('确认签到');
    expect(html).toContain('面授：客户经理的角色');
    expect(count(t, 'attendance_marks')).toBe(0);
    const res = await t.request('/checkin', { method: 'POST', cookie: trainee, body: t.form({ session: String(session.id), code }) });
    expect(res.status).toBe(303);
    expect(marks(t, session.id, a.trainee.id)).toHaveLength(1);
  });

  it('pauses check-in after ten wrong codes', async () => {
    clockAt(T0 + 2 * MIN);
    const { t, a, session, checkIn, codeAt } = await world();
    const right = codeAt(Date.now());
    const wrong = right === '000000' ? '000001' : '000000';
    for (let i = 0; i < 10; i++) await checkIn(wrong);
    const res = await checkIn(right);
    expect(res.status).toBe(429);
    expect(await res.text()).toContain('签到码错误次数过多');
    expect(marks(t, session.id, a.trainee.id)).toEqual([]);
  });
});

describe('the classroom screen', () => {
  it('shows the instructor the current code, a QR code to the check-in link and the seconds left', async () => {
    clockAt(T0 + 10_000);
    const { t, a, session, codeAt } = await world();
    const cookie = await t.login(a.instructor.email);
    const page = await (await t.request(`/sessions/${session.id}/screen`, { cookie })).text();
    expect(page).toContain(codeAt(Date.now()));
    expect(page).toContain('<svg');
    expect(page).toContain(`hx-get="/sessions/${session.id}/screen/code"`);
    expect(page).toContain('hx-trigger="every 5s"');
    expect(page).toContain('20 秒后更换签到码');
    vi.setSystemTime(T0 + 45_000);
    const fragment = await (await t.request(`/sessions/${session.id}/screen/code`, { cookie, headers: { 'HX-Request': 'true' } })).text();
    expect(fragment).not.toContain('<html');
    expect(fragment).toContain(codeAt(Date.now()));
    expect(fragment).toContain('15 秒后更换签到码');
  });

  it('shows no code before check-in opens', async () => {
    clockAt(T0 - 60 * MIN);
    const { t, a, session, codeAt } = await world();
    const page = await (await t.request(`/sessions/${session.id}/screen`, { cookie: await t.login(a.instructor.email) })).text();
    expect(page).toContain('签到将于');
    expect(page).not.toContain(codeAt(Date.now()));
  });

  it('never shows the code or the secret on a page a trainee can open', async () => {
    clockAt(T0 + 3 * MIN);
    const { t, session, trainee, codeAt } = await world();
    const code = codeAt(Date.now());
    const previous = codeAt(Date.now() - 30_000);
    const secrets = [session.checkInSecret.toString('hex'), session.checkInSecret.toString('base64'), session.checkInSecret.toString('base64url')];
    for (const path of ['/sessions', `/sessions/${session.id}`, '/checkin', '/me']) {
      const res = await t.request(path, { cookie: trainee });
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).not.toContain(code);
      expect(html, path).not.toContain(previous);
      for (const s of secrets) expect(html, path).not.toContain(s);
    }
    expect((await t.request(`/sessions/${session.id}/screen`, { cookie: trainee })).status).toBe(403);
    expect((await t.request(`/sessions/${session.id}/screen/code`, { cookie: trainee })).status).toBe(403);
  });
});
