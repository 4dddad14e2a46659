import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/app.js';
import { xapiQueue } from '../../src/db/schema.js';
import { drainStatements, enqueueStatements, sendDueStatements, backoffMs } from '../../src/lms/xapi/queue.js';
import { examSubmittedStatements, isoDuration, lessonStatements, sessionStatement, VERBS, type Statement } from '../../src/lms/xapi/statements.js';
import { startLmsWorkers } from '../../src/lms/workers.js';
import { recordHeartbeat, recordSelfCheckAnswer } from '../../src/hours/self-study/self-study.js';
import { insertClass } from '../../src/hours/store.js';
import { settleClassCredit } from '../../src/hours/classes/credit.js';

const HOUR = 60 * 60_000;

/**
 * A stub Learning Record Store. It stores statements by id like a real one (a second copy of a
 * stored id is answered 409 on PUT; a batch containing one is refused whole with 409), and can be
 * told to fail, to fail after storing (the "we crashed before marking it sent" case), or to stop.
 */
async function stubLrs() {
  const stored = new Map<string, { statement: Statement; copies: number }>();
  const seen = { requests: 0, auth: [] as string[], versions: [] as string[] };
  let mode: 'ok' | 'fail' | 'storeThenFail' = 'ok';
  const server = http.createServer(async (req, res) => {
    seen.requests++;
    seen.auth.push(req.headers.authorization ?? '');
    seen.versions.push(String(req.headers['x-experience-api-version']));
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/xapi/statements') return res.writeHead(404).end();
    if (mode === 'fail') return res.writeHead(500).end('{"error":"down"}');
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const list: Statement[] = Array.isArray(body) ? body : [body];
    if (req.method === 'POST' && list.some((s) => stored.has(s.id))) return res.writeHead(409).end();
    if (req.method === 'PUT' && stored.has(url.searchParams.get('statementId') ?? '')) {
      stored.get(url.searchParams.get('statementId')!)!.copies++;
      return res.writeHead(409).end();
    }
    for (const s of list) stored.set(s.id, { statement: s, copies: 1 });
    if (mode === 'storeThenFail') return res.writeHead(502).end();
    res.writeHead(req.method === 'PUT' ? 204 : 200, { 'Content-Type': 'application/json' }).end(JSON.stringify(list.map((s) => s.id)));
  });
  const listen = (port = 0) => new Promise<number>((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
  const port = await listen();
  return {
    url: `http://127.0.0.1:${port}/xapi`,
    stored,
    seen,
    setMode: (m: typeof mode) => (mode = m),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    restart: () => listen(port),
  };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(withLrs = true) {
  const lrs = await stubLrs();
  cleanups.push(lrs.stop);
  // The LRS as an operator sets it: XAPI_LRS_* in the environment, read by config.ts.
  const t = await makeTestApp(withLrs ? { XAPI_LRS_URL: lrs.url, XAPI_LRS_USERNAME: 'bcm', XAPI_LRS_PASSWORD: 's3cret' } : {});
  const rt = t.lms;
  const { a } = await t.twoInstitutions();
  return { t, lrs, rt, a };
}

const queued = (t: Awaited<ReturnType<typeof makeTestApp>>) => t.db.select().from(xapiQueue).all();

describe('xAPI statements', () => {
  it('writes ISO 8601 durations and ADL verbs, with the actor as an account on our site', () => {
    expect([isoDuration(45 * 60_000), isoDuration(90 * 60_000), isoDuration(12_500), isoDuration(0), isoDuration(3_723_000)]).toEqual([
      'PT45M',
      'PT1H30M',
      'PT12.5S',
      'PT0S',
      'PT1H2M3S',
    ]);
    const ctx = { publicUrl: new URL('https://bcm.example.cn/'), actor: 'account' as const, now: Date.UTC(2026, 2, 1, 2) };
    const who = { id: 42, email: 'li@a.example' };
    const [experienced, completed] = lessonStatements(ctx, who, {
      courseSlug: 'bcm-intro',
      lessonSlug: '01-role',
      lessonTitle: '第一课',
      activeMs: 45 * 60_000,
    });
    expect(experienced.verb.id).toBe('http://adlnet.gov/expapi/verbs/experienced');
    expect(completed).toMatchObject({
      actor: { objectType: 'Agent', account: { homePage: 'https://bcm.example.cn/', name: '42' } },
      verb: VERBS.completed,
      object: {
        objectType: 'Activity',
        id: 'https://bcm.example.cn/courses/bcm-intro/01-role',
        definition: { type: 'http://adlnet.gov/expapi/activities/lesson', name: { 'zh-CN': '第一课' } },
      },
      result: { completion: true, duration: 'PT45M' },
      timestamp: '2026-03-01T02:00:00.000Z',
    });
    expect(completed.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(experienced.id).not.toBe(completed.id);

    const attended = sessionStatement({ ...ctx, actor: 'mbox' }, who, {
      sessionId: 5,
      title: '面授课',
      mode: 'faceToFace',
      courseSlug: 'bcm-intro',
      minutes: 90,
    });
    expect(attended.actor).toEqual({ objectType: 'Agent', mbox: 'mailto:li@a.example' });
    expect(attended.verb.id).toBe('http://adlnet.gov/expapi/verbs/attended');
    expect(attended.result).toEqual({ completion: true, duration: 'PT1H30M' });
    expect(attended.context.extensions).toEqual({
      'https://bcm.example.cn/xapi/extensions/mode': 'faceToFace',
      'https://bcm.example.cn/xapi/extensions/minutes': 90,
    });
    // A placeholder address (LMS user without e-mail) is never sent as a mailbox.
    expect(
      sessionStatement(
        { ...ctx, actor: 'mbox' },
        { id: 7, email: 'lti-1-abc@lti.invalid' },
        { sessionId: 5, title: 'x', mode: 'remote', courseSlug: 'c', minutes: 1 },
      ).actor,
    ).toHaveProperty('account');

    const exam = examSubmittedStatements(ctx, who, {
      attemptId: 9,
      examKey: 'assistant-mock',
      mode: 'exam',
      startedAt: ctx.now - 50 * 60_000,
      submittedAt: ctx.now,
      score: 72,
      maxScore: 120,
      passed: false,
    });
    expect(exam.map((s) => s.verb.id.split('/').pop())).toEqual(['completed', 'failed']);
    expect(exam[1].result).toEqual({ completion: true, success: false, duration: 'PT50M', score: { scaled: 0.6, raw: 72, min: 0, max: 120 } });
  });

  it('queues lesson, attendance and exam statements from the hooks, inside the same transaction', async () => {
    const { t, a } = await setup();
    // A lesson read to completion (2 class hours; half of it active, every self-check answered).
    const lesson = { courseSlug: 'bcm-intro', lessonSlug: '01-role-and-duties' };
    let now = 0;
    recordHeartbeat(t.db, t.lms, t.catalog, a.trainee.id, lesson, now);
    while (now < 45 * 60_000) recordHeartbeat(t.db, t.lms, t.catalog, a.trainee.id, lesson, (now += 30_000));
    const state = t.catalog.lesson(lesson.courseSlug, lesson.lessonSlug)!.lesson.state;
    const checks = 'ok' in state ? state.ok.frontmatter.selfCheck.map((q) => q.id) : [];
    for (const q of checks)
      recordSelfCheckAnswer(t.db, t.lms, t.catalog, { traineeId: a.trainee.id, ...lesson, questionId: q, answer: 'A', correct: true }, now);
    const lessonRows = queued(t).map((r) => r.statement as Statement);
    expect(lessonRows.map((s) => s.verb.display['en-US'])).toEqual(['experienced', 'completed']);
    expect(lessonRows[1]).toMatchObject({
      actor: { account: { homePage: 'http://localhost:3000/', name: String(a.trainee.id) } },
      result: { completion: true, duration: 'PT45M' },
    });
    expect(lessonRows[1].context.contextActivities?.parent?.[0].id).toBe('http://localhost:3000/courses/bcm-intro');

    // Attendance credited from the roster, then changed: one statement per change with minutes.
    const session = insertClass(t.db, {
      cohortId: a.cohort.id,
      institutionId: a.inst.id,
      mode: 'faceToFace',
      courseSlug: 'bcm-intro',
      title: '客户经理职责（面授）',
      startsAt: Date.UTC(2026, 2, 2, 1),
      endsAt: Date.UTC(2026, 2, 2, 2, 30),
      checkInSecret: Buffer.alloc(32),
      createdAt: 0,
    });
    const settle = (creditMinutes: number) =>
      settleClassCredit(
        t.db,
        t.lms,
        { session, cohort: a.cohort, traineeId: a.trainee.id, creditMinutes, source: 'roster', evidence: {}, recordedBy: a.instructor.id },
        Date.now(),
      );
    settle(90);
    settle(90); // unchanged: nothing new
    settle(60);
    settle(0); // marked absent: no "attended"
    const attended = queued(t)
      .map((r) => r.statement as Statement)
      .filter((s) => s.verb.id.endsWith('/attended'));
    expect(attended.map((s) => s.context.extensions?.['http://localhost:3000/xapi/extensions/minutes'])).toEqual([90, 60]);
    expect(attended[0].context.extensions?.['http://localhost:3000/xapi/extensions/mode']).toBe('faceToFace');

    // Exams: the hook API the exams feature calls.
    const attempt = {
      id: 1,
      traineeId: a.trainee.id,
      institutionId: a.inst.id,
      examKey: 'assistant-mock',
      mode: 'exam' as const,
      status: 'submitted' as const,
      startedAt: 1_000,
      submittedAt: 1_000 + 30 * 60_000,
      score: 90,
      maxScore: 100,
      passed: true,
    };
    t.lms.onExamStarted(t.db, { ...attempt, status: 'open', submittedAt: null, score: null, maxScore: null, passed: null });
    t.lms.onExamSubmitted(t.db, attempt);
    const exam = queued(t)
      .map((r) => r.statement as Statement)
      .filter((s) => s.object.id.endsWith('/exams/assistant-mock'));
    expect(exam.map((s) => s.verb.display['en-US'])).toEqual(['attempted', 'completed', 'passed']);
    expect(exam[0].object.definition.name).toEqual({ 'zh-CN': '助理级银行客户经理模拟考试', 'en-US': 'Assistant Bank Customer Manager mock exam' });
    expect(exam[2].result).toMatchObject({ success: true, score: { scaled: 0.9, raw: 90, max: 100 }, duration: 'PT30M' });
  });

  it('tells the LMS of attendance only once the class has ended, with what the roster says then', async () => {
    const { t, a, rt } = await setup();
    const startsAt = Date.now() - 10 * 60_000;
    const session = insertClass(t.db, {
      cohortId: a.cohort.id,
      institutionId: a.inst.id,
      mode: 'faceToFace',
      courseSlug: 'bcm-intro',
      title: '正在上的面授课',
      startsAt,
      endsAt: startsAt + 90 * 60_000,
      checkInSecret: Buffer.alloc(32),
      createdAt: 0,
    });
    const settle = (creditMinutes: number, now: number) =>
      settleClassCredit(
        t.db,
        t.lms,
        { session, cohort: a.cohort, traineeId: a.trainee.id, creditMinutes, source: 'check-in', evidence: {}, recordedBy: null },
        now,
      );
    const attended = () => queued(t).filter((r) => (r.statement as Statement).verb.id.endsWith('/attended'));

    settle(90, startsAt + 5 * 60_000); // checks in during the class
    expect(attended()).toHaveLength(1);
    expect(attended()[0]).toMatchObject({ nextTryAt: session.endsAt, sentAt: null });
    expect((attended()[0].statement as Statement).timestamp).toBe(new Date(session.endsAt).toISOString());
    // Nothing goes out while the class runs.
    expect(await drainStatements(rt, t.db, startsAt + 30 * 60_000)).toEqual({ sent: 0, retried: 0 });

    settle(0, startsAt + 20 * 60_000); // the instructor corrects the roster to absent: nothing is left to send
    expect(attended()).toEqual([]);
    settle(60, startsAt + 40 * 60_000); // and back to 60 minutes: one statement, the latest
    expect(attended().map((r) => (r.statement as Statement).context.extensions?.['http://localhost:3000/xapi/extensions/minutes'])).toEqual([60]);

    // After the end, a change is a statement of its own, sent at once.
    settle(90, session.endsAt + 60_000);
    expect(attended().map((r) => r.nextTryAt)).toEqual([session.endsAt, session.endsAt + 60_000]);
  });

  it('queues nothing when no LRS is configured, and a hook never breaks its caller', async () => {
    const { t, a } = await setup(false);
    t.lms.onLessonCompleted(t.db, { traineeId: a.trainee.id, courseSlug: 'bcm-intro', lessonSlug: '01-role-and-duties', activeMs: 1 });
    t.lms.onSessionAttended(t.db, {
      traineeId: a.trainee.id,
      creditMinutes: 30,
      session: { id: 1, title: 'x', mode: 'remote', courseSlug: 'bcm-intro', endsAt: 0 },
    });
    expect(queued(t)).toEqual([]);
    const broken = await setup();
    broken.t.db.$client.exec('drop table xapi_queue'); // whatever goes wrong on the LMS side…
    expect(() =>
      broken.t.lms.onLessonCompleted(broken.t.db, { traineeId: broken.a.trainee.id, courseSlug: 'bcm-intro', lessonSlug: 'x', activeMs: 1 }),
    ).not.toThrow();
  });
});

describe('xAPI queue against an LRS that fails and recovers', () => {
  it('keeps every statement through a 500 and a refused connection, then delivers each exactly once', async () => {
    const { t, lrs, rt, a } = await setup();
    const ctx = { publicUrl: t.config.publicUrl, actor: 'account' as const, now: Date.now() };
    const statements = Array.from({ length: 120 }, (_, i) =>
      sessionStatement(ctx, { id: a.trainee.id, email: '' }, { sessionId: i, title: `课 ${i}`, mode: 'remote', courseSlug: 'bcm-intro', minutes: 45 }),
    );
    enqueueStatements(rt, t.db, statements, 0);

    lrs.setMode('fail');
    let now = 1_000;
    expect(await sendDueStatements(rt, t.db, now)).toEqual({ sent: 0, retried: 50 });
    expect(queued(t).filter((r) => r.tries === 1 && r.lastError === 'LRS answered HTTP 500')).toHaveLength(50);

    await lrs.stop(); // connection refused
    now += HOUR;
    const refused = await sendDueStatements(rt, t.db, now);
    expect(refused.sent).toBe(0);
    expect(queued(t).some((r) => r.lastError?.startsWith('LRS unreachable'))).toBe(true);

    await lrs.restart();
    lrs.setMode('storeThenFail'); // the LRS stores a batch but we never hear back
    now += HOUR;
    await sendDueStatements(rt, t.db, now);
    expect(lrs.stored.size).toBe(50);

    lrs.setMode('ok');
    now += 2 * HOUR;
    const report = await drainStatements(rt, t.db, now);
    expect(report.retried).toBe(0);
    expect(queued(t).every((r) => r.sentAt !== null)).toBe(true);
    expect(lrs.stored.size).toBe(120);
    expect(new Set(statements.map((s) => s.id))).toEqual(new Set(lrs.stored.keys()));
    // The batch we were not sure about was re-sent, recognised by id (409), and stored once.
    expect([...lrs.stored.values()].every((s) => s.copies <= 2)).toBe(true);
    expect(lrs.seen.versions.every((v) => v === '1.0.3')).toBe(true);
    expect(lrs.seen.auth.every((h) => h === `Basic ${Buffer.from('bcm:s3cret').toString('base64')}`)).toBe(true);
    expect(await sendDueStatements(rt, t.db, now + 10 * HOUR)).toEqual({ sent: 0, retried: 0 }); // nothing twice
  });

  it('backs off exponentially with jitter up to an hour, and the worker loop sends on its own', async () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 0.5))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(backoffMs(30, 0.5)).toBe(HOUR);
    expect(backoffMs(1, 0)).toBe(8_000);
    expect(backoffMs(1, 1)).toBe(12_000);

    const { t, lrs, rt, a } = await setup();
    t.lms.onSessionAttended(t.db, {
      traineeId: a.trainee.id,
      creditMinutes: 45,
      session: { id: 3, title: '远程课', mode: 'remote', courseSlug: 'bcm-intro', endsAt: 0 },
    });
    const workers = startLmsWorkers({ db: t.db, logger: rt.logger!, lms: rt }, { intervalMs: 60_000 });
    cleanups.push(async () => workers.stop());
    await Promise.all([workers.tick(), workers.tick()]); // overlapping ticks share one run
    expect(lrs.stored.size).toBe(1);
    expect(lrs.seen.requests).toBe(1);
  });
});
