import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { attemptMeta, insertAttempt, saveAnswerRows } from '../src/exams/store.js';
import { createInstitution } from '../src/institutions/store.js';
import { users } from '../src/institutions/schema.js';
import { removeTempDirs, tempDir } from '../test/helpers/temp.js';
import { testPostgres } from '../test/helpers/postgres.js';

// `npx tsx bench/pg-step.ts`: the figures of decision 007 (the first step of issue 18's PostgreSQL
// backend). Measured, never asserted.
// 1. PostgreSQL for the tests: the embedded server's first start (initdb, start, a database), a
//    further database on it, and applying src/db/migrations-pg to an empty database.
// 2. What making a store async costs on SQLite: a hot synchronous store call (attemptMeta, read on
//    every autosave; saveAnswerRows, the save transaction) called directly and through an async
//    function awaited, interleaved, median of 9 rounds.

const ROUNDS = 9;
const CALLS = 20_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (t: number) => `${t.toFixed(0)} ms`;

async function postgres(): Promise<void> {
  let t = performance.now();
  await testPostgres();
  const startMs = performance.now() - t;
  t = performance.now();
  const url = await testPostgres();
  const createMs = performance.now() - t;
  const pool = new pg.Pool({ connectionString: url });
  t = performance.now();
  await migrate(drizzle(pool), { migrationsFolder: path.resolve('src/db/migrations-pg') });
  const migrateMs = performance.now() - t;
  await pool.end();
  console.log(`embedded PostgreSQL: first start with a database ${ms(startMs)}, another database ${ms(createMs)}, migrations-pg applied ${ms(migrateMs)}`);
}

async function asyncCost(): Promise<void> {
  const db = openDatabase(path.join(tempDir('pg-step-'), 'bcm.sqlite'));
  const inst = createInstitution(db, 'B01', 'Bench');
  const [user] = db.insert(users).values({ email: 'b@example.com', name: 'b', role: 'trainee', institutionId: inst.id, createdAt: 1 }).returning().all();
  const base = { traineeId: user!.id, institutionId: inst.id, examKey: 'k', mode: 'exam' as const, seed: 's', startedAt: 1, status: 'open' as const };
  const id = insertAttempt(db, { ...base, paper: { items: [] } });
  const metaAsync = async (n: number) => attemptMeta(db, n);
  const saveAsync = async (seq: number) => saveAnswerRows(db, [{ attemptId: id, key: 'q1', answer: '["A"]', flagged: false, seq, savedAt: seq }]);
  let seq = 0;
  const kinds = {
    'attemptMeta sync': async () => {
      for (let i = 0; i < CALLS; i++) attemptMeta(db, id);
    },
    'attemptMeta async, awaited': async () => {
      for (let i = 0; i < CALLS; i++) await metaAsync(id);
    },
    'saveAnswerRows sync (1 row)': async () => {
      for (let i = 0; i < CALLS / 4; i++) saveAnswerRows(db, [{ attemptId: id, key: 'q1', answer: '["A"]', flagged: false, seq: ++seq, savedAt: seq }]);
    },
    'saveAnswerRows async, awaited': async () => {
      for (let i = 0; i < CALLS / 4; i++) await saveAsync(++seq);
    },
  };
  const perCall: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, run] of Object.entries(kinds)) {
      const t = performance.now();
      await run();
      perCall[name]!.push(((performance.now() - t) * 1000) / (name.startsWith('save') ? CALLS / 4 : CALLS));
    }
  }
  for (const [name, xs] of Object.entries(perCall)) console.log(`${name}: ${median(xs).toFixed(2)} µs per call (median of ${ROUNDS})`);
  db.$client.close();
}

await postgres();
await asyncCost();
await removeTempDirs();
process.exit(0);
