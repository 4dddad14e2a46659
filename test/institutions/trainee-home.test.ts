import { describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.js';
import { start } from '../helpers/exams.js';
import { addSession, MIN } from '../hours/helpers.js';
import { recordHeartbeat, recordSelfCheckAnswer } from '../../src/hours/self-study/self-study.js';
import { recordMark } from '../../src/hours/attendance/face-to-face.js';
import type { Cohort } from '../../src/institutions/store.js';

// The trainee's home (/me): each fact it shows comes from that trainee's own records, and the
// syllabus ticks only the lessons whose self-study the ledger credits to the viewer.

const READ = { courseSlug: 'bcm-intro', lessonSlug: '01-role-and-duties' }; // 2 class hours
const LATER = { courseSlug: 'bcm-intro', lessonSlug: '02-customer-manager-system' };
const LATER_TITLE = '客户经理制、职业发展与BCM认证体系';

/** Reads READ to completion (active time and every self-check) and then opens LATER briefly. */
function study(t: TestApp, traineeId: number, from: number): void {
  let now = from;
  recordHeartbeat(t.db, t.lms, t.catalog, traineeId, READ, now);
  while (now < from + 65 * MIN) recordHeartbeat(t.db, t.lms, t.catalog, traineeId, READ, (now += 30_000));
  const state = t.catalog.lesson(READ.courseSlug, READ.lessonSlug)!.lesson.state;
  for (const q of 'ok' in state ? state.ok.frontmatter.selfCheck : []) {
    recordSelfCheckAnswer(t.db, t.lms, t.catalog, { traineeId, ...READ, questionId: q.id, answer: 'A', correct: false }, now);
  }
  recordHeartbeat(t.db, t.lms, t.catalog, traineeId, LATER, (now += 30_000));
  recordHeartbeat(t.db, t.lms, t.catalog, traineeId, LATER, now + 30_000);
}

/** A trainee with self-study credited, a class attended yesterday and one tomorrow, and a mock exam running. */
async function busyTrainee() {
  const t = await makeTestApp();
  const { a, b } = await t.twoInstitutions();
  const now = Date.now();
  const past = addSession(t, a.cohort as Cohort, { startsAt: now - 26 * 60 * MIN, minutes: 180 });
  recordMark(
    t.db,
    t.lms,
    {
      session: past,
      cohort: a.cohort as Cohort,
      traineeId: a.trainee.id,
      status: 'present',
      minutes: null,
      note: null,
      source: 'roster',
      recordedBy: a.instructor.id,
    },
    now - 20 * 60 * MIN,
  );
  addSession(t, a.cohort as Cohort, { startsAt: now + 24 * 60 * MIN, title: '明天的面授课' });
  study(t, a.trainee.id, now - 3 * 60 * MIN);
  const cookie = await t.login(a.trainee.email);
  const attemptId = await start(t, cookie, 'assistant-mock');
  return { t, a, b, cookie, attemptId };
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe("a trainee's home says what to do next", () => {
  it('shows the lesson to continue, hours by mode against the level, the next class and the running mock exam', async () => {
    const { t, cookie, attemptId } = await busyTrainee();
    const res = await t.request('/me', { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    const page = text(html);

    // Continue: the lesson read last, linked to itself.
    expect(page).toContain('继续学习');
    expect(page).toContain(LATER_TITLE);
    expect(html).toContain(`href="/courses/${LATER.courseSlug}/${LATER.lessonSlug}"`);

    // Hours (45-minute class hours): 4 face to face, 2 self-study, none remote; 6 of the assistant level's 16.
    expect(page).toMatch(/面授\s+4 课时/);
    expect(page).toMatch(/远程\s+0 课时/);
    expect(page).toMatch(/自学\s+2 课时/);
    expect(page).toContain('合计 6 / 16 课时');
    expect(page).toContain('还差 10 课时');

    // The next class: tomorrow's, with its room; no check-in yet (the window opens 15 minutes before).
    expect(page).toContain('明天的面授课');
    expect(page).toContain('301 教室');
    expect(html).not.toContain('data-testid="home-checkin"');

    // The mock exam in progress, with the time left and a way back into it.
    expect(page).toMatch(/进行中，剩余 \d+ 分钟/);
    expect(html).toContain(`href="/exams/attempts/${attemptId}"`);

    // What blocks applying, each with its link.
    expect(page).toContain('以下事项完成后才能申请');
    expect(html).toMatch(/data-code="levelHours">[^<]*<a href="\/me\/progress">/);
  });

  it('offers the check-in while a face-to-face class is open for it', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    addSession(t, a.cohort as Cohort, { startsAt: Date.now() + 10 * MIN, title: '即将开始的课' });
    const html = await (await t.request('/me', { cookie: await t.login(a.trainee.email) })).text();
    expect(html).toContain('即将开始的课');
    expect(html).toMatch(/<a class="button" href="\/checkin" data-testid="home-checkin">/);
  });

  it('shows a trainee of another institution none of it', async () => {
    const { t, b } = await busyTrainee();
    const html = await (await t.request('/me', { cookie: await t.login(b.trainee.email) })).text();
    const page = text(html);
    expect(page).not.toContain(LATER_TITLE);
    expect(page).not.toContain('明天的面授课');
    expect(page).not.toContain('301 教室');
    expect(html).not.toContain('/exams/attempts/');
    expect(page).toContain('开始学习'); // nothing read yet: the first lesson of the level
    expect(page).toContain('近期没有安排课程');
    expect(page).toContain('未开始');
    expect(page).toContain('合计 0 / 16 课时');
  });

  it('ticks credited lessons on the syllabus and course pages for their trainee only', async () => {
    const { t, b, cookie } = await busyTrainee();
    for (const path of ['/levels/assistant', '/courses/bcm-intro']) {
      const own = await (await t.request(path, { cookie })).text();
      expect(own.match(/data-testid="lesson-done"/g), path).toHaveLength(1);
      const row = own.slice(own.indexOf(`href="/courses/${READ.courseSlug}/${READ.lessonSlug}"`));
      expect(row.slice(0, row.indexOf('</th>'))).toContain('已完成');
      const other = await (await t.request(path, { cookie: await t.login(b.trainee.email) })).text();
      expect(other, path).not.toContain('data-testid="lesson-done"');
      expect(await (await t.request(path)).text(), path).not.toContain('data-testid="lesson-done"');
    }
  });

  it('moves the personal details to 我的 (/me/account), shown in clear to their owner', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const html = await (await t.request('/me/account', { cookie: await t.login(a.trainee.email) })).text();
    expect(html).toContain('11010519491231002X');
    expect(html).toContain('13800138000');
  });

  it('gives trainees the phone tab bar, with the current tab marked, and leaves the staff headers as they were', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const trainee = await t.login(a.trainee.email);
    const tabs = (html: string) => /<nav class="tabbar"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
    const home = tabs(await (await t.request('/me', { cookie: trainee })).text());
    expect(home).toMatch(/<a href="\/me" aria-current="page">[\s\S]*?学习/);
    expect(home.match(/aria-current/g)).toHaveLength(1);
    const exams = tabs(await (await t.request('/exams', { cookie: trainee })).text());
    expect(exams).toMatch(/<a href="\/exams" aria-current="page">[\s\S]*?考试/);
    expect(tabs(await (await t.request('/me/account', { cookie: trainee })).text())).toMatch(/<a href="\/me\/account" aria-current="page">[\s\S]*?我的/);
    for (const [email, path] of [
      [a.admin.email, '/admin'],
      [a.instructor.email, '/instructor'],
    ] as const) {
      const html = await (await t.request(path, { cookie: await t.login(email) })).text();
      expect(html, path).not.toContain('class="tabbar"');
      expect(html, path).not.toContain('has-tabbar');
    }
  });

  it('asks the trainee to have their details corrected only when a rule about them blocks applying', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.trainee.email);
    const note = '个人信息如有误，请联系培训机构更正。';
    const applyCard = async () =>
      (await (await t.request('/me', { cookie })).text()).match(/<section[^>]*data-testid="home-apply-assistant"[\s\S]*?<\/section>/)?.[0] ?? '';
    // Only hours missing: the blockers say so, and nothing about the details.
    const hoursOnly = await applyCard();
    expect(hoursOnly).toContain('data-code="levelHours"');
    expect(hoursOnly).not.toContain(note);
    // The assistant level asks for a junior-college degree or above (programme.yaml).
    t.db.$client.prepare("update trainee_profiles set education = 'other' where user_id = ?").run(a.trainee.id);
    const education = await applyCard();
    expect(education).toContain('data-code="needsEducation"');
    expect(education).toContain(note);
  });
});
