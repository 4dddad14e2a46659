import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, getTableName } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../src/db/schema.pg.js';
import { testPostgres } from '../helpers/postgres.js';
import { whenDone } from '../helpers/temp.js';
import { tablesOf } from './parity.js';

// The PostgreSQL schema on a real server (decision 007): src/db/migrations-pg applied by drizzle's
// node-postgres migrator to a fresh database (test/helpers/postgres.ts: TEST_DATABASE_URL or an
// embedded server), the tables it made matching schema.pg.ts, rows of a few representative tables
// written and read back through drizzle's pg dialect with the types the stores expect, and the
// foreign keys, unique constraints and the LTI trigger refusing what they must.

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src/db/migrations-pg');

let db: NodePgDatabase<typeof schema> & { $client: pg.Pool };

beforeAll(async () => {
  const url = await testPostgres();
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  whenDone(() => pool.end());
  db = drizzle(pool, { schema });
  await migrate(db, { migrationsFolder });
});

/** The SQLSTATE a statement failed with (23503 foreign key, 23505 unique), or 'ok'. */
async function refusal(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
    return 'ok';
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause ?? (err as { code?: string });
    return cause.code ?? String(err);
  }
}

async function institutionAndTrainee(code: string) {
  const [institution] = await db
    .insert(schema.institutions)
    .values({ code, name: `银行 ${code}`, createdAt: Date.now() })
    .returning();
  const [trainee] = await db
    .insert(schema.users)
    .values({ email: `${code.toLowerCase()}@example.cn`, name: '张三', role: 'trainee', institutionId: institution.id, createdAt: Date.now() })
    .returning();
  return { institution, trainee };
}

