import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { leaseFor, leaseRow, releaseLease, takeLease } from '../../src/ops/lease.js';
import { mayTake, type LeaseRow } from '../../src/ops/rules/lease.js';
import { tempDir, whenDone } from '../helpers/temp.js';

// Two connections to one file stand for two processes: each statement is what a process runs.
function twoProcesses() {
  const file = path.join(tempDir('bcm-lease-'), 'bcm.sqlite');
  const a = openDatabase(file);
  const b = openDatabase(file);
  whenDone(() => {
    a.$client.close();
    b.$client.close();
  });
  return { a, b };
}

describe('a lease in the database', () => {
  it('is taken by one of two processes; the other gets it only once it expires, then renews it', () => {
    const { a, b } = twoProcesses();
    expect(takeLease(a, 'exam-sweep', 'host:1:aa', 1_000, 10_000)).toBe(true);
    expect(takeLease(b, 'exam-sweep', 'host:2:bb', 1_000, 10_500)).toBe(false);
    expect(takeLease(a, 'exam-sweep', 'host:1:aa', 1_000, 10_600)).toBe(true); // renewed: now until 11,600
    expect(takeLease(b, 'exam-sweep', 'host:2:bb', 1_000, 11_599)).toBe(false);
    // The holder dies (no more renewals): after expiry the other process takes over.
    expect(takeLease(b, 'exam-sweep', 'host:2:bb', 1_000, 11_600)).toBe(true);
    expect(leaseRow(a, 'exam-sweep')).toEqual({ holder: 'host:2:bb', expiresAt: 12_600 });
    expect(takeLease(a, 'exam-sweep', 'host:1:aa', 1_000, 11_700)).toBe(false);
  });

  it('is handed over at once when its holder releases it (graceful shutdown)', () => {
    const { a, b } = twoProcesses();
    expect(takeLease(a, 'lms-workers', 'host:1:aa', 60_000, 1_000)).toBe(true);
    releaseLease(b, 'lms-workers', 'host:2:bb'); // not b's: nothing changes
    expect(takeLease(b, 'lms-workers', 'host:2:bb', 60_000, 2_000)).toBe(false);
    releaseLease(a, 'lms-workers', 'host:1:aa');
    expect(takeLease(b, 'lms-workers', 'host:2:bb', 60_000, 2_000)).toBe(true);
  });

  it('decides in SQL exactly as the pure rule does', () => {
    const { a } = twoProcesses();
    const rows: (LeaseRow | undefined)[] = [
      undefined,
      { holder: 'me', expiresAt: 50 },
      { holder: 'me', expiresAt: 200 },
      { holder: 'x', expiresAt: 99 },
      { holder: 'x', expiresAt: 100 },
      { holder: 'x', expiresAt: 101 },
    ];
    rows.forEach((row, i) => {
      const name = `case-${i}`;
      if (row) a.$client.prepare('insert into leases (name, holder, expires_at) values (?, ?, ?)').run(name, row.holder, row.expiresAt);
      expect(takeLease(a, name, 'me', 10, 100), JSON.stringify(row)).toBe(mayTake(row, 'me', 100));
    });
  });

  it('takes over at once from a holder on this host whose process is gone', () => {
    const { a, b } = twoProcesses();
    // A pid no process can have (above pid_max): the lease is far from expiry, yet its holder is dead.
    takeLease(a, 'exam-sweep', `${hostname()}:999999999:aa`, 600_000, Date.now());
    const lease = leaseFor(b, 'exam-sweep', 600_000);
    expect(lease.held()).toBe(true);
    lease.release();
    expect(leaseRow(a, 'exam-sweep')!.expiresAt).toBe(0);
  });
});
