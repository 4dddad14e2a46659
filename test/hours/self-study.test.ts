import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadCatalog } from '../../src/catalog/catalog.js';
import * as people from '../../src/institutions/store.js';
import { GOOD } from '../catalog/helpers.js';
import { makeTestApp } from '../helpers/app.js';
import { recordHeartbeat, recordSelfCheckAnswer, studyStatus } from '../../src/hours/self-study/self-study.js';
import * as store from '../../src/hours/store.js';

const LESSON = { courseSlug: 'bcm-intro', lessonSlug: '01-role-and-duties' }; // 2 class hours, several self-checks
const OTHER = { courseSlug: 'bcm-intro', lessonSlug: '02-customer-manager-system' };
const MIN = 60_000;

afterEach(() => {
  vi.useRealTimers();
});

describe('self-study time from heartbeats', () => {
  it('credits wall time once even with two tabs open on two lessons', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const id = a.trainee.id;
    let now = 1_000_000;
    recordHeartbeat(t.db, t.lms, t.catalog, id, LESSON, now);
    for (let i = 0; i < 20; i++) {
      now += 15_000; // the two tabs beat alternately every 15 s, each on its own 30 s cycle
      recordHeartbeat(t.db, t.lms, t.catalog, id, i % 2 ? LESSON : OTHER, now);
    }
    const total = store.traineeActivity(t.db, id).reduce((s, r) => s + r.activeMs, 0);
    expect(total).toBe(20 * 15_000); // 5 minutes of wall time, not 10
  });

  it('ignores gaps longer than the idle limit and replayed beats', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const id = a.trainee.id;
    recordHeartbeat(t.db, t.lms, t.catalog, id, LESSON, 0);
    recordHeartbeat(t.db, t.lms, t.catalog, id, LESSON, 30_000);
    recordHeartbeat(t.db, t.lms, t.catalog, id, LESSON, 30_000); // replay of the same beat
    recordHeartbeat(t.db, t.lms, t.catalog, id, LESSON, 20_000); // out of order / forged earlier time
    recordHeartbeat(t.db, t.lms, t.catalog, id, LESSON, 30_000 + 10 * MIN); // came back after 10 minutes away
    expect(store.getActivity(t.db, id, LESSON.courseSlug, LESSON.lessonSlug)?.activeMs).toBe(30_000);
  });

  it('credits the lesson hours once it has half its time active and every self-check answered', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions(); // the trainee is in an assistant cohort, which includes bcm-intro
    const id = a.trainee.id;
    let now = 0;
    recordHeartbeat(t.db, t.lms, t.catalog, id, LESSON, now);
    while (now < 45 * MIN) recordHeartbeat(t.db, t.lms, t.catalog, id, LESSON, (now += 30_000));
    expect(studyStatus(t.db, t.catalog, id, LESSON)?.completion.reasons).toEqual(['selfCheck']);
    expect(store.traineeEntries(t.db, id)).toHaveLength(0);
    const state = t.catalog.lesson(LESSON.courseSlug, LESSON.lessonSlug)!.lesson.state;
    const checks = 'ok' in state ? state.ok.frontmatter.selfCheck.map((q) => q.id) : [];
    expect(checks.length).toBeGreaterThanOrEqual(2);
    const last = checks.at(-1)!;
    for (const q of checks.slice(0, -1))
      recordSelfCheckAnswer(t.db, t.lms, t.catalog, { traineeId: id, ...LESSON, questionId: q, answer: 'A', correct: false }, now);
    expect(store.traineeEntries(t.db, id)).toHaveLength(0);
    // A wrong answer still counts as answered: the self-check is for learning, not grading.
    expect(recordSelfCheckAnswer(t.db, t.lms, t.catalog, { traineeId: id, ...LESSON, questionId: last, answer: 'C', correct: true }, now)).toBe(true);
    const entries = store.traineeEntries(t.db, id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      mode: 'selfStudy',
      minutes: 90,
      source: 'heartbeat',
      level: 'assistant',
      courseSlug: 'bcm-intro',
      lessonSlug: '01-role-and-duties',
    });
    // More reading and answering again credits nothing more.
    recordHeartbeat(t.db, t.lms, t.catalog, id, LESSON, (now += 30_000));
    recordSelfCheckAnswer(t.db, t.lms, t.catalog, { traineeId: id, ...LESSON, questionId: last, answer: 'C', correct: true }, now);
    expect(store.traineeEntries(t.db, id)).toHaveLength(1);
  });

  it('never credits an outline lesson', async () => {
    // The fixture programme keeps an outline lesson (the real courses are all being written in full).
    const catalog = await loadCatalog({ coursesDir: GOOD, cacheDir: path.resolve('node_modules/.cache/bcm-test-mdx'), production: true });
    const t = await makeTestApp({}, { catalog });
    const inst = people.createInstitution(t.db, 'OUT', '大纲培训中心');
    // 'basic' is the fixture programme's level; the column's type lists the real programme's.
    const level = 'basic' as Parameters<typeof people.createCohort>[1]['level'];
    const cohort = people.createCohort(t.db, { institutionId: inst.id, name: '基础班', level, startsOn: '2026-03-01', endsOn: '2026-06-30' });
    const trainee = await t.user('trainee', inst.id);
    people.enrol(t.db, cohort.id, trainee.id);
    const outline = { courseSlug: 'intro', lessonSlug: '02-tools' };
    let now = 0;
    recordHeartbeat(t.db, t.lms, t.catalog, trainee.id, outline, now);
    while (now < 100 * MIN) recordHeartbeat(t.db, t.lms, t.catalog, trainee.id, outline, (now += 30_000));
    expect(store.getActivity(t.db, trainee.id, outline.courseSlug, outline.lessonSlug)?.activeMs).toBeGreaterThan(60 * MIN);
    expect(studyStatus(t.db, t.catalog, trainee.id, outline)?.completion).toMatchObject({ complete: false, reasons: ['outline'] });
    expect(store.traineeEntries(t.db, trainee.id)).toHaveLength(0);
  });
});

