import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerRows, attemptRow, examApp, page, save, slotsIn, start } from '../helpers/exams.js';

// Autosave: sequenced, idempotent, newest wins; refused after the deadline's grace.

afterEach(() => vi.useRealTimers());

const T0 = Date.UTC(2026, 4, 6, 1, 0, 0);
const at = (ms: number) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(ms);
};

async function running() {
  const x = await examApp();
  const id = await start(x.t, x.cookie);
  const slots = slotsIn(await page(x.t, x.cookie, id));
  return { ...x, id, slots };
}

describe('sequenced saves', () => {
  it('stores the newest answer per question: an older sequence number changes nothing', async () => {
    const { t, cookie, id, slots } = await running();
    const q = slots[0]!;
    const r1 = await save(t, cookie, id, { q: q.key, a: ['0'], seq: 5 });
    expect(r1.status).toBe(200);
    expect(r1.headers.get('x-saved-seq')).toBe('5');
    expect(Number(r1.headers.get('x-server-now'))).toBeGreaterThan(0);
    expect(await r1.text()).toContain('已保存');
    const stored = answerRows(t, id)[0]!;

    // A reordered older save arrives late: acknowledged (the newer one is stored) but ignored.
    expect((await save(t, cookie, id, { q: q.key, a: ['1'], seq: 3 })).status).toBe(200);
    expect(answerRows(t, id)).toEqual([stored]);
    // A retried duplicate is harmless.
    expect((await save(t, cookie, id, { q: q.key, a: ['0'], seq: 5 })).status).toBe(200);
    expect(answerRows(t, id)).toEqual([stored]);
    // A newer one replaces it.
    await save(t, cookie, id, { q: q.key, a: ['3'], seq: 9 });
    expect(answerRows(t, id)).toEqual([{ ...stored, answer: expect.any(String), seq: 9 }]);
    expect(answerRows(t, id)[0]!.answer).not.toBe(stored.answer);
    expect(attemptRow(t, id).last_seq).toBe(9);
  });

  it('keeps questions independent and last_seq at the highest acknowledged number', async () => {
    const { t, cookie, id, slots } = await running();
    await Promise.all([
      save(t, cookie, id, { q: slots[0]!.key, a: ['1'], seq: 30 }),
      save(t, cookie, id, { q: slots[1]!.key, a: ['1'], seq: 12 }),
      save(t, cookie, id, { q: slots[2]!.key, a: ['1'], f: true, seq: 21 }),
    ]);
    expect(
      answerRows(t, id)
        .map((r) => r.seq)
        .sort(),
    ).toEqual([12, 21, 30]);
    expect(attemptRow(t, id).last_seq).toBe(30);
    expect(answerRows(t, id).find((r) => r.key === slots[2]!.key)!.flagged).toBe(1);
  });

  it('stores multiple choice as the original letters and accepts clearing an answer', async () => {
    const { t, cookie, id, slots } = await running();
    const m = slots.find((s) => s.type === 'checkbox')!;
    await save(t, cookie, id, { q: m.key, a: ['0', '2'], seq: 1 });
    expect(answerRows(t, id)[0]!.answer).toMatch(/^[A-F]{2}$/);
    await save(t, cookie, id, { q: m.key, a: [], f: true, seq: 2 });
    expect(answerRows(t, id)[0]).toMatchObject({ answer: '', flagged: 1 });
  });

  it('refuses malformed saves without storing anything', async () => {
    const { t, cookie, id, slots } = await running();
    const single = slots[0]!;
    expect((await save(t, cookie, id, { q: 'NOT-ON-PAPER', a: ['0'], seq: 1 })).status).toBe(400);
    expect((await save(t, cookie, id, { q: single.key, a: ['0', '1'], seq: 2 })).status).toBe(400);
    expect((await save(t, cookie, id, { q: single.key, a: ['9'], seq: 3 })).status).toBe(400);
    expect((await save(t, cookie, id, { q: single.key, a: ['0'], seq: 0 })).status).toBe(400);
    expect((await save(t, cookie, id, { q: single.key, a: ['0'], seq: Number.NaN })).status).toBe(400);
    expect((await save(t, cookie, id + 999, { q: single.key, a: ['0'], seq: 4 })).status).toBe(404);
    expect(answerRows(t, id)).toEqual([]);
  });
});

