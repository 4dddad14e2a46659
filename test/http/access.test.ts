import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/app.js';

// Who may see what: roles, tenancy across institutions, and sensitive personal data.

describe('roles', () => {
  it('sends anonymous visitors to the login page', async () => {
    const t = await makeTestApp();
    const res = await t.request('/admin');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fadmin');
  });

  it('refuses screens of other roles with 403', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const trainee = await t.login(a.trainee.email);
    const instructor = await t.login(a.instructor.email);
    const admin = await t.login(a.admin.email);
    expect((await t.request('/admin', { cookie: trainee })).status).toBe(403);
    expect((await t.request('/office', { cookie: instructor })).status).toBe(403);
    expect((await t.request('/instructor', { cookie: admin })).status).toBe(403);
    expect((await t.request('/office', { cookie: admin })).status).toBe(403);
  });
});

describe('tenancy: institution A never reaches institution B', () => {
  it("refuses an admin reading another institution's cohort (404, nothing revealed)", async () => {
    const t = await makeTestApp();
    const { a, b } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    expect((await t.request(`/admin/cohorts/${a.cohort.id}`, { cookie })).status).toBe(200);
    const res = await t.request(`/admin/cohorts/${b.cohort.id}`, { cookie });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).not.toContain(b.trainee.email);
    expect(html).not.toContain(b.cohort.name);
  });

  it("refuses an admin writing into another institution's cohort, and writes nothing", async () => {
    const t = await makeTestApp();
    const { a, b } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const before = t.db.$client.prepare('select count(*) n from enrolments').get();
    const enrol = await t.request(`/admin/cohorts/${b.cohort.id}/enrol`, {
      method: 'POST',
      cookie,
      body: t.form({ name: '入侵者', idNumber: 'E1001', email: 'intruder@example.com', education: 'bachelor', yearsInFinance: '1' }),
    });
    expect(enrol.status).toBe(404);
    const assign = await t.request(`/admin/cohorts/${b.cohort.id}/instructors`, {
      method: 'POST',
      cookie,
      body: t.form({ instructorId: String(a.instructor.id) }),
    });
    expect(assign.status).toBe(404);
    // Assigning B's instructor to A's own cohort is refused too.
    const cross = await t.request(`/admin/cohorts/${a.cohort.id}/instructors`, {
      method: 'POST',
      cookie,
      body: t.form({ instructorId: String(b.instructor.id) }),
    });
    expect(cross.status).toBe(404);
    // Nor can A create an activation link for B's trainee (which would take over the account).
    const invite = await t.request(`/admin/users/${b.trainee.id}/invite`, { method: 'POST', cookie });
    expect(invite.status).toBe(404);
    expect(t.db.$client.prepare('select count(*) n from enrolments').get()).toEqual(before);
    expect(t.db.$client.prepare('select count(*) n from invites').get()).toEqual({ n: 0 });
    expect(t.db.$client.prepare("select count(*) n from users where email = 'intruder@example.com'").get()).toEqual({ n: 0 });
  });

  it("refuses an instructor another institution's cohort (404) and an unassigned cohort of their own (403)", async () => {
    const t = await makeTestApp();
    const { a, b } = await t.twoInstitutions();
    const cookie = await t.login(a.instructor.email);
    expect((await t.request(`/instructor/cohorts/${a.cohort.id}`, { cookie })).status).toBe(200);
    expect((await t.request(`/instructor/cohorts/${b.cohort.id}`, { cookie })).status).toBe(404);
    const admin = await t.login(a.admin.email);
    const created = await t.request('/admin/cohorts', {
      method: 'POST',
      cookie: admin,
      body: t.form({ name: '另一个班', level: 'retail', startsOn: '2026-05-01', endsOn: '2026-07-01' }),
    });
    const otherId = created.headers.get('location')!.split('/').pop();
    expect((await t.request(`/instructor/cohorts/${otherId}`, { cookie })).status).toBe(403);
  });

  it("lists only the admin's own cohorts and instructors", async () => {
    const t = await makeTestApp();
    const { a, b } = await t.twoInstitutions();
    const html = await (await t.request('/admin', { cookie: await t.login(a.admin.email) })).text();
    expect(html).toContain(a.cohort.name);
    expect(html).not.toContain(b.cohort.name);
    expect(html).not.toContain(b.instructor.email);
  });

  it('lets the programme office see every institution, read-only', async () => {
    const t = await makeTestApp();
    const { a, b } = await t.twoInstitutions();
    const office = await t.user('office', null);
    const cookie = await t.login(office.email);
    const html = await (await t.request('/office', { cookie })).text();
    expect(html).toContain('A 培训中心');
    expect(html).toContain('B 培训中心');
    expect((await t.request(`/office/cohorts/${b.cohort.id}`, { cookie })).status).toBe(200);
    // Every link the office is shown on its desk and a cohort page opens for it (no 403 back link),
    // and the signed bundle and the audit log are reachable from the desk.
    const links = (page: string) => [...page.matchAll(/<a [^>]*href="(\/[^"#]*)"/g)].map((m) => m[1]!).filter((h) => !h.startsWith('/static/'));
    const desk = links(html);
    expect(desk).toEqual(expect.arrayContaining(['/office/proof', '/office/audit']));
    const cohortPage = links(await (await t.request(`/office/cohorts/${b.cohort.id}`, { cookie })).text());
    expect(cohortPage).toContain('/office');
    for (const href of new Set([...desk, ...cohortPage])) {
      const res = await t.request(href, { cookie });
      // `/` (the logo) sends each role to its own desk.
      expect([href, res.status, res.headers.get('location')]).toEqual(href === '/' ? ['/', 303, '/office'] : [href, 200, null]);
    }
    const write = await t.request(`/admin/cohorts/${a.cohort.id}/enrol`, { method: 'POST', cookie, body: t.form({ name: 'x' }) });
    expect(write.status).toBe(403);
  });
});

describe('sensitive personal data (PIPL)', () => {
  const ID = '11010519491231002X';
  it('shows national ID and phone in clear to the own admin and the trainee, masked to others', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const admin = await (await t.request(`/admin/cohorts/${a.cohort.id}`, { cookie: await t.login(a.admin.email) })).text();
    expect(admin).toContain(ID);
    expect(admin).toContain('13800138000');
    const instructor = await (await t.request(`/instructor/cohorts/${a.cohort.id}`, { cookie: await t.login(a.instructor.email) })).text();
    expect(instructor).not.toContain(ID);
    expect(instructor).toContain('110***********002X');
    expect(instructor).toContain('138****8000');
    const office = await t.user('office', null);
    const officeHtml = await (await t.request(`/office/cohorts/${a.cohort.id}`, { cookie: await t.login(office.email) })).text();
    expect(officeHtml).not.toContain(ID);
    const own = await (await t.request('/me/account', { cookie: await t.login(a.trainee.email) })).text();
    expect(own).toContain(ID);
  });

  it('never writes passwords, tokens or ID numbers to the request log', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    await t.request(`/admin/cohorts/${a.cohort.id}/enrol`, {
      method: 'POST',
      cookie,
      body: t.form({ name: '李四', idNumber: '440106198001010019', email: 'lisi@example.com', phone: '13912345678', education: 'master', yearsInFinance: '0' }),
    });
    const log = t.logLines.join('');
    expect(t.logLines.length).toBeGreaterThan(1);
    expect(log).not.toContain('correct-horse-battery');
    expect(log).not.toContain(cookie.split('=')[1]);
    expect(log).not.toContain('440106198001010019');
    expect(log).not.toContain('13912345678');
  });
});
