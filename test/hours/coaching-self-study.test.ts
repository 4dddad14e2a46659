// Exam coaching (考前辅导) is shown and readable but is not part of a level's study hours
// (docs/decisions/002, item 6): completing a coaching lesson by self-study is recorded, never
// credited, and the certificate's lines still add up to what the requirement counted.
import { describe, expect, it } from 'vitest';
import { levelPosition } from '../../src/hours/ledger/ledger.js';
import { recordHeartbeat, recordSelfCheckAnswer, studyStatus, type LessonRef } from '../../src/hours/self-study/self-study.js';
import * as store from '../../src/hours/store.js';
import { certificateFacts, courseLines } from '../../src/proof/facts.js';
import { makeTestApp, type TestApp } from '../helpers/app.js';

const MIN = 60_000;
const STUDY: LessonRef = { courseSlug: 'bcm-intro', lessonSlug: '01-role-and-duties' };

/** Reads a lesson for 80 minutes of active time and answers all its self-checks; returns the clock. */
function completeLesson(t: TestApp, traineeId: number, lesson: LessonRef, start: number): number {
  let now = start;
  recordHeartbeat(t.db, t.lms, t.catalog, traineeId, lesson, now);
  while (now < start + 80 * MIN) recordHeartbeat(t.db, t.lms, t.catalog, traineeId, lesson, (now += 30_000));
  const state = t.catalog.lesson(lesson.courseSlug, lesson.lessonSlug)!.lesson.state;
  const checks = 'ok' in state ? state.ok.frontmatter.selfCheck.map((q) => q.id) : [];
  expect(checks.length).toBeGreaterThanOrEqual(5);
  for (const q of checks) recordSelfCheckAnswer(t.db, t.lms, t.catalog, { traineeId, ...lesson, questionId: q, answer: 'A', correct: false }, now);
  return now;
}

describe('exam coaching self-study', () => {
  it('records a completed coaching lesson but credits no hours toward the level or the certificate', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions(); // an assistant cohort
    const level = t.catalog.level('assistant')!;
    const coaching = { courseSlug: level.coaching!, lessonSlug: t.catalog.course(level.coaching!)!.lessons[0]!.slug };
    const id = a.trainee.id;

    let now = completeLesson(t, id, STUDY, 0);
    now = completeLesson(t, id, coaching, now + MIN);

    const status = studyStatus(t.db, t.catalog, id, coaching)!;
    expect(status.completion.complete).toBe(true);
    expect(status.credited).toBe(false);
    const completedAt = status.completedAt;
    expect(completedAt).not.toBeNull();
    // Only the study lesson is in the ledger.
    expect(store.traineeEntries(t.db, id).map((e) => e.courseSlug)).toEqual(['bcm-intro']);

    // More reading does not credit it later, nor restamp its completion.
    recordHeartbeat(t.db, t.lms, t.catalog, id, coaching, (now += 30_000));
    expect(store.traineeEntries(t.db, id)).toHaveLength(1);
    expect(studyStatus(t.db, t.catalog, id, coaching)!.completedAt).toBe(completedAt);

    const position = levelPosition(t.db, t.catalog, id, level, undefined, now);
    expect(position.minutes.selfStudy).toBe(90); // bcm-intro 01's 2 class hours, not the coaching lesson's 3
    expect(position.hours.earnedMinutes).toBe(90);
    expect(position.hours.requiredMinutes).toBe(level.studyHours * 45);

    const facts = certificateFacts({
      db: t.db,
      catalog: t.catalog,
      blueprints: t.exams.blueprints,
      publicUrl: new URL('http://localhost:3000'),
      traineeId: id,
      cohort: a.cohort,
      serial: 'TEST-0001',
      supersedes: null,
      position,
      now,
    });
    expect(facts.courses.map((c) => c.slug)).toEqual(level.courses);
    expect(facts.otherMinutes).toBe(0);
    expect(facts.courses.reduce((s, c) => s + c.minutes, 0) + facts.hours.creditedMinutes + facts.otherMinutes!).toBe(facts.hours.totalMinutes);
    expect(courseLines(facts).total).toBe(2);
  });

  it('says under a coaching lesson that its study is recorded but not counted', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const coaching = t.catalog.level('assistant')!.coaching!;
    const lesson = t.catalog.course(coaching)!.lessons[0]!.slug;
    const cookie = await t.login(a.trainee.email);
    const html = await (await t.request(`/courses/${coaching}/${lesson}`, { cookie })).text();
    expect(html).toContain('考前辅导课：本课已有效学习 0 分钟');
    expect(html).toContain('不计入本级别要求的学习课时');
    const beat = await t.request('/study/heartbeat', { method: 'POST', cookie, headers: { 'HX-Request': 'true' }, body: t.form({ course: coaching, lesson }) });
    expect(await beat.text()).toContain('考前辅导课');
    // A study lesson keeps its own line.
    expect(await (await t.request('/courses/bcm-intro/01-role-and-duties', { cookie })).text()).toContain('即可计入');
  });
});
