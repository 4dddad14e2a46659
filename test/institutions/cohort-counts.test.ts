import { describe, expect, it } from 'vitest';
import * as people from '../../src/institutions/store.js';
import { makeTestApp } from '../helpers/app.js';

// The trainee count per cohort once bound its unqualified `id` to enrolments.id, so every cohort
// with anyone enrolled showed 1. Cohorts of 4, 1 and 0 tell the right count from that bug.
describe('trainee counts per cohort', () => {
  async function cohortsOf4And1And0() {
    const t = await makeTestApp();
    const inst = people.createInstitution(t.db, 'CNT', '计数培训中心');
    const mk = (name: string) => people.createCohort(t.db, { institutionId: inst.id, name, level: 'assistant', startsOn: '2026-03-01', endsOn: '2026-06-30' });
    const four = mk('四人班');
    const one = mk('一人班');
    const none = mk('空班');
    for (let i = 0; i < 5; i++) {
      const trainee = await t.user('trainee', inst.id, `count-${i}@example.com`);
      people.enrol(t.db, i < 4 ? four.id : one.id, trainee.id);
    }
    const admin = await t.user('admin', inst.id, 'count-admin@example.com');
    const instructor = await t.user('instructor', inst.id, 'count-instructor@example.com');
    for (const c of [four, one, none]) people.assignInstructor(t.db, c.id, instructor.id);
    const office = await t.user('office', null, 'count-office@example.com');
    return { t, inst, four, one, none, admin, instructor, office };
  }

  it('counts each cohort’s own trainees for the admin dashboard and the instructor desk', async () => {
    const { t, inst, four, one, none, instructor } = await cohortsOf4And1And0();
    const counts = (rows: people.CohortSummary[]) => Object.fromEntries(rows.map((r) => [r.id, r.trainees]));
    expect(counts(people.listCohorts(t.db, inst.id))).toEqual({ [four.id]: 4, [one.id]: 1, [none.id]: 0 });
    expect(counts(people.listCohorts(t.db))).toEqual({ [four.id]: 4, [one.id]: 1, [none.id]: 0 });
    expect(counts(people.listInstructorCohorts(t.db, instructor.id))).toEqual({ [four.id]: 4, [one.id]: 1, [none.id]: 0 });
  });

  it('shows 4, 1 and 0 on the admin dashboard and 5 trainees in the office view', async () => {
    const { t, admin, office } = await cohortsOf4And1And0();
    const html = await (await t.request('/admin', { cookie: await t.login(admin.email) })).text();
    const cell = (name: string) => new RegExp(`${name}[\\s\\S]*?<td class="num">(\\d+)</td>`).exec(html)?.[1];
    expect([cell('四人班'), cell('一人班'), cell('空班')]).toEqual(['4', '1', '0']);
    const officeHtml = await (await t.request('/office', { cookie: await t.login(office.email) })).text();
    expect(officeHtml).toMatch(/计数培训中心[\s\S]*?学员\D*5/);
  });
});
