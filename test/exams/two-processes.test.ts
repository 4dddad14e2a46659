import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { finaliseAttempt } from '../../src/exams/attempts.js';
import { ExamsRuntime } from '../../src/exams/runtime.js';
import { saveAnswer } from '../../src/exams/save.js';
import { startExamSweep } from '../../src/exams/sweep.js';
import { leaseFor, takeLease } from '../../src/ops/lease.js';
import { onSqlite } from '../../src/db/database.js';
import { whenDone } from '../helpers/temp.js';
import { answerRows, attemptRow, examApp, page, save, slotsIn, start } from '../helpers/exams.js';

// Two processes on one database file (WORKERS=N), each with its own connection and exams runtime
// (its own paper cache and save queue): what one closes, the other does not write into.

afterEach(() => vi.useRealTimers());

async function twoProcesses() {
  const x = await examApp();
  const id = await start(x.t, x.cookie);
  const slots = slotsIn(await page(x.t, x.cookie, id));
  const db = openDatabase(x.t.config.databasePath);
  whenDone(() => db.$client.close());
  const other = { db, catalog: x.t.catalog, config: x.t.config, exams: new ExamsRuntime(x.t.config.coursesDir), lms: x.t.lms };
  return { ...x, id, slots, other };
}

describe('an attempt closed by another process', () => {
  it('takes no save that was checked before the close but committed after: it is refused, not acknowledged', async () => {
    const { t, a, id, slots, other } = await twoProcesses();
    const q = slots[0]!;
    // Checked now (open, in time); its group commit waits for the next turn of the event loop…
    const pending = saveAnswer(t, { attemptId: id, traineeId: a.trainee.id, key: q.key, picks: [q.values[0]!], flagged: false, seq: 7 });
    // …while the other process's sweep grades and closes the attempt.
    expect(finaliseAttempt(other, id, 'sweep')).toBeDefined();
    expect(await pending).toEqual({ kind: 'closed' });
    expect(answerRows(t, id)).toEqual([]);
    expect(attemptRow(t, id)).toMatchObject({ status: 'submitted', submitted_by: 'sweep', last_seq: 0 });
  });

  it('is closed for this process too: its next save over HTTP is refused', async () => {
    const { t, cookie, id, slots, other } = await twoProcesses();
    expect((await save(t, cookie, id, { q: slots[0]!.key, a: [slots[0]!.values[0]!], seq: 1 })).status).toBe(200);
    finaliseAttempt(other, id, 'trainee');
    const res = await save(t, cookie, id, { q: slots[1]!.key, a: [slots[1]!.values[0]!], seq: 2 });
    expect(res.status).not.toBe(200);
    expect(answerRows(t, id).map((r) => r.seq)).toEqual([1]);
  });
});

describe('the sweep across processes', () => {
  it('runs only in the lease holder; once the holder stops renewing, the other process takes over after expiry', async () => {
    const { t, id } = await twoProcesses();
    const deadline = attemptRow(t, id).deadline_at!;
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(deadline + 10 * 60_000); // long overdue
    // The leader (on another host: nothing tells us it died) took the lease a moment ago, for 60 s.
    const database = onSqlite(t.db);
    expect(await takeLease(database, 'exam-sweep', 'other-host:7:ab', 60_000)).toBe(true);
    const logs: string[] = [];
    const lease = leaseFor(database, 'exam-sweep', 60_000, (m) => logs.push(m), 'this-host:8:cd');
    const stop = startExamSweep({ ...t, logger: pino({ level: 'silent' }) }, 30_000, lease);
    await vi.advanceTimersByTimeAsync(0); // the sweep at start-up has asked for the lease
    expect(attemptRow(t, id).status).toBe('open'); // … and it was not ours to run
    await vi.advanceTimersByTimeAsync(30_000);
    expect(attemptRow(t, id).status).toBe('open'); // the leader's lease still runs
    await vi.advanceTimersByTimeAsync(30_000); // the leader never renewed: its lease expired
    expect(attemptRow(t, id)).toMatchObject({ status: 'submitted', submitted_by: 'sweep' });
    expect(logs).toEqual(['took the exam-sweep lease']);
    // Renewed by this process: the old leader, back, does not get it.
    expect(await takeLease(database, 'exam-sweep', 'other-host:7:ab', 60_000)).toBe(false);
    stop();
  });
});
