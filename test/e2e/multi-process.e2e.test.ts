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

// Two real app processes on one SQLite file (what WORKERS=2 runs, without the cluster's shared
// port, so the test chooses which process serves each request). One trainee's attempt is started
// on both at once and autosaved alternately through both; the process leading the background
// loops is killed with SIGKILL mid-load. Every acknowledged save is stored, there is one attempt,
// its deadline is unchanged, and the survivor's sweep closes an attempt whose time ran out.

const LANES = 4;
const LOAD_MS = 1500;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcm-two-'));
const dbFile = path.join(dir, 'bcm.sqlite');
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

async function startServer(port: number): Promise<ChildProcess> {
  const proc = await startServerProcess(
    port,
    {
      // One public origin for both, as behind one address (sessions and Origin checks agree).
      PUBLIC_URL: 'http://127.0.0.1',
      DATABASE_PATH: dbFile,
      DATA_DIR: dir,
      SIGNING_KEY_PATH: path.join(dir, 'signing-key.json'),
      EXAM_SWEEP_MS: '300',
      LEASE_TTL_MS: '1000',
    },
    90_000,
  );
  children.push(proc);
  return proc;
}

type Ack = { key: string; seq: number; picks: string[] };

describe('two app processes on one SQLite file', () => {
  it('keep every acknowledged save of one attempt saved through both, one of them killed mid-load, and the survivor sweeps', async () => {
    const seedDb = openDatabase(dbFile);
    await seedDemo(seedDb);
    const cohort = people.listCohorts(seedDb).find((c) => c.level === 'assistant')!;
    const latecomer = people.createUser(seedDb, {
      email: 'late@example.com',
      name: '迟到学员',
      role: 'trainee',
      institutionId: cohort.institutionId,
      passwordHash: await hashPassword(DEMO_PASSWORD),
    });
    people.enrol(seedDb, cohort.id, latecomer.id);
    seedDb.$client.close();
    const testCache = path.resolve('node_modules/.cache/bcm-test-mdx');
    if (fs.existsSync(testCache)) fs.cpSync(testCache, path.join(dir, 'cache', 'mdx'), { recursive: true });

    const ports = [await freePort(), await freePort()];
    // One after the other: the first takes the leases at start-up, so we know whom to kill.
    const procs = [await startServer(ports[0]!)];
    procs.push(await startServer(ports[1]!));
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    const headers = (cookie: string) => ({ Cookie: cookie, Origin: 'http://127.0.0.1', 'HX-Request': 'true' });

    const login = async (email: string, base: string) => {
      const res = await fetch(`${base}/login`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
        headers: { Origin: 'http://127.0.0.1' },
      });
      return res.headers
        .getSetCookie()
        .find((c) => c.startsWith('bcm_session='))!
        .split(';')[0]!;
    };
    const startOn = async (base: string, cookie: string) => {
      const res = await fetch(`${base}/exams/start/assistant-mock`, { method: 'POST', redirect: 'manual', headers: headers(cookie) });
      return Number(/(\d+)$/.exec(res.headers.get('location')!)![1]);
    };

    // Logged in on one process, known to the other (the session is a row). Started on both at once: one attempt.
    const cookie = await login('trainee@example.com', bases[0]!);
    const [id1, id2] = await Promise.all([startOn(bases[0]!, cookie), startOn(bases[1]!, cookie)]);
    expect(id1).toBe(id2);
    const attemptId = id1!;
    const html = await (await fetch(`${bases[1]}/exams/attempts/${attemptId}`, { headers: { Cookie: cookie } })).text();
    const slots = slotsIn(html);
    const deadline = Number(/data-deadline="(\d+)"/.exec(html)![1]);
    // A second trainee's attempt, to run out of time once the leader is dead.
    const lateCookie = await login('late@example.com', bases[1]!);
    const lateId = await startOn(bases[0]!, lateCookie);

    const leader = () => {
      const db = new Database(dbFile, { readonly: true });
      try {
        return db.prepare("select holder from leases where name = 'exam-sweep'").get() as { holder: string } | undefined;
      } finally {
        db.close();
      }
    };
    const leaderPid = Number(leader()!.holder.split(':').at(-2));
    const victim = procs.findIndex((p) => p.pid === leaderPid);
    expect(victim).toBeGreaterThanOrEqual(0);

    // Load: each lane saves random answers with rising sequence numbers, alternating processes.
    const acked: Ack[] = [];
    let failed = 0;
    let stop = false;
    const loop = async (lane: number) => {
      let n = 0;
      while (!stop) {
        n++;
        const slot = slots[Math.floor(Math.random() * slots.length)]!;
        const picks = slot.type === 'radio' ? [slot.values[Math.floor(Math.random() * slot.values.length)]!] : slot.values.filter(() => Math.random() < 0.5);
        const seq = n * LANES + lane + 1;
        const body = new URLSearchParams({ q: slot.key, seq: String(seq) });
        for (const p of picks) body.append('a', p);
        try {
          const res = await fetch(`${bases[(n + lane) % 2]}/exams/attempts/${attemptId}/save`, { method: 'POST', body, headers: headers(cookie) });
          await res.arrayBuffer();
          if (res.ok) acked.push({ key: slot.key, seq, picks });
          else failed++;
        } catch {
          failed++; // the connection died with its process: not acknowledged
        }
      }
    };
    const loops = Array.from({ length: LANES }, (_, lane) => loop(lane));
    const loadStart = Date.now();
    while (Date.now() - loadStart < LOAD_MS || (acked.length < 300 && Date.now() - loadStart < 20_000)) await new Promise((r) => setTimeout(r, 50));
    const ackedBeforeKill = acked.length;
    procs[victim]!.kill('SIGKILL'); // mid-stream: requests are in flight on it
    await new Promise((r) => procs[victim]!.once('exit', r));
    // The survivor carries on with half the saves; the other half fail (not acknowledged).
    await new Promise((r) => setTimeout(r, 700));
    stop = true;
    await Promise.all(loops);
    expect(ackedBeforeKill).toBeGreaterThan(150);
    expect(acked.length).toBeGreaterThan(ackedBeforeKill);

    // The late trainee's time runs out (as if the attempt began hours ago): the survivor's sweep closes it.
    const rw = new Database(dbFile);
    rw.pragma('busy_timeout = 5000');
    rw.prepare('update exam_attempts set deadline_at = ? where id = ?').run(Date.now() - 60 * 60_000, lateId);
    rw.close();
    const sweptBy = Date.now() + 15_000;
    let late: { status: string; submitted_by: string | null } | undefined;
    for (;;) {
      const db = new Database(dbFile, { readonly: true });
      late = db.prepare('select status, submitted_by from exam_attempts where id = ?').get(lateId) as typeof late;
      db.close();
      if (late!.status === 'submitted' || Date.now() > sweptBy) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(late).toEqual({ status: 'submitted', submitted_by: 'sweep' });
    expect(Number(leader()!.holder.split(':').at(-2))).toBe(procs[1 - victim]!.pid);

    // What the database holds, against what either process acknowledged.
    const db = new Database(dbFile, { readonly: true });
    const row = db.prepare('select deadline_at, status, paper, last_seq from exam_attempts where id = ?').get(attemptId) as {
      deadline_at: number;
      status: string;
      paper: string;
      last_seq: number;
    };
    const paperSlotsByKey = new Map(paperSlots(JSON.parse(row.paper) as Paper).map((s) => [s.key, s]));
    const newest = new Map<string, Ack>();
    for (const a of acked) if ((newest.get(a.key)?.seq ?? -1) < a.seq) newest.set(a.key, a);
    const lost: string[] = [];
    for (const a of newest.values()) {
      const stored = db.prepare('select answer, seq from attempt_answers where attempt_id = ? and question_key = ?').get(attemptId, a.key) as
        { answer: string; seq: number } | undefined;
      const want = encodePicks(paperSlotsByKey.get(a.key)!, a.picks);
      if (!stored || stored.seq < a.seq || (stored.seq === a.seq && stored.answer !== want)) lost.push(`${a.key} seq ${a.seq}: ${JSON.stringify(stored)}`);
    }
    const attempts = db.prepare("select count(*) n from exam_attempts a join users u on u.id = a.trainee_id where u.email = 'trainee@example.com'").get() as {
      n: number;
    };
    db.close();
    expect(lost).toEqual([]);
    expect(attempts.n).toBe(1);
    expect(row.deadline_at).toBe(deadline);
    expect(row.status).toBe('open');
    expect(row.last_seq).toBeGreaterThanOrEqual(Math.max(...acked.map((a) => a.seq)));
    console.log(
      `two processes: ${acked.length} saves acknowledged (${ackedBeforeKill} before the kill), ${failed} unacknowledged, ${newest.size} answers checked`,
    );
  }, 180_000);
});
