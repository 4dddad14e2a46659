import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { onSqlite, type Database } from '../../src/db/database.js';
import { rosterPreviews as previewsOf } from '../../src/institutions/roster-previews.js';
import { twoPostgresHandles } from '../helpers/postgres.js';
import { tempDir, whenDone } from '../helpers/temp.js';

// The held rows between a roster preview and its confirmation: bound, short-lived, used once, and
// in the database, so another process (WORKERS=N) confirms what this one previewed. The same cases
// on the embedded SQLite file and on a real PostgreSQL (decision 007): two connections stand for
// two processes.

async function twoSqlite(): Promise<[Database, Database]> {
  const file = path.join(tempDir('bcm-previews-'), 'bcm.sqlite');
  const here = openDatabase(file);
  const there = openDatabase(file);
  whenDone(() => {
    here.$client.close();
    there.$client.close();
  });
  return [onSqlite(here), onSqlite(there)];
}

const base = { adminId: 1, cohortId: 10, digest: 'd1', rows: [], signature: '[]' };

describe.each([
  ['SQLite', twoSqlite],
  ['PostgreSQL', () => twoPostgresHandles(4)],
])('roster previews (%s)', (_backend, connections) => {
  const rosterPreviews = async (opts?: { ttlMs?: number; max?: number }) => previewsOf((await connections())[0], opts);

  it('gives unguessable ids and hands a preview out once, to its admin and cohort only', async () => {
    const previews = await rosterPreviews();
    const p = await previews.put(base, 0);
    expect(p.id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await previews.take(p.id, { adminId: 2, cohortId: 10, digest: 'd1' }, 1)).toEqual({ ok: false, reason: 'missing' });
    expect(await previews.take(p.id, { adminId: 1, cohortId: 11, digest: 'd1' }, 1)).toEqual({ ok: false, reason: 'missing' });
    expect(await previews.take(p.id, { adminId: 1, cohortId: 10, digest: 'd1' }, 1)).toMatchObject({ ok: true });
    expect(await previews.take(p.id, { adminId: 1, cohortId: 10, digest: 'd1' }, 2)).toEqual({ ok: false, reason: 'missing' });
  });

  it('ends a preview confirmed with another file’s digest', async () => {
    const previews = await rosterPreviews();
    const p = await previews.put(base, 0);
    expect(await previews.take(p.id, { adminId: 1, cohortId: 10, digest: 'd2' }, 1)).toEqual({ ok: false, reason: 'changedFile' });
    expect(await previews.take(p.id, { adminId: 1, cohortId: 10, digest: 'd1' }, 1)).toEqual({ ok: false, reason: 'missing' });
  });

  it('expires, is replaced by the same admin’s next upload for the cohort, and holds at most `max`', async () => {
    const previews = await rosterPreviews({ ttlMs: 1000, max: 3 });
    const old = await previews.put(base, 0);
    expect(await previews.take(old.id, { adminId: 1, cohortId: 10, digest: 'd1' }, 1000)).toEqual({ ok: false, reason: 'missing' });
    const first = await previews.put(base, 0);
    const second = await previews.put(base, 1);
    expect(await previews.take(first.id, { adminId: 1, cohortId: 10, digest: 'd1' }, 2)).toEqual({ ok: false, reason: 'missing' });
    const others = [];
    for (const adminId of [2, 3, 4]) others.push(await previews.put({ ...base, adminId }, 2));
    expect(await previews.count()).toBe(3);
    expect(await previews.take(second.id, { adminId: 1, cohortId: 10, digest: 'd1' }, 3)).toEqual({ ok: false, reason: 'missing' });
    expect(await previews.take(others[2]!.id, { adminId: 4, cohortId: 10, digest: 'd1' }, 3)).toMatchObject({ ok: true });
  });

  it('is confirmed by another process than the one that made it, once — also when both confirm at the same moment', async () => {
    const [here, there] = await connections();
    const row = {
      line: 2,
      row: { name: '张三', nationalId: null, employeeNo: null, email: 'z@example.com', phone: null, education: 'bachelor' as const, yearsInFinance: 3 },
    };
    const p = await previewsOf(here).put({ ...base, rows: [row] }, 0);
    expect(await previewsOf(there).take(p.id, { adminId: 1, cohortId: 10, digest: 'd1' }, 1)).toEqual({
      ok: true,
      preview: { ...base, rows: [row], id: p.id, expiresAt: p.expiresAt },
    });
    expect(await previewsOf(here).take(p.id, { adminId: 1, cohortId: 10, digest: 'd1' }, 2)).toEqual({ ok: false, reason: 'missing' });
    // A double-clicked confirmation reaching two processes: one imports, the other finds it gone.
    const q = await previewsOf(here).put({ ...base, rows: [row] }, 10);
    const who = { adminId: 1, cohortId: 10, digest: 'd1' };
    const takes = await Promise.all(Array.from({ length: 6 }, (_, i) => previewsOf(i % 2 ? there : here).take(q.id, who, 11)));
    expect(takes.filter((t) => t.ok)).toHaveLength(1);
  });
});
