import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/client.js';
import { rosterPreviews as previewsOf } from '../../src/institutions/roster-previews.js';
import { tempDir, whenDone } from '../helpers/temp.js';

// The held rows between a roster preview and its confirmation: bound, short-lived, used once, and
// in the database, so another process (WORKERS=N) confirms what this one previewed.

function open(file = path.join(tempDir('bcm-previews-'), 'bcm.sqlite')): Db {
  const db = openDatabase(file);
  whenDone(() => db.$client.close());
  return db;
}
const rosterPreviews = (opts?: { ttlMs?: number; max?: number }) => previewsOf(open(), opts);

const base = { adminId: 1, cohortId: 10, digest: 'd1', rows: [], signature: '[]' };

describe('roster previews', () => {
  it('gives unguessable ids and hands a preview out once, to its admin and cohort only', () => {
    const previews = rosterPreviews();
    const p = previews.put(base, 0);
    expect(p.id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(previews.take(p.id, { adminId: 2, cohortId: 10, digest: 'd1' }, 1)).toEqual({ ok: false, reason: 'missing' });
    expect(previews.take(p.id, { adminId: 1, cohortId: 11, digest: 'd1' }, 1)).toEqual({ ok: false, reason: 'missing' });
    expect(previews.take(p.id, { adminId: 1, cohortId: 10, digest: 'd1' }, 1)).toMatchObject({ ok: true });
    expect(previews.take(p.id, { adminId: 1, cohortId: 10, digest: 'd1' }, 2)).toEqual({ ok: false, reason: 'missing' });
  });

  it('ends a preview confirmed with another file’s digest', () => {
    const previews = rosterPreviews();
    const p = previews.put(base, 0);
    expect(previews.take(p.id, { adminId: 1, cohortId: 10, digest: 'd2' }, 1)).toEqual({ ok: false, reason: 'changedFile' });
    expect(previews.take(p.id, { adminId: 1, cohortId: 10, digest: 'd1' }, 1)).toEqual({ ok: false, reason: 'missing' });
  });

  it('expires, is replaced by the same admin’s next upload for the cohort, and holds at most `max`', () => {
    const previews = rosterPreviews({ ttlMs: 1000, max: 3 });
    const old = previews.put(base, 0);
    expect(previews.take(old.id, { adminId: 1, cohortId: 10, digest: 'd1' }, 1000)).toEqual({ ok: false, reason: 'missing' });
    const first = previews.put(base, 0);
    const second = previews.put(base, 1);
    expect(previews.take(first.id, { adminId: 1, cohortId: 10, digest: 'd1' }, 2)).toEqual({ ok: false, reason: 'missing' });
    const others = [2, 3, 4].map((adminId) => previews.put({ ...base, adminId }, 2));
    expect(previews.size).toBe(3);
    expect(previews.take(second.id, { adminId: 1, cohortId: 10, digest: 'd1' }, 3)).toEqual({ ok: false, reason: 'missing' });
    expect(previews.take(others[2]!.id, { adminId: 4, cohortId: 10, digest: 'd1' }, 3)).toMatchObject({ ok: true });
  });
});

describe('roster previews across processes', () => {
  it('are confirmed by another process than the one that made them, once', () => {
    const here = open();
    const there = open(here.$client.name);
    const row = {
      line: 2,
      row: { name: '张三', nationalId: null, employeeNo: null, email: 'z@example.com', phone: null, education: 'bachelor' as const, yearsInFinance: 3 },
    };
    const p = previewsOf(here).put({ ...base, rows: [row] }, 0);
    expect(previewsOf(there).take(p.id, { adminId: 1, cohortId: 10, digest: 'd1' }, 1)).toEqual({
      ok: true,
      preview: { ...base, rows: [row], id: p.id, expiresAt: p.expiresAt },
    });
    expect(previewsOf(here).take(p.id, { adminId: 1, cohortId: 10, digest: 'd1' }, 2)).toEqual({ ok: false, reason: 'missing' });
  });
});
