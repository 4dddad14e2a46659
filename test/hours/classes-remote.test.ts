import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTestApp } from '../helpers/app.js';
import { presenceStep } from '../../src/hours/attendance/remote-presence.js';
import { addSession, clockAt, entries, MIN, presence, T0, total } from './helpers.js';

// Remote sessions: the trainee's session page, "join", and presence beats → intervals → credit.

afterEach(() => vi.useRealTimers());

async function world(minutes = 100) {
  const t = await makeTestApp();
  const { a, b } = await t.twoInstitutions();
  const session = addSession(t, a.cohort, { mode: 'remote', minutes, recordingUrl: 'https://meeting.tencent.com/recording/xyz' });
  const cookie = await t.login(a.trainee.email);
  const beat = () => t.request(`/sessions/${session.id}/presence`, { method: 'POST', cookie, headers: { 'HX-Request': 'true' } });
  /** A page kept open from `from` to `to`: one beat every 30 s. */
  const stayOnline = async (from: number, to: number) => {
    for (let at = from; at <= to; at += 30_000) {
      vi.setSystemTime(at);
      expect((await beat()).status).toBe(200);
    }
  };
  return { t, a, b, session, cookie, beat, stayOnline };
}

describe('a trainee attending a remote session', () => {
  it('shows the course, times, a join button, the recording and the presence element that listens for beats', async () => {
    clockAt(T0 - 5 * MIN);
    const { t, session, cookie } = await world();
    const html = await (await t.request(`/sessions/${session.id}`, { cookie })).text();
    expect(html).toContain('银行客户经理概论');
    expect(html).toContain(`action="/sessions/${session.id}/join"`);
    expect(html).toContain('target="_blank"');
    expect(html).toContain('https://meeting.tencent.com/recording/xyz');
    expect(html).toContain(`hx-post="/sessions/${session.id}/presence"`);
    expect(html).toContain('hx-trigger="bcm:beat from:body"');
    expect(html).toContain('data-beat-passive');
  });

  it('records the start of presence on "join", then opens the meeting', async () => {
    clockAt(T0 + 1 * MIN);
    const { t, a, session, cookie } = await world();
    const res = await t.request(`/sessions/${session.id}/join`, { method: 'POST', cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('refresh')).toBe('0; url=https://meeting.tencent.com/dm/abc123');
    expect(await res.text()).toContain('href="https://meeting.tencent.com/dm/abc123"');
    expect(presence(t, session.id, a.trainee.id)).toEqual([{ startAt: T0 + MIN, endAt: T0 + MIN, source: 'platform' }]);
  });

  it('extends one interval while beats keep coming, and starts another after a silence longer than 90 s', async () => {
    clockAt(T0);
    const { t, a, session, beat, stayOnline } = await world();
    await stayOnline(T0, T0 + 10 * MIN);
    expect(presence(t, session.id, a.trainee.id)).toEqual([{ startAt: T0, endAt: T0 + 10 * MIN, source: 'platform' }]);
    vi.setSystemTime(T0 + 10 * MIN + 90_000); // exactly the idle limit: still the same interval
    await beat();
    vi.setSystemTime(T0 + 20 * MIN);
    const res = await beat();
    expect(await res.text()).toContain('已在线 11 分钟，课程结束后计 11 分钟');
    expect(presence(t, session.id, a.trainee.id)).toEqual([
      { startAt: T0, endAt: T0 + 11 * MIN + 30_000, source: 'platform' },
      { startAt: T0 + 20 * MIN, endAt: T0 + 20 * MIN, source: 'platform' },
    ]);
  });

  it('credits the whole session to a trainee present for at least 80% of it', async () => {
    clockAt(T0);
    const { t, a, session, stayOnline } = await world(100);
    await stayOnline(T0 + 10 * MIN, T0 + 90 * MIN);
    const rows = entries(t, session.id, a.trainee.id);
    expect(total(rows)).toBe(100);
    expect(rows.every((r) => r.source === 'heartbeat' && r.mode === 'remote')).toBe(true);
  });

  it('credits only the minutes attended below 80%', async () => {
    clockAt(T0);
    const { t, a, session, stayOnline } = await world(100);
    await stayOnline(T0, T0 + 50 * MIN);
    expect(total(entries(t, session.id, a.trainee.id))).toBe(50);
    // After the end, beats change nothing.
    await stayOnline(T0 + 101 * MIN + 30_000, T0 + 103 * MIN);
    expect(total(entries(t, session.id, a.trainee.id))).toBe(50);
  });

  it('refuses presence and join from trainees outside the cohort (403) or the institution (404)', async () => {
    clockAt(T0 + 5 * MIN);
    const { t, a, b, session } = await world();
    const stranger = await t.user('trainee', a.inst.id, 'stranger@a.example');
    const own = await t.login(stranger.email);
    expect((await t.request(`/sessions/${session.id}/presence`, { method: 'POST', cookie: own })).status).toBe(403);
    expect((await t.request(`/sessions/${session.id}`, { cookie: own })).status).toBe(403);
    const foreign = await t.login(b.trainee.email);
    expect((await t.request(`/sessions/${session.id}/join`, { method: 'POST', cookie: foreign })).status).toBe(404);
    expect((await t.request(`/sessions/${session.id}`, { cookie: foreign })).status).toBe(404);
    expect(t.db.$client.prepare('select count(*) n from remote_presence').get()).toEqual({ n: 0 });
  });
});

describe('presenceStep (how one beat changes the intervals)', () => {
  const window = { start: T0, end: T0 + 100 * MIN };
  it('clips a beat just before the start to the start, and ignores beats long before or after', () => {
    expect(presenceStep(undefined, T0 - 30_000, window, 90_000)).toEqual({ kind: 'start', startAt: T0, endAt: T0 });
    expect(presenceStep(undefined, T0 - 10 * MIN, window, 90_000)).toEqual({ kind: 'ignore' });
    expect(presenceStep({ id: 1, endAt: T0 + 99 * MIN }, T0 + 100 * MIN + 30_000, window, 90_000)).toEqual({ kind: 'extend', id: 1, endAt: T0 + 100 * MIN });
    expect(presenceStep({ id: 1, endAt: T0 + 50 * MIN }, T0 + 100 * MIN + 30_000, window, 90_000)).toEqual({ kind: 'ignore' });
  });
});
