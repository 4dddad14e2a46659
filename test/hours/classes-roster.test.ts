import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTestApp } from '../helpers/app.js';
import { addCorrection } from '../../src/hours/ledger/ledger.js';
import { addSession, clockAt, entries, marks, MIN, T0, total } from './helpers.js';

// The face-to-face roster: each saved row appends a mark, and the ledger follows it by deltas.

afterEach(() => vi.useRealTimers());

async function world() {
  const t = await makeTestApp();
  const { a, b } = await t.twoInstitutions();
  const session = addSession(t, a.cohort, { minutes: 90 });
  const cookie = await t.login(a.instructor.email);
  const save = (fields: Record<string, string>, htmx = false) =>
    t.request(`/sessions/${session.id}/roster/${a.trainee.id}`, {
      method: 'POST',
      cookie,
      body: t.form(fields),
      headers: htmx ? { 'HX-Request': 'true' } : {},
    });
  return { t, a, b, session, cookie, save };
}

describe('taking the roster of a face-to-face session', () => {
  it('shows each roll call in the ledger as a sentence with what it credited, not as stored fields', async () => {
    clockAt(T0 + 100 * MIN);
    const { t, a, save } = await world();
    await save({ status: 'present', minutes: '', note: '' }, true);
    await save({ status: 'late', minutes: '10', note: '' }, true);
    const html = await (await t.request(`/admin/cohorts/${a.cohort.id}/trainees/${a.trainee.id}/hours`, { cookie: await t.login(a.admin.email) })).text();
    const ledger = html.split('data-testid="ledger"')[1]!;
    expect(ledger).toContain('面授点名：出席，计 90 分钟');
    expect(ledger).toContain('面授点名：迟到 10 分钟，计 80 分钟');
    expect(ledger).not.toMatch(/markId|status: /);
  });

  it('turns present → late 10 → absent into ledger entries +90, −10, −80 that always add up to the roster', async () => {
    clockAt(T0 + 100 * MIN);
    const { t, a, session, save } = await world();
    expect((await save({ status: 'present', minutes: '', note: '' }, true)).status).toBe(200);
    expect(total(entries(t, session.id, a.trainee.id))).toBe(90);
    expect((await save({ status: 'late', minutes: '10', note: '地铁延误' }, true)).status).toBe(200);
    expect(total(entries(t, session.id, a.trainee.id))).toBe(80);
    expect((await save({ status: 'absent', minutes: '', note: '' })).status).toBe(303);
    const rows = entries(t, session.id, a.trainee.id);
    expect(rows.map((r) => r.minutes)).toEqual([90, -10, -80]);
    expect(total(rows)).toBe(0);
    expect(rows[0]).toMatchObject({
      source: 'roster',
      mode: 'faceToFace',
      level: 'assistant',
      course_slug: 'bcm-intro',
      cohort_id: a.cohort.id,
      recorded_by: a.instructor.id,
    });
    expect(JSON.parse(rows[1]!.evidence!)).toMatchObject({ status: 'late', minutes: 10 });
    // Marks are appended, never changed; the newest one is the status.
    expect(marks(t, session.id, a.trainee.id)).toEqual([
      { status: 'present', minutes: 0, note: null, source: 'roster' },
      { status: 'late', minutes: 10, note: '地铁延误', source: 'roster' },
      { status: 'absent', minutes: 0, note: null, source: 'roster' },
    ]);
  });

  it('keeps an admin’s correction on top when the roster changes later', async () => {
    const { t, a, session, save } = await world();
    await save({ status: 'present' }, true);
    addCorrection(t.db, {
      traineeId: a.trainee.id,
      institutionId: a.inst.id,
      cohortId: a.cohort.id,
      level: 'assistant',
      mode: 'faceToFace',
      minutes: 15,
      reason: '课后补课 15 分钟',
      actorId: a.admin.id,
      sessionId: session.id,
    });
    await save({ status: 'late', minutes: '10' }, true);
    const rows = entries(t, session.id, a.trainee.id);
    expect(rows.map((r) => [r.source, r.minutes])).toEqual([
      ['roster', 90],
      ['correction', 15],
      ['roster', -10],
    ]);
    expect(total(rows)).toBe(80 + 15);
  });

  it('swaps the saved row in place over htmx, and redirects a plain form post back to the roster', async () => {
    const { session, a, save } = await world();
    const fragment = await save({ status: 'leftEarly', minutes: '30', note: '' }, true);
    const html = await fragment.text();
    expect(html.startsWith(`<form id="roster-${a.trainee.id}"`)).toBe(true);
    expect(html).not.toContain('<html');
    expect(html).toContain('已保存。');
    expect(html).toContain('早退 30 分钟');
    expect(html).toContain('已计 60 分钟');
    const plain = await save({ status: 'present' });
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`/sessions/${session.id}/attendance#roster-${a.trainee.id}`);
  });

  it('names the missing minutes of a late arrival and records nothing', async () => {
    const { t, a, session, save } = await world();
    const res = await save({ status: 'late', minutes: '' }, true);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('状态为“迟到”时须填写“迟到/早退分钟数”。');
    const tooMany = await save({ status: 'leftEarly', minutes: '91' });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain('“迟到/早退分钟数”应为 0 到 90 之间的整数。');
    expect(marks(t, session.id, a.trainee.id)).toEqual([]);
    expect(entries(t, session.id, a.trainee.id)).toEqual([]);
  });

  it('shows each enrolled trainee with status and minutes credited on the attendance view', async () => {
    const { t, session, cookie, save } = await world();
    await save({ status: 'late', minutes: '5' }, true);
    const html = await (await t.request(`/sessions/${session.id}/attendance`, { cookie })).text();
    expect(html).toContain('trainee 用户');
    expect(html).toContain('迟到 5 分钟 · 讲师点名');
    expect(html).toContain('已计 85 分钟');
    expect(html).toContain(`hx-post="/sessions/${session.id}/roster/`);
  });

  it('refuses to mark someone who is not enrolled in the cohort', async () => {
    const { t, b, session, cookie } = await world();
    const res = await t.request(`/sessions/${session.id}/roster/${b.trainee.id}`, { method: 'POST', cookie, body: t.form({ status: 'present' }) });
    expect(res.status).toBe(404);
    expect(marks(t, session.id, b.trainee.id)).toEqual([]);
  });
});
