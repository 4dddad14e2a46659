import { afterEach, describe, expect, it, vi } from 'vitest';
import { cookieFrom } from '../helpers/app.js';
import { attemptRow, examApp, start } from '../helpers/exams.js';

// Extra time: granted by the admin of the trainee's institution or an instructor of their cohort, added to deadlines.

afterEach(() => vi.useRealTimers());

describe('extra time', () => {
  it('is added to the deadline of the next attempt and extends a running one', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 4, 6, 1, 0, 0));
    const { t, a, cookie } = await examApp();
    const instructor = await t.login(a.instructor.email);
    const form = await t.request('/exams/grants', { cookie: instructor });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(a.trainee.email);

    const grant = (minutes: string) =>
      t.request('/exams/grants', {
        method: 'POST',
        cookie: instructor,
        body: t.form({ traineeId: String(a.trainee.id), examKey: 'assistant-mock', minutes, reason: '视力障碍' }),
      });
    expect((await grant('15')).status).toBe(303);
    const id = await start(t, cookie);
    const row = attemptRow(t, id);
    expect(row.deadline_at).toBe(row.started_at + 75 * 60_000);
    expect(await (await t.request('/exams', { cookie })).text()).toContain('另加 15 分钟');

    const second = await grant('10');
    expect(second.status).toBe(303);
    expect(attemptRow(t, id).deadline_at).toBe(row.started_at + 85 * 60_000);
    const list = await (await t.request('/exams/grants', { cookie: `${instructor}; ${cookieFrom(second, 'bcm_flash')}` })).text();
    expect(list).toContain('已为学员增加 10 分钟，正在进行的考试已延长。');
    expect(list).toContain('视力障碍');
  });

  it('validates the form and reports problems in place', async () => {
    const { t, a } = await examApp();
    const admin = await t.login(a.admin.email);
    const res = await t.request('/exams/grants', { method: 'POST', cookie: admin, body: t.form({ traineeId: '', examKey: 'nope', minutes: '0' }) });
    expect(res.status).toBe(400);
    const html = await res.text();
    for (const text of ['请选择学员。', '请选择考试。', '分钟数须为 1 到 240 之间的整数。']) expect(html).toContain(text);
    expect(t.db.$client.prepare('select count(*) n from extra_time_grants').get()).toEqual({ n: 0 });
  });

  it('is refused for a trainee of another institution, and for trainees', async () => {
    const { t, a, b, cookie } = await examApp();
    const instructor = await t.login(a.instructor.email);
    const res = await t.request('/exams/grants', {
      method: 'POST',
      cookie: instructor,
      body: t.form({ traineeId: String(b.trainee.id), examKey: 'assistant-mock', minutes: '30' }),
    });
    expect(res.status).toBe(404); // as for a trainee who does not exist
    expect(await res.text()).toContain('找不到该学员。');
    expect(await (await t.request('/exams/grants', { cookie: instructor })).text()).not.toContain(b.trainee.email);
    expect(t.db.$client.prepare('select count(*) n from extra_time_grants').get()).toEqual({ n: 0 });
    expect((await t.request('/exams/grants', { cookie })).status).toBe(403);
  });
});
