import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { onSqlite, type Database } from '../../src/db/database.js';
import { leaseFor, leaseRow, releaseLease, takeLease } from '../../src/ops/lease.js';
import { mayTake, type LeaseRow } from '../../src/ops/rules/lease.js';
import { twoPostgresHandles } from '../helpers/postgres.js';
import { tempDir, whenDone } from '../helpers/temp.js';

// Two connections to one database stand for two processes: each statement is what a process runs.
// The same cases on the embedded SQLite file and on a real PostgreSQL (decision 007).

function twoSqliteProcesses(): Promise<{ a: Database; b: Database; insert: (name: string, row: LeaseRow) => Promise<void> }> {
  const file = path.join(tempDir('bcm-lease-'), 'bcm.sqlite');
  const a = openDatabase(file);
  const b = openDatabase(file);
  whenDone(() => {
    a.$client.close();
    b.$client.close();
  });
  const insert = async (name: string, row: LeaseRow) => {
    a.$client.prepare('insert into leases (name, holder, expires_at) values (?, ?, ?)').run(name, row.holder, row.expiresAt);
  };
  return Promise.resolve({ a: onSqlite(a), b: onSqlite(b), insert });
}

async function twoPostgresProcesses(): Promise<{ a: Database; b: Database; insert: (name: string, row: LeaseRow) => Promise<void> }> {
  const [a, b] = await twoPostgresHandles();
  const insert = async (name: string, row: LeaseRow) => {
    await a.pool.query('insert into leases (name, holder, expires_at) values ($1, $2, $3)', [name, row.holder, row.expiresAt]);
  };
  return { a, b, insert };
}

describe.each([
  ['SQLite', twoSqliteProcesses],
  ['PostgreSQL', twoPostgresProcesses],
])('a lease in the database (%s)', (_backend, twoProcesses) => {
  it('is taken by one of two processes; the other gets it only once it expires, then renews it', async () => {
    const { a, b } = await twoProcesses();
    expect(await takeLease(a, 'exam-sweep', 'host:1:aa', 1_000, 10_000)).toBe(true);
    expect(await takeLease(b, 'exam-sweep', 'host:2:bb', 1_000, 10_500)).toBe(false);
    expect(await takeLease(a, 'exam-sweep', 'host:1:aa', 1_000, 10_600)).toBe(true); // renewed: now until 11,600
    expect(await takeLease(b, 'exam-sweep', 'host:2:bb', 1_000, 11_599)).toBe(false);
    // The holder dies (no more renewals): after expiry the other process takes over.
    expect(await takeLease(b, 'exam-sweep', 'host:2:bb', 1_000, 11_600)).toBe(true);
    expect(await leaseRow(a, 'exam-sweep')).toEqual({ holder: 'host:2:bb', expiresAt: 12_600 });
    expect(await takeLease(a, 'exam-sweep', 'host:1:aa', 1_000, 11_700)).toBe(false);
  });

  it('goes to exactly one of many processes taking it at the same moment', async () => {
    const { a, b } = await twoProcesses();
    // Twenty takes in flight at once, alternating between the two connections (on PostgreSQL each
    // pool runs two at a time, so they really overlap).
    const takes = Array.from({ length: 20 }, (_, i) => takeLease(i % 2 ? b : a, 'race', `host:${i}:xx`, 60_000, 5_000));
    const won = (await Promise.all(takes)).flatMap((ok, i) => (ok ? [i] : []));
    expect(won).toHaveLength(1);
    expect((await leaseRow(a, 'race'))?.holder).toBe(`host:${won[0]}:xx`);
  });

  it('is handed over at once when its holder releases it (graceful shutdown)', async () => {
    const { a, b } = await twoProcesses();
    expect(await takeLease(a, 'lms-workers', 'host:1:aa', 60_000, 1_000)).toBe(true);
    await releaseLease(b, 'lms-workers', 'host:2:bb'); // not b's: nothing changes
    expect(await takeLease(b, 'lms-workers', 'host:2:bb', 60_000, 2_000)).toBe(false);
    await releaseLease(a, 'lms-workers', 'host:1:aa');
    expect(await takeLease(b, 'lms-workers', 'host:2:bb', 60_000, 2_000)).toBe(true);
  });

  it('decides in SQL exactly as the pure rule does', async () => {
    const { a, insert } = await twoProcesses();
    const rows: (LeaseRow | undefined)[] = [
      undefined,
      { holder: 'me', expiresAt: 50 },
      { holder: 'me', expiresAt: 200 },
      { holder: 'x', expiresAt: 99 },
      { holder: 'x', expiresAt: 100 },
      { holder: 'x', expiresAt: 101 },
    ];
    for (const [i, row] of rows.entries()) {
      const name = `case-${i}`;
      if (row) await insert(name, row);
      expect(await takeLease(a, name, 'me', 10, 100), JSON.stringify(row)).toBe(mayTake(row, 'me', 100));
    }
  });

  it('takes over at once from a holder on this host whose process is gone', async () => {
    const { a, b } = await twoProcesses();
    // A pid no process can have (above pid_max): the lease is far from expiry, yet its holder is dead.
    await takeLease(a, 'exam-sweep', `${hostname()}:999999999:aa`, 600_000, Date.now());
    const lease = leaseFor(b, 'exam-sweep', 600_000);
    expect(await lease.held()).toBe(true);
    await lease.release();
    expect((await leaseRow(a, 'exam-sweep'))!.expiresAt).toBe(0);
  });
});