describe('heartbeats and progress over HTTP', () => {
  it('uses only the server clock: a client timestamp in the form is ignored', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T01:00:00Z'));
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.trainee.email);
    const beat = (extra: Record<string, string> = {}) =>
      t.request('/study/heartbeat', {
        method: 'POST',
        cookie,
        headers: { 'HX-Request': 'true' },
        body: t.form({ course: 'bcm-intro', lesson: '01-role-and-duties', ...extra }),
      });
    expect((await beat()).status).toBe(200);
    vi.setSystemTime(new Date('2026-03-02T01:00:30Z'));
    const res = await beat({ at: '2026-03-02T09:00:00Z', activeMs: '99999999' });
    expect(await res.text()).toContain('本课已有效学习 0 分钟'); // 30 s so far
    expect(store.getActivity(t.db, a.trainee.id, 'bcm-intro', '01-role-and-duties')?.activeMs).toBe(30_000);
  });

  it('accepts heartbeats only from trainees, from our own origin, for lessons that exist', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const trainee = await t.login(a.trainee.email);
    const instructor = await t.login(a.instructor.email);
    const body = () => t.form({ course: 'bcm-intro', lesson: '01-role-and-duties' });
    expect((await t.request('/study/heartbeat', { method: 'POST', cookie: instructor, body: body() })).status).toBe(403);
    expect((await t.request('/study/heartbeat', { method: 'POST', cookie: trainee, headers: { Origin: 'https://evil.example' }, body: body() })).status).toBe(
      403,
    );
    expect((await t.request('/study/heartbeat', { method: 'POST', cookie: trainee, body: t.form({ course: 'bcm-intro', lesson: 'nope' }) })).status).toBe(404);
    expect((await t.request('/study/heartbeat', { method: 'POST', body: body() })).status).toBe(401);
  });

  it('shows the study status under a lesson and records self-check answers', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.trainee.email);
    const html = await (await t.request('/courses/bcm-intro/01-role-and-duties', { cookie })).text();
    expect(html).toContain('hx-post="/study/heartbeat"');
    expect(html).toContain('hx-trigger="bcm:beat from:body"');
    await t.request('/courses/bcm-intro/01-role-and-duties/self-check/role-1', {
      method: 'POST',
      cookie,
      headers: { 'HX-Request': 'true' },
      body: t.form({ answer: 'C' }),
    });
    expect(store.answeredSelfChecks(t.db, a.trainee.id, 'bcm-intro', '01-role-and-duties')).toEqual(new Set(['role-1']));
    // Instructors read lessons without a heartbeat.
    const instructorHtml = await (await t.request('/courses/bcm-intro/01-role-and-duties', { cookie: await t.login(a.instructor.email) })).text();
    expect(instructorHtml).not.toContain('/study/heartbeat');
  });

  it('reports my hours as JSON with minutes by mode, the requirement and why I may not apply yet', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    store.insertEntry(t.db, {
      traineeId: a.trainee.id,
      institutionId: a.inst.id,
      cohortId: a.cohort.id,
      level: 'assistant',
      courseSlug: 'bcm-intro',
      lessonSlug: null,
      sessionId: null,
      mode: 'faceToFace',
      minutes: 180,
      source: 'roster',
      evidence: null,
      recordedBy: a.instructor.id,
      recordedAt: 1,
      correctsId: null,
      reason: null,
    });
    const res = await t.request('/api/v1/me/hours', { cookie: await t.login(a.trainee.email) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.levels).toHaveLength(1);
    const level = body.levels[0];
    expect(level).toMatchObject({ level: 'assistant', minutes: { faceToFace: 180, remote: 0, selfStudy: 0 }, totalMinutes: 180, mayApply: false });
    expect(level.requirement.requiredMinutes).toBe(16 * 45);
    expect(level.reasons.map((r: { code: string }) => r.code)).toContain('levelHours');
    const page = await (await t.request('/me/progress', { cookie: await t.login(a.trainee.email) })).text();
    expect(page).toContain('<svg class="chart"');
    expect(page).toContain('本级别要求的学习课时还差 12 课时');
  });
});

describe('reasons in the hours JSON', () => {
  it('names the minimum-training shortfall only when it asks for more than the level itself', async () => {
    const { positionJson } = await import('../../src/hours/ledger/position-json.js');
    const { levelPosition } = await import('../../src/hours/ledger/ledger.js');
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const level = t.catalog.level('assistant')!;
    const own = positionJson(levelPosition(t.db, t.catalog, a.trainee.id, level));
    expect(own.reasons.map((r) => r.code)).toEqual(['levelHours']);
    // A level asking for fewer hours than the programme-wide minimum reports both.
    const short = positionJson(levelPosition(t.db, t.catalog, a.trainee.id, { ...level, minimumTrainingHours: 40 }));
    expect(short.reasons.map((r) => r.code)).toEqual(['levelHours', 'minimumTraining']);
  });
});
