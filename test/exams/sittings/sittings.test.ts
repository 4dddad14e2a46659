import { describe, expect, it } from 'vitest';
import * as people from '../../../src/institutions/store.js';
import { insertSitting } from '../../../src/exams/sittings/store.js';
import { toDateTimeLocal } from '../../../src/platform/zoned-time.js';
import type { TestApp } from '../../helpers/app.js';
import { attemptRow, examApp } from '../../helpers/exams.js';

// Scheduled sittings (统一模拟考) over HTTP against a real database: the window and the latest start,
// the review held until the close, tenancy of the staff routes, who may write integrity signals,
// the departure limit, and the schedule form's refusals.

const MIN = 60_000;
type S = Awaited<ReturnType<typeof examApp>>;

function sitting(s: S, o: Partial<Parameters<typeof insertSitting>[1]> = {}) {
  const now = Date.now();
  return insertSitting(s.t.db, {
    institutionId: s.a.inst.id,
    cohortId: s.a.cohort.id,
    examKey: 'assistant-mock',
    opensAt: now - 5 * MIN,
    closesAt: now + 60 * MIN,
    latestStartAt: now + 10 * MIN,
    timeLimitMinutes: 30,
    review: 'full',
    candidates: null,
    maxDepartures: null,
    maxAwaySeconds: null,
    createdBy: s.a.admin.id,
    createdAt: now,
    ...o,
  });
}

const startIn = (t: TestApp, cookie: string, id: number) => t.request(`/exams/sittings/${id}/start`, { method: 'POST', cookie });
const attemptIdOf = (res: Response) => Number(/\/exams\/attempts\/(\d+)$/.exec(res.headers.get('location') ?? '')![1]);
const signal = (t: TestApp, cookie: string, id: number, data: Record<string, string>, headers: Record<string, string> = {}) =>
  t.request(`/exams/attempts/${id}/signals`, { method: 'POST', cookie, body: new URLSearchParams(data), headers });
const signalCount = (t: TestApp) => (t.db.$client.prepare('select count(*) n from attempt_signals').get() as { n: number }).n;
const sittingCount = (t: TestApp) => (t.db.$client.prepare('select count(*) n from exam_sittings').get() as { n: number }).n;

