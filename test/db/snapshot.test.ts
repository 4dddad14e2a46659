import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { inTransaction, openDatabase } from '../../src/db/client.js';
import { readSnapshot } from '../../src/db/snapshot.js';
import { tempDir, whenDone } from '../helpers/temp.js';

function setUp() {
  const file = path.join(tempDir('snapshot-'), 'bcm.sqlite');
  const db = openDatabase(file);
  // Another process writing the same file (a second app process, the CLI).
  const other = new Database(file);
  whenDone(() => {
    other.close();
    db.$client.close();
  });
  db.$client.exec('create table counts (n integer)');
  db.$client.exec('insert into counts values (1)');
  const count = () => (db.$client.prepare('select count(*) as n from counts').get() as { n: number }).n;
  return { db, other, count };
}

describe('readSnapshot', () => {
  it('reads every query of a page from one moment, even when another process writes in between', () => {
    const { db, other, count } = setUp();
    const seen = readSnapshot(db, () => {
      const first = count();
      other.exec('insert into counts values (2)');
      return [first, count()];
    });
    expect(seen).toEqual([1, 1]);
    // Outside the snapshot the write is there, and the connection is back to autocommit.
    expect(count()).toBe(2);
    expect(db.$client.inTransaction).toBe(false);
  });

  it('ends the transaction when the read throws or is asynchronous', () => {
    const { db, count } = setUp();
    expect(() =>
      readSnapshot(db, () => {
        count();
        throw new Error('broken view model');
      }),
    ).toThrow('broken view model');
    expect(db.$client.inTransaction).toBe(false);
    expect(() => readSnapshot(db, async () => count())).toThrow(/synchronous/);
    expect(db.$client.inTransaction).toBe(false);
  });

  it('inside a transaction, runs in it and leaves it open', () => {
    const { db, count } = setUp();
    inTransaction(db, () => {
      db.$client.exec('insert into counts values (3)');
      expect(readSnapshot(db, count)).toBe(2);
      expect(db.$client.inTransaction).toBe(true);
    });
    expect(count()).toBe(2);
  });
});
