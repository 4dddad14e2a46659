import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { seedDemo, DEMO_PASSWORD } from '../../src/institutions/demo.js';
import * as people from '../../src/institutions/store.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { encodePicks } from '../../src/exams/answers.js';
import { paperSlots, type Paper } from '../../src/exams/types.js';
import { slotsIn } from '../helpers/exams.js';
import { freePort, startServerProcess } from '../helpers/server-process.js';

// The real server as a child process, autosaving under load from several trainees at once, killed
// with SIGKILL mid-stream and restarted on the same database: every save it acknowledged (2xx) is
// stored, and every deadline is unchanged.

const TRAINEES = 5;
const LOOPS_PER_TRAINEE = 4;
const LOAD_MS = 1500;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcm-crash-'));
const dbFile = path.join(dir, 'bcm.sqlite');
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
});

function startServer(port: number): Promise<ChildProcess> {
  return startServerProcess(port, {
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_PATH: dbFile,
    DATA_DIR: dir,
    SIGNING_KEY_PATH: path.join(dir, 'signing-key.json'),
  });
}

type Client = { email: string; cookie: string; attemptId: number; slots: ReturnType<typeof slotsIn>; deadline: number };
type Ack = { attemptId: number; key: string; seq: number; picks: string[] };

describe('a server killed mid-exam', () => {
  it('keeps every acknowledged save and every deadline across SIGKILL and restart', async () => {
    // A demo institution plus more trainees in the assistant cohort, written before the server starts.
    const seedDb = openDatabase(dbFile);
    await seedDemo(seedDb);
    const cohort = people.listCohorts(seedDb).find((c) => c.level === 'assistant')!;
    const hash = await hashPassword(DEMO_PASSWORD);
    const emails = ['trainee@example.com'];
    for (let i = 1; i < TRAINEES; i++) {
      const u = people.createUser(seedDb, {
        email: `load${i}@example.com`,
        name: `学员${i}`,
        role: 'trainee',
        institutionId: cohort.institutionId,
        passwordHash: hash,
      });
      people.enrol(seedDb, cohort.id, u.id);
      emails.push(u.email);
    }
    seedDb.$client.close();
    // Reuse the compiled lessons of the test catalogue so start-up does not recompile them.
    const testCache = path.resolve('node_modules/.cache/bcm-test-mdx');
    if (fs.existsSync(testCache)) fs.cpSync(testCache, path.join(dir, 'cache', 'mdx'), { recursive: true });

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = await startServer(port);
    const post = (p: string, cookie: string, body: URLSearchParams) =>
      fetch(base + p, { method: 'POST', body, redirect: 'manual', headers: { Cookie: cookie, Origin: base, 'HX-Request': 'true' } });

    const clients: Client[] = [];
    for (const email of emails) {
      const login = await fetch(`${base}/login`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
        headers: { Origin: base },
      });
      const cookie = login.headers
        .getSetCookie()
        .find((c) => c.startsWith('bcm_session='))!
        .split(';')[0]!;
      const started = await fetch(`${base}/exams/start/assistant-mock`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: base } });
      const attemptId = Number(/(\d+)$/.exec(started.headers.get('location')!)![1]);
      const html = await (await fetch(`${base}/exams/attempts/${attemptId}`, { headers: { Cookie: cookie } })).text();
      clients.push({ email, cookie, attemptId, slots: slotsIn(html), deadline: Number(/data-deadline="(\d+)"/.exec(html)![1]) });
    }

    // Load: several loops per trainee, each saving random answers with rising sequence numbers.
    const acked: Ack[] = [];
    let failed = 0;
    let stop = false;
    const loop = async (c: Client, lane: number) => {
      let n = 0;
      while (!stop) {
        const slot = c.slots[Math.floor(Math.random() * c.slots.length)]!;
        const picks = slot.type === 'radio' ? [slot.values[Math.floor(Math.random() * slot.values.length)]!] : slot.values.filter(() => Math.random() < 0.5);
        // Unique per attempt and increasing per lane, like the browser's time-based numbers.
        const seq = ++n * LOOPS_PER_TRAINEE + lane + 1;
        const body = new URLSearchParams({ q: slot.key, seq: String(seq) });
        for (const p of picks) body.append('a', p);
        try {
          const res = await post(`/exams/attempts/${c.attemptId}/save`, c.cookie, body);
          await res.arrayBuffer();
          if (res.ok) acked.push({ attemptId: c.attemptId, key: slot.key, seq, picks });
          else failed++;
        } catch {
          failed++; // the connection died with the server: not acknowledged
        }
      }
    };
    const loops = clients.flatMap((c) => Array.from({ length: LOOPS_PER_TRAINEE }, (_, lane) => loop(c, lane)));
    // Run the load for LOAD_MS, and longer on a slow machine until enough saves were acknowledged
    // for the check to mean something (CI shares two cores with other test files).
    const loadStart = Date.now();
    while (Date.now() - loadStart < LOAD_MS || (acked.length < 300 && Date.now() - loadStart < 20_000)) {
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL'); // mid-stream: requests are in flight
    await new Promise((r) => child!.once('exit', r));
    stop = true;
    await Promise.all(loops);
    expect(acked.length).toBeGreaterThan(200);

    child = await startServer(port);

    // What the database holds, against what the server acknowledged.
    const db = new Database(dbFile, { readonly: true });
    const attempts = new Map(
      clients.map((c) => {
        const row = db.prepare('select deadline_at, status, paper from exam_attempts where id = ?').get(c.attemptId) as {
          deadline_at: number;
          status: string;
          paper: string;
        };
        return [c.attemptId, { ...row, slots: new Map(paperSlots(JSON.parse(row.paper) as Paper).map((s) => [s.key, s])) }];
      }),
    );
    const newest = new Map<string, Ack>();
    for (const a of acked) {
      const k = `${a.attemptId}|${a.key}`;
      if ((newest.get(k)?.seq ?? -1) < a.seq) newest.set(k, a);
    }
    const lost: string[] = [];
    for (const a of newest.values()) {
      const row = db.prepare('select answer, seq from attempt_answers where attempt_id = ? and question_key = ?').get(a.attemptId, a.key) as
        { answer: string; seq: number } | undefined;
      const want = encodePicks(attempts.get(a.attemptId)!.slots.get(a.key)!, a.picks);
      // The stored answer is the acknowledged one, or a newer save that may have landed unacknowledged.
      if (!row || row.seq < a.seq || (row.seq === a.seq && row.answer !== want)) lost.push(`${a.attemptId} ${a.key} seq ${a.seq}: ${JSON.stringify(row)}`);
    }
    expect(lost).toEqual([]);
    for (const c of clients) {
      const row = attempts.get(c.attemptId)!;
      expect(row.deadline_at).toBe(c.deadline);
      expect(row.status).toBe('open');
      const lastSeq = (db.prepare('select last_seq from exam_attempts where id = ?').get(c.attemptId) as { last_seq: number }).last_seq;
      expect(lastSeq).toBeGreaterThanOrEqual(Math.max(0, ...acked.filter((a) => a.attemptId === c.attemptId).map((a) => a.seq)));
    }
    db.close();

    // The restarted server carries on: same deadline on the page, saves accepted.
    const c = clients[0]!;
    const html = await (await fetch(`${base}/exams/attempts/${c.attemptId}`, { headers: { Cookie: c.cookie } })).text();
    expect(html).toContain(`data-deadline="${c.deadline}"`);
    const res = await post(
      `/exams/attempts/${c.attemptId}/save`,
      c.cookie,
      new URLSearchParams({ q: c.slots[0]!.key, a: c.slots[0]!.values[0]!, seq: String(10_000_000) }),
    );
    expect(res.status).toBe(200);
    console.log(`crash test: ${acked.length} saves acknowledged, ${failed} unacknowledged, ${newest.size} answers checked`);
  }, 120_000);
});