describe('the deadline on saves', () => {
  it('accepts saves within the grace after the deadline, then refuses with 409 and finalises', async () => {
    at(T0);
    const { t, cookie, id, slots } = await running();
    const deadline = attemptRow(t, id).deadline_at!;
    at(deadline + 4_000);
    expect((await save(t, cookie, id, { q: slots[0]!.key, a: ['1'], seq: 1 })).status).toBe(200);
    at(deadline + 6_000);
    const late = await save(t, cookie, id, { q: slots[1]!.key, a: ['1'], seq: 2 });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('考试时间已到，此答案未被接收');
    expect(answerRows(t, id).map((r) => r.key)).toEqual([slots[0]!.key]);
    expect(attemptRow(t, id)).toMatchObject({ status: 'submitted', submitted_by: 'deadline' });
  });

  it('refuses saves to a submitted attempt with 409', async () => {
    const { t, cookie, id, slots } = await running();
    expect((await t.request(`/exams/attempts/${id}/submit`, { method: 'POST', cookie, body: t.form({ pending: '' }) })).status).toBe(303);
    const res = await save(t, cookie, id, { q: slots[0]!.key, a: ['1'], seq: 1 });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('本次考试已交卷');
  });
});

describe('submitting', () => {
  it('applies answers the browser still held (newest seq wins) before grading', async () => {
    const { t, cookie, id, slots } = await running();
    await save(t, cookie, id, { q: slots[0]!.key, a: ['0'], seq: 50 });
    const pending = JSON.stringify([
      { q: slots[0]!.key, a: ['1'], f: false, s: 40 }, // older than the stored one: ignored
      { q: slots[1]!.key, a: ['2'], f: true, s: 60 },
      { q: 'junk', a: ['0'], f: false, s: 61 },
    ]);
    const res = await t.request(`/exams/attempts/${id}/submit`, { method: 'POST', cookie, body: t.form({ pending }) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/exams/attempts/${id}`);
    const rows = answerRows(t, id);
    expect(rows.map((r) => [r.key, r.seq])).toEqual(
      [
        [slots[0]!.key, 50],
        [slots[1]!.key, 60],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    expect(attemptRow(t, id)).toMatchObject({ status: 'submitted', submitted_by: 'trainee', last_seq: 60 });
    expect(attemptRow(t, id).score).not.toBeNull();

    // Submitting twice changes nothing, even a while later with newer answers held: not the score,
    // status, stored answers, submission time or result.
    const before = { attempt: attemptRow(t, id), answers: answerRows(t, id) };
    at(Date.now() + 60_000);
    const later = JSON.stringify([
      { q: slots[0]!.key, a: ['3'], f: true, s: 90 },
      { q: slots[2]!.key, a: ['1'], f: false, s: 91 },
    ]);
    expect((await t.request(`/exams/attempts/${id}/submit`, { method: 'POST', cookie, body: t.form({ pending: later }) })).status).toBe(303);
    expect({ attempt: attemptRow(t, id), answers: answerRows(t, id) }).toEqual(before);
  });

  it('credits a submission at the deadline to the clock and ignores held answers after the grace', async () => {
    at(T0);
    const { t, cookie, id, slots } = await running();
    const deadline = attemptRow(t, id).deadline_at!;
    at(deadline + 60_000);
    const pending = JSON.stringify([{ q: slots[0]!.key, a: ['1'], f: false, s: 5 }]);
    await t.request(`/exams/attempts/${id}/submit`, { method: 'POST', cookie, body: t.form({ pending, auto: '1' }) });
    expect(attemptRow(t, id)).toMatchObject({ status: 'submitted', submitted_by: 'deadline' });
    expect(answerRows(t, id)).toEqual([]);
  });
});