describe('a scheduled sitting', () => {
  it('refuses a start before the window opens and after it closes, with the time', async () => {
    const s = await examApp();
    const early = sitting(s, { opensAt: Date.now() + 60 * MIN, latestStartAt: Date.now() + 70 * MIN, closesAt: Date.now() + 120 * MIN });
    const res = await startIn(s.t, s.cookie, early);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('还不能开考');
    const over = sitting(s, { opensAt: Date.now() - 120 * MIN, latestStartAt: Date.now() - 110 * MIN, closesAt: Date.now() - 60 * MIN });
    const res2 = await startIn(s.t, s.cookie, over);
    expect(res2.status).toBe(409);
    expect(await res2.text()).toContain('已于');
    expect(s.t.db.$client.prepare('select count(*) n from exam_attempts').get()).toEqual({ n: 0 });
  });

  it('refuses a start after the latest start with a clear message, and shows the window on the 考前须知', async () => {
    const s = await examApp();
    const id = sitting(s, { opensAt: Date.now() - 30 * MIN, latestStartAt: Date.now() - 15 * MIN, maxDepartures: 3 });
    const notice = await (await s.t.request(`/exams/sittings/${id}`, { cookie: s.cookie })).text();
    expect(notice).toContain('迟到禁止入场');
    expect(notice).toContain('离开考试页面超过 3 次');
    const res = await startIn(s.t, s.cookie, id);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('data-testid="sitting-refusal"');
    expect(html).toContain('迟到禁止入场：本场考试');
  });

  it('starts inside the window with the deadline capped at the close, and holds the review until the window closes', async () => {
    const s = await examApp();
    const id = sitting(s, { closesAt: Date.now() + 20 * MIN });
    const res = await startIn(s.t, s.cookie, id);
    expect(res.status).toBe(303);
    const attemptId = attemptIdOf(res);
    const row = attemptRow(s.t, attemptId);
    expect(row.deadline_at).toBeLessThanOrEqual(Date.now() + 20 * MIN);
    const paper = await (await s.t.request(`/exams/attempts/${attemptId}`, { cookie: s.cookie })).text();
    expect(paper).toContain('data-sitting="1"');
    expect(paper).toContain('data-testid="watermark"');
    expect(paper).toMatch(/data-mark="[^"]*\d[^"]*"/); // the candidate number is in the mark

    await s.t.request(`/exams/attempts/${attemptId}/submit`, { method: 'POST', cookie: s.cookie, body: s.t.form({ pending: '' }) });
    const held = await s.t.request(`/exams/attempts/${attemptId}`, { cookie: s.cookie });
    expect(held.status).toBe(200);
    const heldHtml = await held.text();
    expect(heldHtml).toContain('data-testid="sitting-held"');
    expect(heldHtml).not.toContain('data-testid="score"');
    expect(heldHtml).not.toContain('review-h');
    // Nor do the history (no score) and the wrong-answer notebook (no misses) give it away.
    const history = await (await s.t.request('/exams/history', { cookie: s.cookie })).text();
    expect(history).toContain(`/exams/attempts/${attemptId}`);
    expect(history).not.toMatch(/class="num">\d+ \/ \d+/);
    const notebook = () => s.t.request('/exams/notebook', { cookie: s.cookie }).then((r) => r.text());
    expect(await notebook()).not.toContain(`/exams/attempts/${attemptId}?only=wrong`);
    // The cohort's instructor sees the result at once.
    const staff = await s.t.request(`/exams/attempts/${attemptId}`, { cookie: await s.t.login(s.a.instructor.email) });
    expect(await staff.text()).toContain('data-testid="score"');

    s.t.db.$client
      .prepare('update exam_sittings set closes_at = ?, latest_start_at = ?, opens_at = ? where id = ?')
      .run(Date.now() - 1000, Date.now() - 2000, Date.now() - 3000, id);
    const shown = await (await s.t.request(`/exams/attempts/${attemptId}`, { cookie: s.cookie })).text();
    expect(shown).not.toContain('data-testid="sitting-held"');
    expect(shown).toContain('data-testid="score"');
    expect(await notebook()).toContain(`/exams/attempts/${attemptId}?only=wrong`);
  });

  it('shows only the score after the close when the sitting says so', async () => {
    const s = await examApp();
    const id = sitting(s, { review: 'score' });
    const attemptId = attemptIdOf(await startIn(s.t, s.cookie, id));
    await s.t.request(`/exams/attempts/${attemptId}/submit`, { method: 'POST', cookie: s.cookie, body: s.t.form({ pending: '' }) });
    s.t.db.$client.prepare('update exam_sittings set closes_at = ? where id = ?').run(Date.now() - 1000, id);
    const html = await (await s.t.request(`/exams/attempts/${attemptId}`, { cookie: s.cookie })).text();
    expect(html).toContain('data-testid="score"');
    expect(html).toContain('只公布成绩');
    expect(html).not.toContain('review-h');
  });

  it('refuses another institution’s cohort (404) and an unassigned instructor (403) on the schedule and the live room', async () => {
    const s = await examApp();
    const id = sitting(s);
    const bAdmin = await s.t.login(s.b.admin.email);
    const bInstructor = await s.t.login(s.b.instructor.email);
    const spare = await s.t.login((await s.t.user('instructor', s.a.inst.id, 'spare@a.example')).email);
    const base = `/cohorts/${s.a.cohort.id}/sittings`;
    for (const cookie of [bAdmin, bInstructor]) {
      expect((await s.t.request(base, { cookie })).status).toBe(404);
      expect((await s.t.request(`${base}/${id}`, { cookie })).status).toBe(404);
      expect((await s.t.request(`${base}/${id}/live`, { cookie })).status).toBe(404);
      expect((await s.t.request(`${base}/${id}/results.csv`, { cookie })).status).toBe(404);
    }
    expect((await s.t.request(`${base}/${id}`, { cookie: spare })).status).toBe(403);
    const before = sittingCount(s.t);
    const post = await s.t.request(base, { method: 'POST', cookie: bAdmin, body: s.t.form({ exam: 'assistant-mock' }) });
    expect(post.status).toBe(404);
    expect(sittingCount(s.t)).toBe(before);
    // A's sitting under B's own cohort URL is not found either.
    expect((await s.t.request(`/cohorts/${s.b.cohort.id}/sittings/${id}`, { cookie: bAdmin })).status).toBe(404);
    // The cohort's own staff get in.
    expect((await s.t.request(`${base}/${id}`, { cookie: await s.t.login(s.a.instructor.email) })).status).toBe(200);
    expect((await s.t.request(`${base}/${id}/live`, { cookie: await s.t.login(s.a.admin.email) })).status).toBe(200);
  });

  it('lets only the attempt’s own trainee write its signals, with the origin check', async () => {
    const s = await examApp();
    const id = sitting(s);
    const attemptId = attemptIdOf(await startIn(s.t, s.cookie, id));
    const classmate = await s.t.user('trainee', s.a.inst.id, 'mate@a.example');
    people.enrol(s.t.db, s.a.cohort.id, classmate.id);
    const others = [
      await s.t.login(classmate.email),
      await s.t.login(s.b.trainee.email),
      await s.t.login(s.a.instructor.email),
      await s.t.login(s.a.admin.email),
    ];
    for (const cookie of others) {
      const res = await signal(s.t, cookie, attemptId, { kind: 'away', token: 'abcdefgh-1234' });
      expect([403, 404]).toContain(res.status);
    }
    // Without our Origin (a cross-site form): refused by the CSRF check.
    const forged = await signal(s.t, s.cookie, attemptId, { kind: 'away', token: 'abcdefgh-1234' }, { Origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    const big = await signal(s.t, s.cookie, attemptId, { kind: 'away', token: 'x'.repeat(5000) });
    expect(big.status).toBe(413);
    expect(signalCount(s.t)).toBe(0);
    const own = await signal(s.t, s.cookie, attemptId, { kind: 'away', token: 'abcdefgh-1234', detail: 'hidden' });
    expect(own.status).toBe(200);
    expect(await own.json()).toEqual({ closed: false });
    expect(signalCount(s.t)).toBe(1);
  });

  it('records a second tab or device when a new page token reports while another is active', async () => {
    const s = await examApp();
    const attemptId = attemptIdOf(await startIn(s.t, s.cookie, sitting(s)));
    await signal(s.t, s.cookie, attemptId, { kind: 'beat', token: 'tab-one-0001' });
    await signal(s.t, s.cookie, attemptId, { kind: 'beat', token: 'tab-one-0001' });
    expect(signalCount(s.t)).toBe(0);
    await signal(s.t, s.cookie, attemptId, { kind: 'beat', token: 'tab-two-0002' });
    expect(s.t.db.$client.prepare('select kind from attempt_signals').all()).toEqual([{ kind: 'second-device' }]);
  });

  it('submits the attempt when it passes the departure limit, and not before', async () => {
    const s = await examApp();
    const attemptId = attemptIdOf(await startIn(s.t, s.cookie, sitting(s, { maxDepartures: 1 })));
    const tok = { token: 'tab-one-0001' };
    expect(await (await signal(s.t, s.cookie, attemptId, { kind: 'away', detail: 'hidden', ...tok })).json()).toEqual({ closed: false });
    // A blur while already away is the same departure.
    expect(await (await signal(s.t, s.cookie, attemptId, { kind: 'away', detail: 'blur', ...tok })).json()).toEqual({ closed: false });
    expect(await (await signal(s.t, s.cookie, attemptId, { kind: 'back', ...tok })).json()).toEqual({ closed: false });
    expect(attemptRow(s.t, attemptId).status).toBe('open');
    expect(await (await signal(s.t, s.cookie, attemptId, { kind: 'away', detail: 'hidden', ...tok })).json()).toEqual({ closed: true });
    const row = attemptRow(s.t, attemptId);
    expect(row.status).toBe('submitted');
    expect(row.submitted_by).toBe('integrity');
  });

  it('without a limit only records departures', async () => {
    const s = await examApp();
    const attemptId = attemptIdOf(await startIn(s.t, s.cookie, sitting(s)));
    for (let i = 0; i < 5; i++) {
      await signal(s.t, s.cookie, attemptId, { kind: 'away', token: 'tab-one-0001' });
      await signal(s.t, s.cookie, attemptId, { kind: 'back', token: 'tab-one-0001' });
    }
    expect(attemptRow(s.t, attemptId).status).toBe('open');
    const live = await (await s.t.request(`/cohorts/${s.a.cohort.id}/sittings/1/live`, { cookie: await s.t.login(s.a.admin.email) })).text();
    expect(live).toMatch(/data-testid="departures">5</);
  });

  it('refuses bad schedule input, naming the field, and stores nothing', async () => {
    const s = await examApp();
    const cookie = await s.t.login(s.a.instructor.email);
    const tz = s.t.config.timeZone;
    const at = (ms: number) => toDateTimeLocal(ms, tz);
    const now = Date.now() + 24 * 60 * MIN;
    const form = (o: Record<string, string>) =>
      s.t.request(`/cohorts/${s.a.cohort.id}/sittings`, {
        method: 'POST',
        cookie,
        body: s.t.form({
          exam: 'assistant-mock',
          opensAt: at(now),
          closesAt: at(now + 120 * MIN),
          latestStartMinutes: '15',
          timeLimitMinutes: '90',
          review: 'score',
          who: 'all',
          ...o,
        }),
      });
    const closeFirst = await form({ closesAt: at(now - 60 * MIN) });
    expect(closeFirst.status).toBe(422);
    const html = await closeFirst.text();
    expect(html).toContain('结束时间：必须晚于开考时间。');
    expect(html).toMatch(/id="closesAt"[^>]*aria-invalid="true"/);
    const late = await (await form({ latestStartMinutes: '180' })).text();
    expect(late).toContain('迟到截止：开考后这么久已经到了或超过结束时间');
    const limit = await (await form({ timeLimitMinutes: '0', maxDepartures: '-1', review: 'all' })).text();
    expect(limit).toContain('答题时长：');
    expect(limit).toContain('离开次数限制：');
    expect(limit).toContain('考后可查看：');
    const who = await (await form({ who: 'chosen' })).text();
    expect(who).toContain('选定的学员：选择“指定学员”时至少选一位。');
    const stranger = await (await form({ who: 'chosen', candidates: String(s.b.trainee.id) })).text();
    expect(stranger).toContain('只能选本班已报名的学员');
    expect(sittingCount(s.t)).toBe(0);

    const ok = await form({});
    expect(ok.status).toBe(303);
    expect(sittingCount(s.t)).toBe(1);
  });

  it('ends one trainee’s attempt from the live room, grants extra time, and exports the results with the integrity counts', async () => {
    const s = await examApp();
    const id = sitting(s);
    const attemptId = attemptIdOf(await startIn(s.t, s.cookie, id));
    await signal(s.t, s.cookie, attemptId, { kind: 'away', token: 'tab-one-0001' });
    await signal(s.t, s.cookie, attemptId, { kind: 'back', token: 'tab-one-0001' });
    await signal(s.t, s.cookie, attemptId, { kind: 'paste', token: 'tab-one-0001' });
    const cookie = await s.t.login(s.a.instructor.email);
    const base = `/cohorts/${s.a.cohort.id}/sittings/${id}`;
    const before = attemptRow(s.t, attemptId).deadline_at!;
    const grant = await s.t.request(`${base}/grant`, { method: 'POST', cookie, body: s.t.form({ traineeId: String(s.a.trainee.id), minutes: '10' }) });
    expect(grant.status).toBe(303);
    expect(attemptRow(s.t, attemptId).deadline_at).toBe(before + 10 * MIN);
    // Without our Origin the post is refused and nothing ends.
    const forged = await s.t.request(`${base}/end`, {
      method: 'POST',
      cookie,
      body: s.t.form({ traineeId: String(s.a.trainee.id) }),
      headers: { Origin: 'https://evil.example' },
    });
    expect(forged.status).toBe(403);
    expect(attemptRow(s.t, attemptId).status).toBe('open');
    const end = await s.t.request(`${base}/end`, { method: 'POST', cookie, body: s.t.form({ traineeId: String(s.a.trainee.id) }) });
    expect(end.status).toBe(303);
    expect(attemptRow(s.t, attemptId)).toMatchObject({ status: 'submitted', submitted_by: 'staff' });
    const csv = await (await s.t.request(`${base}/results.csv`, { cookie })).text();
    expect(csv.split('\n')[0]).toContain('离开次数');
    const line = csv.split('\n').find((l) => l.includes(s.a.trainee.email))!;
    expect(line).toMatch(/,1,\d+,1,0\r?$/);
    const xlsx = await s.t.request(`${base}/results.xlsx`, { cookie });
    expect(xlsx.status).toBe(200);
  });
});