describe('PostgreSQL from migrations-pg', () => {
  it('has exactly the tables and columns of schema.pg.ts, with their nullability', async () => {
    const { rows } = await db.$client.query<{ table_name: string; column_name: string; is_nullable: string }>(
      "select table_name, column_name, is_nullable from information_schema.columns where table_schema = 'public' order by table_name, column_name",
    );
    const actual = rows.map((r) => `${r.table_name}.${r.column_name}${r.is_nullable === 'YES' ? '?' : ''}`);
    const expected = [...tablesOf(schema, PgTable).values()]
      .flatMap((t) => getTableConfig(t).columns.map((c) => `${getTableName(t)}.${c.name}${c.notNull ? '' : '?'}`))
      .sort();
    expect(actual).toEqual(expected);
  });

  it('stores and reads back an institution, a trainee, an exam attempt and its answers with the types of SQLite', async () => {
    const { institution, trainee } = await institutionAndTrainee('SH01');
    const startedAt = Date.UTC(2026, 11, 4, 1, 0, 0, 123);
    const paper = { questions: [{ key: 'q1', order: [2, 0, 1] }], 题目: '客户经理' };
    const [attempt] = await db
      .insert(schema.examAttempts)
      .values({
        traineeId: trainee.id,
        institutionId: institution.id,
        examKey: 'retail-mock',
        mode: 'exam',
        seed: 'seed-1',
        paper,
        startedAt,
        deadlineAt: startedAt + 90 * 60_000,
        status: 'open',
      })
      .returning();
    await db.insert(schema.attemptAnswers).values([
      { attemptId: attempt.id, questionKey: 'q1', answer: '["B"]', seq: 1, savedAt: startedAt + 1_000 },
      { attemptId: attempt.id, questionKey: 'q2', answer: '["A","C"]', flagged: true, seq: 2, savedAt: startedAt + 2_000 },
    ]);

    const read = await db.query.examAttempts.findFirst({ where: eq(schema.examAttempts.id, attempt.id) });
    expect(read).toEqual({
      id: attempt.id,
      traineeId: trainee.id,
      institutionId: institution.id,
      cohortId: null,
      examKey: 'retail-mock',
      mode: 'exam',
      seed: 'seed-1',
      paper,
      startedAt,
      deadlineAt: startedAt + 5_400_000,
      status: 'open',
      submittedAt: null,
      submittedBy: null,
      score: null,
      maxScore: null,
      passed: null,
      result: null,
      lastSeq: 0,
      sittingId: null,
    });
    // Times come back as numbers (bigint read in mode 'number'), as from SQLite's integer.
    expect(typeof read!.startedAt).toBe('number');
    const answers = await db.select().from(schema.attemptAnswers).where(eq(schema.attemptAnswers.attemptId, attempt.id)).orderBy(schema.attemptAnswers.seq);
    expect(answers.map((a) => [a.questionKey, a.answer, a.flagged, a.seq, a.savedAt])).toEqual([
      ['q1', '["B"]', false, 1, startedAt + 1_000],
      ['q2', '["A","C"]', true, 2, startedAt + 2_000],
    ]);
    // Bytes round-trip as a Buffer (sessions.secret_hash, bytea).
    const secretHash = Buffer.from([0, 1, 254, 255]);
    await db.insert(schema.sessions).values({ id: 's1', secretHash, userId: trainee.id, createdAt: startedAt, lastVerifiedAt: startedAt });
    const [session] = await db.select().from(schema.sessions).where(eq(schema.sessions.id, 's1'));
    expect(Buffer.isBuffer(session.secretHash) && session.secretHash.equals(secretHash)).toBe(true);
  });

  it('refuses rows that break a foreign key or a unique constraint, and cascades where SQLite does', async () => {
    const { institution, trainee } = await institutionAndTrainee('BJ02');
    const user = (email: string, institutionId: number) => ({ email, name: '李四', role: 'trainee' as const, institutionId, createdAt: Date.now() });
    // Foreign keys: an account of an institution that does not exist, an answer of no attempt.
    expect(await refusal(db.insert(schema.users).values(user('nobody@example.cn', 999_999)))).toBe('23503');
    expect(await refusal(db.insert(schema.attemptAnswers).values({ attemptId: 999_999, questionKey: 'q1', answer: '[]', seq: 1, savedAt: 1 }))).toBe('23503');
    // Unique: an institution code, an e-mail, an (attempt, question) key, an enrolment.
    expect(await refusal(db.insert(schema.institutions).values({ code: 'BJ02', name: '重复', createdAt: 1 }))).toBe('23505');
    expect(await refusal(db.insert(schema.users).values(user('bj02@example.cn', institution.id)))).toBe('23505');
    const [cohort] = await db
      .insert(schema.cohorts)
      .values({ institutionId: institution.id, name: '2026 春', level: 'retail', startsOn: '2026-03-01', endsOn: '2026-06-30', createdAt: 1 })
      .returning();
    await db.insert(schema.enrolments).values({ cohortId: cohort.id, userId: trainee.id, enrolledAt: 1 });
    expect(await refusal(db.insert(schema.enrolments).values({ cohortId: cohort.id, userId: trainee.id, enrolledAt: 2 }))).toBe('23505');
    const [attempt] = await db
      .insert(schema.examAttempts)
      .values({ traineeId: trainee.id, institutionId: institution.id, examKey: 'k', mode: 'practice', seed: 's', paper: [], startedAt: 1, status: 'open' })
      .returning();
    await db.insert(schema.attemptAnswers).values({ attemptId: attempt.id, questionKey: 'q1', answer: '[]', seq: 1, savedAt: 1 });
    expect(await refusal(db.insert(schema.attemptAnswers).values({ attemptId: attempt.id, questionKey: 'q1', answer: '[]', seq: 2, savedAt: 2 }))).toBe(
      '23505',
    );
    // ON DELETE CASCADE: an account's login sessions go with it; a row still naming it (its attempt) blocks the delete.
    const [other] = await db.insert(schema.users).values(user('wang@example.cn', institution.id)).returning();
    await db.insert(schema.sessions).values({ id: 's-wang', secretHash: Buffer.alloc(32), userId: other.id, createdAt: 1, lastVerifiedAt: 1 });
    await db.delete(schema.users).where(eq(schema.users.id, other.id));
    expect(await db.select().from(schema.sessions).where(eq(schema.sessions.userId, other.id))).toEqual([]);
    expect(await refusal(db.delete(schema.users).where(eq(schema.users.id, trainee.id)))).toBe('23503');
  });

  it('holds a trainee to one open attempt per exam (the partial unique index), also when two start at once', async () => {
    const { institution, trainee } = await institutionAndTrainee('HZ05');
    const attempt = (examKey: string, status: 'open' | 'submitted') => ({
      traineeId: trainee.id,
      institutionId: institution.id,
      examKey,
      mode: 'exam' as const,
      seed: 's',
      paper: [],
      startedAt: 1,
      status,
    });
    await db.insert(schema.examAttempts).values(attempt('assistant-mock', 'open'));
    expect(await refusal(db.insert(schema.examAttempts).values(attempt('assistant-mock', 'open')))).toBe('23505');
    // Closed attempts of the same exam, and an open one of another exam, are not limited.
    await db
      .insert(schema.examAttempts)
      .values([attempt('assistant-mock', 'submitted'), attempt('assistant-mock', 'submitted'), attempt('retail-mock', 'open')]);
    // Once the open one is closed, a new one may open.
    await db
      .update(schema.examAttempts)
      .set({ status: 'submitted' })
      .where(and(eq(schema.examAttempts.traineeId, trainee.id), eq(schema.examAttempts.examKey, 'assistant-mock')));
    // Two starts at once, each finding no open attempt first (what a start does before inserting):
    // without the index both would insert.
    const start = () =>
      db.transaction(async (tx) => {
        const open = await tx
          .select()
          .from(schema.examAttempts)
          .where(and(eq(schema.examAttempts.traineeId, trainee.id), eq(schema.examAttempts.examKey, 'assistant-mock'), eq(schema.examAttempts.status, 'open')));
        expect(open).toEqual([]);
        await new Promise((resolve) => setTimeout(resolve, 50));
        await tx.insert(schema.examAttempts).values(attempt('assistant-mock', 'open'));
      });
    const outcomes = await Promise.all([refusal(start()), refusal(start())]);
    expect(outcomes.sort()).toEqual(['23505', 'ok']);
    const open = await db
      .select()
      .from(schema.examAttempts)
      .where(and(eq(schema.examAttempts.traineeId, trainee.id), eq(schema.examAttempts.status, 'open')));
    expect(open.map((a) => a.examKey).sort()).toEqual(['assistant-mock', 'retail-mock']);
  });

  it("keeps an LMS's issuer and client id to one institution (the trigger of SQLite's migration 0005), also when two register at once", async () => {
    const a = await institutionAndTrainee('GZ03');
    const b = await institutionAndTrainee('SZ04');
    const platform = (institutionId: number, deploymentId: string) => ({
      institutionId,
      name: 'Moodle',
      issuer: 'https://lms.example.cn',
      clientId: 'bcm',
      deploymentId,
      jwksUrl: 'https://lms.example.cn/jwks',
      authUrl: 'https://lms.example.cn/auth',
      tokenUrl: 'https://lms.example.cn/token',
      createdAt: 1,
    });
    await db.insert(schema.ltiPlatforms).values(platform(a.institution.id, 'd1'));
    await db.insert(schema.ltiPlatforms).values(platform(a.institution.id, 'd2')); // same institution: allowed
    expect(await refusal(db.insert(schema.ltiPlatforms).values(platform(a.institution.id, 'd1')))).toBe('23505'); // the live unique index
    expect(await refusal(db.insert(schema.ltiPlatforms).values(platform(b.institution.id, 'd3')))).toBe('23505'); // the trigger
    // Two institutions registering a new pair (each its own deployment, so the unique index does not
    // meet them) in two transactions at once: one wins. Without the trigger's lock both would.
    const race = (institutionId: number) =>
      db.transaction(async (tx) => {
        await tx.insert(schema.ltiPlatforms).values({ ...platform(institutionId, `d-${institutionId}`), clientId: 'raced' });
        await new Promise((resolve) => setTimeout(resolve, 50));
      });
    const outcomes = await Promise.all([refusal(race(a.institution.id)), refusal(race(b.institution.id))]);
    expect(outcomes.sort()).toEqual(['23505', 'ok']);
  });
});
