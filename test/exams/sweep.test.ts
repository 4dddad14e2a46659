import { afterEach, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { startExamSweep, sweepOverdue } from '../../src/exams/sweep.js';
import { answerRows, attemptRow, correctPicks, examApp, page, save, slotsIn, start } from '../helpers/exams.js';

// Closed laptops still get a result: the sweep and finalising on next access.

afterEach(() => vi.useRealTimers());

const T0 = Date.UTC(2026, 4, 6, 1, 0, 0);
const at = (ms: number) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(ms);
};

describe('the sweep', () => {
  it('finalises open attempts past deadline and grace, grading what was saved, and leaves the rest', async () => {
    at(T0);
    const { t, a, b, cookie } = await examApp();
    const overdue = await start(t, cookie);
    const slots = slotsIn(await page(t, cookie, overdue));
    const right = await correctPicks(t, overdue);
    await save(t, cookie, overdue, { q: slots[0]!.key, a: right.get(slots[0]!.key)!, seq: 1 });
    const practice = Number(/(\d+)$/.exec((await t.request('/exams/practice/bcm-intro', { method: 'POST', cookie })).headers.get('location')!)![1]);
    at(T0 + 10 * 60_000);
    const otherCookie = await t.login(b.trainee.email);
    const fresh = await start(t, otherCookie);

    const deadline = attemptRow(t, overdue).deadline_at!;
    expect(sweepOverdue(t, deadline + 5_000)).toBe(0); // still within grace
    expect(sweepOverdue(t, deadline + 5_001)).toBe(1);
    expect(attemptRow(t, overdue)).toMatchObject({ status: 'submitted', submitted_by: 'sweep', score: 1 });
    expect(attemptRow(t, fresh).status).toBe('open');
    expect(attemptRow(t, practice).status).toBe('open'); // untimed
    expect(sweepOverdue(t, deadline + 60_000)).toBe(0); // nothing twice
    expect(a.trainee.id).not.toBe(b.trainee.id);
  });

  it('runs at start-up and then on an unref’d interval', async () => {
    at(T0);
    const { t, cookie } = await examApp();
    const id = await start(t, cookie);
    at(T0 + 2 * 60 * 60_000);
    const stop = startExamSweep({ ...t, logger: pino({ level: 'silent' }) }, 60_000);
    expect(attemptRow(t, id)).toMatchObject({ status: 'submitted', submitted_by: 'sweep' });
    stop();
  });
});

describe('finalising on next access', () => {
  it('shows the result, not the paper, when the trainee comes back after the deadline', async () => {
    at(T0);
    const { t, cookie } = await examApp();
    const id = await start(t, cookie);
    const slots = slotsIn(await page(t, cookie, id));
    await save(t, cookie, id, { q: slots[1]!.key, a: ['0'], seq: 3 });
    at(attemptRow(t, id).deadline_at! + 30_000);
    const html = await page(t, cookie, id);
    expect(html).toContain('时间到，自动交卷');
    expect(html).not.toContain('id="submit-form"');
    expect(attemptRow(t, id)).toMatchObject({ status: 'submitted', submitted_by: 'deadline' });
    expect(answerRows(t, id)).toHaveLength(1);
  });

  it('starting again after an overdue attempt closes it and begins a new one', async () => {
    at(T0);
    const { t, cookie } = await examApp();
    const first = await start(t, cookie);
    at(attemptRow(t, first).deadline_at! + 10_000);
    const second = await start(t, cookie);
    expect(second).not.toBe(first);
    expect(attemptRow(t, first).status).toBe('submitted');
    expect(attemptRow(t, second)).toMatchObject({ status: 'open', started_at: T0 + 60 * 60_000 + 10_000 });
  });
});
