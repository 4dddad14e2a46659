import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { examAttempts, ltiGradeSync } from '../../src/db/schema.js';
import * as people from '../../src/institutions/store.js';
import type { ExamAttempt } from '../../src/lms/events.js';
import { MAX_GRADE_TRIES, sendDueGrades } from '../../src/lms/lti/grades.js';
import { scoresUrl } from '../../src/lms/lti/services.js';
import { startAttempt, finaliseAttempt } from '../../src/exams/attempts.js';
import * as lmsStore from '../../src/lms/store.js';
import { lmsTest, type LmsTest } from './helpers.js';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const AGS = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
const HOUR = 60 * 60_000;

/** A learner opens the mock-exam placement (with its gradebook column) from the LMS. */
async function launchExam(lms: LmsTest, lineItem: string, sub = 'exam-taker', lineItemUrl = `${lms.platform.base}/lineitems/${lineItem}`) {
  const { res } = await lms.launch({
    extra: {
      sub,
      email: `${sub}@a.example`,
      [`${LTI}resource_link`]: { id: `exam-link-${lineItem}` },
      [`${LTI}custom`]: { bcm_target: 'exam:assistant-mock' },
      [AGS]: { scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'], lineitems: `${lms.platform.base}/lineitems`, lineitem: lineItemUrl },
    },
  });
  expect(res.status).toBe(303);
  expect(res.headers.get('Location')).toBe('/exams?exam=assistant-mock');
  return people.findPersonByEmail(lms.t.db, `${sub}@a.example`)!;
}

/** A submitted attempt as the exams feature stores it. */
function submittedAttempt(lms: LmsTest, traineeId: number, o: Partial<ExamAttempt> = {}): ExamAttempt {
  const now = Date.now();
  const row = lms.t.db
    .insert(examAttempts)
    .values({
      traineeId,
      institutionId: lms.people.a.inst.id,
      cohortId: lms.people.a.cohort.id,
      examKey: 'assistant-mock',
      mode: 'exam',
      seed: 'seed',
      paper: { sections: [] },
      startedAt: now - 40 * 60_000,
      deadlineAt: now + 20 * 60_000,
      status: 'submitted',
      submittedAt: now,
      submittedBy: 'trainee',
      score: 72,
      maxScore: 100,
      passed: true,
      ...o,
    })
    .returning()
    .get();
  return row;
}

const grades = (lms: LmsTest) => lms.t.db.select().from(ltiGradeSync).all();

describe('grade passback (AGS)', () => {
  it('sends nothing for an exam awaiting the marking of written answers (待阅卷), and the score once the last is marked', async () => {
    const lms = await lmsTest();
    const trainee = await launchExam(lms, '9', 'writer');
    const attempt = submittedAttempt(lms, trainee.id, { score: null, passed: null });
    lms.rt.onExamSubmitted(lms.t.db, attempt);
    expect(grades(lms)).toEqual([]);
    // Marking finished: the exams feature stores the score, then reports it.
    lms.t.db.update(examAttempts).set({ score: 81, passed: true }).where(eq(examAttempts.id, attempt.id)).run();
    lms.rt.onExamMarked(lms.t.db, attempt.id);
    expect(grades(lms)).toMatchObject([{ status: 'pending', scoreGiven: 81, scoreMaximum: 100, userSubject: 'writer' }]);
  });

  it('queues the score of an exam opened from the LMS and posts it with a client-credentials token, retrying after a failure', async () => {
    const lms = await lmsTest();
    const trainee = await launchExam(lms, '7');
    const attempt = submittedAttempt(lms, trainee.id);
    lms.rt.onExamSubmitted(lms.t.db, attempt);
    lms.rt.onExamSubmitted(lms.t.db, attempt); // a second call (sweep racing the trainee) queues nothing more
    expect(grades(lms)).toMatchObject([
      { status: 'pending', scoreGiven: 72, scoreMaximum: 100, userSubject: 'exam-taker', lineItemUrl: `${lms.platform.base}/lineitems/7`, tries: 0 },
    ]);

    lms.platform.state.failScores = { remaining: 1, status: 503 };
    const now = Date.now();
    expect(await sendDueGrades(lms.rt, lms.t.db, now)).toEqual({ sent: 0, retried: 1, failed: 0 });
    const [waiting] = grades(lms);
    expect(waiting).toMatchObject({ status: 'pending', tries: 1, lastError: expect.stringContaining('HTTP 503') });
    expect(waiting.nextTryAt).toBeGreaterThan(now + 5_000);
    expect(await sendDueGrades(lms.rt, lms.t.db, now)).toEqual({ sent: 0, retried: 0, failed: 0 }); // not due yet

    expect(await sendDueGrades(lms.rt, lms.t.db, now + HOUR)).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(grades(lms)[0]).toMatchObject({ status: 'sent', lastError: null });
    expect(lms.platform.state.scores).toHaveLength(1);
    const [received] = lms.platform.state.scores;
    expect(received.lineItem).toBe(`${lms.platform.base}/lineitems/7`);
    expect(received.body).toMatchObject({
      userId: 'exam-taker',
      scoreGiven: 72,
      scoreMaximum: 100,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
    });
    expect(new Date(received.body.timestamp as string).getTime()).toBe(attempt.submittedAt);
    // One token for both tries: cached until it expires, asked for with the score scope only.
    expect(lms.platform.state.tokensIssued).toEqual([{ token: expect.any(String), scope: 'https://purl.imsglobal.org/spec/lti-ags/scope/score' }]);
  });

  it('is wired into the exams feature: finalising an attempt started from the LMS queues its score', async () => {
    const lms = await lmsTest();
    await lms.launch({ extra: { sub: 'first' } }); // the LMS course becomes known; the admin links it
    lmsStore.setContextCohort(lms.t.db, lms.registered.id, 'course-1', lms.people.a.cohort.id);
    const trainee = await launchExam(lms, '11', 'real-exam'); // enrolled in the assistant cohort by the launch
    const deps = { db: lms.t.db, catalog: lms.t.catalog, config: lms.t.config, exams: lms.t.exams, lms: lms.rt };
    const started = startAttempt(deps, trainee, 'assistant-mock');
    if (started.kind !== 'ok') throw new Error(`exam did not start: ${started.kind}`);
    expect(grades(lms)).toEqual([]);
    expect(finaliseAttempt(deps, started.attemptId, 'trainee')).toBeDefined();
    expect(grades(lms)).toMatchObject([{ attemptId: started.attemptId, scoreGiven: 0, userSubject: 'real-exam', status: 'pending' }]);
    expect(grades(lms)[0].scoreMaximum).toBeGreaterThan(0);
    expect(await sendDueGrades(lms.rt, lms.t.db)).toEqual({ sent: 1, retried: 0, failed: 0 });
  });

  it('sends nothing for practice runs or exams never opened from an LMS', async () => {
    const lms = await lmsTest();
    const trainee = await launchExam(lms, '8');
    lms.rt.onExamSubmitted(lms.t.db, submittedAttempt(lms, trainee.id, { mode: 'practice', examKey: 'practice:bcm-intro', passed: null }));
    lms.rt.onExamSubmitted(lms.t.db, submittedAttempt(lms, lms.people.a.trainee.id));
    lms.rt.onExamSubmitted(lms.t.db, submittedAttempt(lms, trainee.id, { status: 'open', submittedAt: null, score: null }));
    expect(grades(lms)).toEqual([]);
  });

  it('marks a score failed when the LMS refuses it for good, shows it, and lets staff queue it again', async () => {
    const lms = await lmsTest();
    // The column was deleted in the LMS: its scores URL answers 404, which no retry will change.
    const trainee = await launchExam(lms, 'gone', 'exam-taker', `${lms.platform.base}/deleted/gone`);
    lms.rt.onExamSubmitted(lms.t.db, submittedAttempt(lms, trainee.id));
    expect(await sendDueGrades(lms.rt, lms.t.db)).toEqual({ sent: 0, retried: 0, failed: 1 });
    const [failed] = grades(lms);
    expect(failed).toMatchObject({ status: 'failed', tries: 1, lastError: expect.stringContaining('HTTP 404') });

    const admin = await lms.t.login('admin@a.example');
    const page = await lms.t.request('/lms/grades', { cookie: admin });
    const html = await page.text();
    expect(html).toContain(`data-status="failed"`);
    expect(html).toContain('HTTP 404');
    expect(html).toContain('助理级银行客户经理模拟考试');

    // The instructor of the attempt's cohort sees it too; another institution's staff do not.
    expect(await (await lms.t.request('/lms/grades', { cookie: await lms.t.login('instructor@a.example') })).text()).toContain('data-status="failed"');
    const otherAdmin = await lms.t.login('admin@b.example');
    expect(await (await lms.t.request('/lms/grades', { cookie: otherAdmin })).text()).not.toContain('data-status');
    expect((await lms.t.request(`/lms/grades/${failed.id}/retry`, { method: 'POST', cookie: otherAdmin })).status).toBe(404);
    expect((await lms.t.request('/lms/grades', { cookie: await lms.t.login('trainee@a.example') })).status).toBe(403);

    const retry = await lms.t.request(`/lms/grades/${failed.id}/retry`, { method: 'POST', cookie: admin });
    expect(retry.status).toBe(303);
    expect(grades(lms)[0]).toMatchObject({ status: 'pending', tries: 0 });
  });

  it('gives up after the last try on errors that might pass, and the assertion it sends is a proper one', async () => {
    const lms = await lmsTest();
    const trainee = await launchExam(lms, '9');
    lms.rt.onExamSubmitted(lms.t.db, submittedAttempt(lms, trainee.id));
    lms.platform.state.failScores = { remaining: 100, status: 500 };
    let now = Date.now();
    for (let i = 0; i < MAX_GRADE_TRIES; i++) {
      await sendDueGrades(lms.rt, lms.t.db, now);
      now += 2 * HOUR;
    }
    expect(grades(lms)[0]).toMatchObject({ status: 'failed', tries: MAX_GRADE_TRIES });
    expect(scoresUrl('https://lms.example/api/lineitems/5?type=x')).toBe('https://lms.example/api/lineitems/5/scores?type=x');
    // The platform verified our client assertion against our JWKS before issuing the token;
    // an assertion signed by anyone else is refused.
    const bad = await fetch(`${lms.platform.base}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: 'e30.e30.x',
        scope: 'x',
      }),
    });
    expect(bad.status).toBe(401);
  });
});
