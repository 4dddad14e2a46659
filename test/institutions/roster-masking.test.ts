import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/app.js';
import * as people from '../../src/institutions/store.js';
import { rosterRows } from '../../src/institutions/index.js';
import type { CurrentUser } from '../../src/env.js';

// Issue 12, "views hold no rules": national ID and phone (PIPL) are masked by the institutions
// feature before a page is rendered. Tried as someone who must not read them would: every page
// they can reach, or try to, carries no unmasked digits, and neither does the model the page gets.

const ID = '11010519491231002X';
const PHONE = '13800138000';

/** Runs of 5 or more digits that are part of one of the numbers: what masking must hide. */
const leaked = (html: string, numbers = [ID, PHONE]) => [...html.matchAll(/\d{5,}/g)].map((m) => m[0]).filter((run) => numbers.some((n) => n.includes(run)));

const viewer = (p: people.Person): CurrentUser => ({
  id: p.id,
  email: p.email,
  name: p.name,
  role: p.role,
  institutionId: p.institutionId,
  sessionId: 'test',
  locale: null,
});

describe('a roster seen by someone who may not read the numbers', () => {
  it('gives an instructor, the office and another institution’s admin no unmasked digit on any page they try', async () => {
    const t = await makeTestApp();
    const { a, b } = await t.twoInstitutions();
    const office = await t.user('office', null);
    const cohort = a.cohort.id;
    const tries = [
      `/instructor/cohorts/${cohort}`,
      `/office/cohorts/${cohort}`,
      `/admin/cohorts/${cohort}`,
      `/admin/cohorts/${cohort}/trainees/${a.trainee.id}`,
      `/admin/cohorts/${cohort}/trainees/${a.trainee.id}/remove`,
    ];
    const seen: Record<string, number> = {};
    for (const who of [a.instructor, office, b.admin]) {
      const cookie = await t.login(who.email);
      for (const url of tries) {
        const res = await t.request(url, { cookie });
        const html = await res.text();
        seen[`${who.role}@${who.institutionId ?? '-'} ${url}`] = res.status;
        expect([who.email, url, leaked(html)]).toEqual([who.email, url, []]);
      }
    }
    // The roster pages they may read show the masked numbers; the admin's pages stay closed to them.
    for (const [who, url] of [
      [a.instructor, `/instructor/cohorts/${cohort}`],
      [office, `/office/cohorts/${cohort}`],
    ] as const) {
      const html = await (await t.request(url, { cookie: await t.login(who.email) })).text();
      expect(html).toContain('110***********002X');
      expect(html).toContain('138****8000');
    }
    expect(seen[`instructor@${a.inst.id} /instructor/cohorts/${cohort}`]).toBe(200);
    expect(seen[`office@- /office/cohorts/${cohort}`]).toBe(200);
    expect(seen[`admin@${b.inst.id} /admin/cohorts/${cohort}`]).toBe(404);
  });

  it('masks another institution’s trainee even on the admin’s own cohort, and shows the admin’s own in clear', async () => {
    const t = await makeTestApp();
    const { a, b } = await t.twoInstitutions();
    // B's trainee has other numbers, so a leak of either is told apart.
    people.upsertProfile(t.db, { userId: b.trainee.id, nationalId: '440106198001010019', phone: '13912345678', education: 'master', yearsInFinance: 1 });
    people.enrol(t.db, a.cohort.id, b.trainee.id);
    const html = await (await t.request(`/admin/cohorts/${a.cohort.id}`, { cookie: await t.login(a.admin.email) })).text();
    expect(html).toContain(ID);
    expect(html).toContain(PHONE);
    expect(html).not.toContain('440106198001010019');
    expect(html).not.toContain('13912345678');
    expect(html).toContain('440***********0019');
    expect(html).toContain('139****5678');
  });

  it('will not open or change another institution’s trainee’s details, even on the admin’s own cohort', async () => {
    const t = await makeTestApp();
    const { a, b } = await t.twoInstitutions();
    people.upsertProfile(t.db, { userId: b.trainee.id, nationalId: '440106198001010019', phone: '13912345678', education: 'master', yearsInFinance: 1 });
    people.enrol(t.db, a.cohort.id, b.trainee.id);
    const cookie = await t.login(a.admin.email);
    const page = `/admin/cohorts/${a.cohort.id}/trainees/${b.trainee.id}`;
    const res = await t.request(page, { cookie });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).not.toContain('440106198001010019');
    expect(html).not.toContain('13912345678');
    const post = await t.request(page, {
      method: 'POST',
      cookie,
      body: t.form({ name: '改名', idNumber: '110105194912310029', phone: '13800000000', education: 'bachelor', yearsInFinance: '2' }),
    });
    expect(post.status).toBe(403);
    expect(people.findProfile(t.db, b.trainee.id)).toMatchObject({ nationalId: '440106198001010019', phone: '13912345678' });
    // The admin's own institution's trainee on the same cohort still opens in clear.
    expect(await (await t.request(`/admin/cohorts/${a.cohort.id}/trainees/${a.trainee.id}`, { cookie })).text()).toContain(ID);
  });

  it('hands the page a model that holds no clear number for such a viewer, so no page can print one', async () => {
    const t = await makeTestApp();
    const { a, b } = await t.twoInstitutions();
    const roster = people.listRoster(t.db, a.cohort.id);
    for (const who of [viewer(a.instructor), viewer(b.admin), null]) {
      const model = JSON.stringify(rosterRows(who, roster));
      expect(model).not.toContain(ID);
      expect(model).not.toContain(PHONE);
      expect(leaked(model)).toEqual([]);
    }
    // The trainee themselves and their own institution's admin get them in clear (auth's canSeeSensitive).
    for (const who of [viewer(a.admin), viewer(a.trainee)]) {
      expect(rosterRows(who, roster)).toEqual([
        expect.objectContaining({ id: a.trainee.id, idNumber: ID, phone: PHONE, education: 'bachelor', yearsInFinance: 3 }),
      ]);
    }
  });

  it('shows the admin a roster file’s new accounts with their numbers masked, before anything is imported', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const body = new FormData();
    body.set(
      'file',
      new File([`姓名,身份证号/工号,电子邮箱,手机号,学历,金融从业年限\n新学员,440106198001010019,new@example.com,13912345678,本科,2\n`], 'roster.csv'),
    );
    const res = await t.request(`/admin/cohorts/${a.cohort.id}/roster/preview`, { method: 'POST', cookie: await t.login(a.admin.email), body });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('440***********0019 139****5678');
    expect(leaked(html, ['440106198001010019', '13912345678'])).toEqual([]);
  });
});
