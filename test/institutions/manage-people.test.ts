import { describe, expect, it } from 'vitest';
import { cookieFrom, makeTestApp, type TestApp } from '../helpers/app.js';
import * as people from '../../src/institutions/store.js';
import { log } from '../hours/dashboards-fixtures.js';

// Issue 13: the admin manages a cohort's people — profile edits (audited, masked), removal (records
// stay), moves within the institution and level, cohort edits, activation links one by one and in
// bulk (CSV, printable QR sheet). Every route refuses another institution's admin and instructors.

const count = (t: TestApp, sql: string, ...args: unknown[]) => (t.db.$client.prepare(`select count(*) n from ${sql}`).get(...args) as { n: number }).n;
const profileOf = (t: TestApp, userId: number) =>
  t.db.$client
    .prepare(
      'select u.name, p.national_id, p.employee_no, p.phone, p.education, p.years_in_finance from users u left join trainee_profiles p on p.user_id = u.id where u.id = ?',
    )
    .get(userId);
const audits = (t: TestApp, action: string) =>
  t.db.$client.prepare('select actor_id, subject, detail from audit_log where action = ?').all(action) as {
    actor_id: number;
    subject: string;
    detail: string;
  }[];

async function setup() {
  const t = await makeTestApp();
  const { a, b } = await t.twoInstitutions();
  const cookie = await t.login(a.admin.email);
  const traineeUrl = `/admin/cohorts/${a.cohort.id}/trainees/${a.trainee.id}`;
  const post = (path: string, fields: Record<string, string>, c = cookie) => t.request(path, { method: 'POST', cookie: c, body: t.form(fields) });
  return { t, a, b, cookie, traineeUrl, post };
}

const EDIT = { name: '张三丰', idNumber: '440106198001010019', phone: '13912345678', education: 'master', yearsInFinance: '5' };

describe('editing a trainee’s profile', () => {
  it('saves every field and audits old and new values, the ID number and phone masked', async () => {
    const { t, a, traineeUrl, post, cookie } = await setup();
    const page = await (await t.request(traineeUrl, { cookie })).text();
    expect(page).toContain('value="11010519491231002X"');
    const res = await post(traineeUrl, EDIT);
    expect(res.status).toBe(303);
    expect(profileOf(t, a.trainee.id)).toEqual({
      name: '张三丰',
      national_id: '440106198001010019',
      employee_no: null,
      phone: '13912345678',
      education: 'master',
      years_in_finance: 5,
    });
    const [audit, ...more] = audits(t, 'trainee.profileChange');
    expect(more).toHaveLength(0);
    expect(audit!.actor_id).toBe(a.admin.id);
    expect(audit!.subject).toBe(`user:${a.trainee.id}`);
    expect(JSON.parse(audit!.detail).changes).toEqual([
      { field: 'name', from: 'trainee 用户', to: '张三丰' },
      { field: 'nationalId', from: '110***********002X', to: '440***********0019' },
      { field: 'phone', from: '138****8000', to: '139****5678' },
      { field: 'education', from: 'bachelor', to: 'master' },
      { field: 'yearsInFinance', from: '3', to: '5' },
    ]);
    for (const clear of ['440106198001010019', '11010519491231002X', '13912345678', '13800138000']) expect(audit!.detail).not.toContain(clear);
    const flash = cookieFrom(res, 'bcm_flash');
    expect(await (await t.request(res.headers.get('location')!, { cookie: `${cookie}; ${flash}` })).text()).toContain('张三丰 的资料已保存');
  });

  it('writes no audit entry when nothing changed', async () => {
    const { t, a, traineeUrl, post } = await setup();
    const res = await post(traineeUrl, {
      name: 'trainee 用户',
      idNumber: '11010519491231002x',
      phone: '138 0013 8000',
      education: 'bachelor',
      yearsInFinance: '3',
    });
    expect(res.status).toBe(303);
    expect(audits(t, 'trainee.profileChange')).toHaveLength(0);
    expect(profileOf(t, a.trainee.id)).toMatchObject({ national_id: '11010519491231002X', phone: '13800138000' });
  });

  it('refuses bad fields with the roster’s rules and limits, naming each field, changing nothing', async () => {
    const { t, a, traineeUrl, post } = await setup();
    const before = profileOf(t, a.trainee.id);
    const bad = await post(traineeUrl, { name: '', idNumber: '440106198001010018', phone: '123', education: '小学', yearsInFinance: '99' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    for (const m of [
      '“姓名”为必填项',
      '“身份证号/工号”既不是有效的 18 位身份证号',
      '“手机号”应为 11 位中国大陆手机号',
      '“学历”的取值无效',
      '“金融从业年限”应为 0 到 60 之间的整数',
    ])
      expect(html).toContain(m);
    const long = await post(traineeUrl, { ...EDIT, name: '长'.repeat(61) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('“姓名”过长（最多 60 个字符）');
    const control = await post(traineeUrl, { ...EDIT, name: '张\n三' });
    expect(control.status).toBe(400);
    expect(profileOf(t, a.trainee.id)).toEqual(before);
    expect(audits(t, 'trainee.profileChange')).toHaveLength(0);
  });
});

describe('every people route checks role, institution and cohort', () => {
  const routes = (cohortId: number, userId: number) => {
    const tr = `/admin/cohorts/${cohortId}/trainees/${userId}`;
    return {
      get: [tr, `${tr}/remove`, `/admin/cohorts/${cohortId}/edit`],
      post: [
        [tr, EDIT],
        [`${tr}/remove`, {}],
        [`${tr}/move`, { targetCohortId: String(cohortId) }],
        [`${tr}/invite`, { back: 'trainee' }],
        [`/admin/cohorts/${cohortId}/edit`, { name: '改名', startsOn: '2026-03-01', endsOn: '2026-06-30' }],
        [`/admin/cohorts/${cohortId}/invites`, { format: 'csv' }],
      ] as [string, Record<string, string>][],
    };
  };

  async function unchanged(t: TestApp, fn: () => Promise<void>) {
    const snapshot = () => [
      count(t, 'audit_log'),
      count(t, 'enrolments'),
      count(t, 'invites'),
      JSON.stringify(t.db.$client.prepare('select * from cohorts').all()),
      JSON.stringify(t.db.$client.prepare('select * from trainee_profiles').all()),
    ];
    const before = snapshot();
    await fn();
    expect(snapshot()).toEqual(before);
  }

  it('another institution’s admin gets 404 everywhere and changes nothing', async () => {
    const { t, a, b, post } = await setup();
    const other = await t.login(b.admin.email);
    const r = routes(a.cohort.id, a.trainee.id);
    await unchanged(t, async () => {
      for (const path of r.get) expect((await t.request(path, { cookie: other })).status, path).toBe(404);
      for (const [path, fields] of r.post) expect((await post(path, fields, other)).status, path).toBe(404);
    });
  });

  it('an instructor of the same institution gets 403 everywhere and changes nothing', async () => {
    const { t, a, post } = await setup();
    const instructor = await t.login(a.instructor.email);
    const r = routes(a.cohort.id, a.trainee.id);
    await unchanged(t, async () => {
      for (const path of r.get) expect((await t.request(path, { cookie: instructor })).status, path).toBe(403);
      for (const [path, fields] of r.post) expect((await post(path, fields, instructor)).status, path).toBe(403);
    });
  });

  it('the own admin gets 404 for a trainee who is not on this cohort (another institution’s included)', async () => {
    const { t, a, b, post, cookie } = await setup();
    const r = routes(a.cohort.id, b.trainee.id);
    await unchanged(t, async () => {
      for (const path of r.get.slice(0, 2)) expect((await t.request(path, { cookie })).status, path).toBe(404);
      for (const [path, fields] of r.post.slice(0, 4)) expect((await post(path, fields)).status, path).toBe(404);
    });
  });

  it('refuses a post from another site (Origin check) and changes nothing', async () => {
    const { t, traineeUrl, cookie } = await setup();
    await unchanged(t, async () => {
      const res = await t.request(traineeUrl, { method: 'POST', cookie, headers: { Origin: 'https://evil.example' }, body: t.form(EDIT) });
      expect(res.status).toBe(403);
      const remove = await t.request(`${traineeUrl}/remove`, { method: 'POST', cookie, headers: { Origin: 'https://evil.example' }, body: t.form({}) });
      expect(remove.status).toBe(403);
    });
  });
});

describe('removing and moving trainees', () => {
  it('asks first, then removes the trainee from the roster; hours and the account stay', async () => {
    const { t, a, traineeUrl, post, cookie } = await setup();
    log(t, a.cohort, a.trainee.id, 'faceToFace', 120);
    const confirm = await t.request(`${traineeUrl}/remove`, { cookie });
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain('确定将 trainee 用户 移出“A 班”吗？');
    expect(html).toContain(`action="${traineeUrl}/remove"`);
    expect(count(t, 'enrolments where cohort_id = ?', a.cohort.id)).toBe(1);
    const res = await post(`${traineeUrl}/remove`, {});
    expect(res.status).toBe(303);
    expect(count(t, 'enrolments where cohort_id = ?', a.cohort.id)).toBe(0);
    expect(count(t, 'hour_entries where trainee_id = ?', a.trainee.id)).toBe(1);
    expect(count(t, 'users where id = ?', a.trainee.id)).toBe(1);
    expect(audits(t, 'cohort.unenrol')).toEqual([{ actor_id: a.admin.id, subject: `user:${a.trainee.id}`, detail: JSON.stringify({ cohortId: a.cohort.id }) }]);
    expect((await t.request(traineeUrl, { cookie })).status).toBe(404);
  });

  it('moves a trainee to another cohort of the same institution and level, keeping the hours', async () => {
    const { t, a, traineeUrl, post, cookie } = await setup();
    log(t, a.cohort, a.trainee.id, 'faceToFace', 120);
    const target = people.createCohort(t.db, { institutionId: a.inst.id, name: 'A 二班', level: 'assistant', startsOn: '2026-09-01', endsOn: '2026-12-31' });
    people.createCohort(t.db, { institutionId: a.inst.id, name: 'A 对私班', level: 'retail', startsOn: '2026-09-01', endsOn: '2026-12-31' });
    const page = await (await t.request(traineeUrl, { cookie })).text();
    expect(page).toContain('A 二班');
    expect(page).not.toContain('A 对私班');
    const res = await post(`${traineeUrl}/move`, { targetCohortId: String(target.id) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/cohorts/${target.id}/trainees/${a.trainee.id}`);
    expect(people.isEnrolled(t.db, a.cohort.id, a.trainee.id)).toBe(false);
    expect(people.isEnrolled(t.db, target.id, a.trainee.id)).toBe(true);
    expect(count(t, 'hour_entries where trainee_id = ?', a.trainee.id)).toBe(1);
    expect(JSON.parse(audits(t, 'cohort.move')[0]!.detail)).toEqual({ fromCohortId: a.cohort.id, toCohortId: target.id });
  });

  it('refuses a cohort of another level (400, named) and of another institution (404)', async () => {
    const { t, a, b, traineeUrl, post } = await setup();
    const retail = people.createCohort(t.db, { institutionId: a.inst.id, name: 'A 对私班', level: 'retail', startsOn: '2026-09-01', endsOn: '2026-12-31' });
    const level = await post(`${traineeUrl}/move`, { targetCohortId: String(retail.id) });
    expect(level.status).toBe(400);
    expect(await level.text()).toContain('只能转到同一级别（助理级银行客户经理）的班级');
    expect((await post(`${traineeUrl}/move`, { targetCohortId: String(b.cohort.id) })).status).toBe(404);
    expect(people.isEnrolled(t.db, a.cohort.id, a.trainee.id)).toBe(true);
    expect(count(t, 'enrolments where cohort_id in (?, ?)', retail.id, b.cohort.id)).toBe(1); // b's own trainee
  });
});

describe('editing a cohort', () => {
  it('saves the name and dates with an audited before and after; refuses bad dates', async () => {
    const { t, a, post } = await setup();
    const url = `/admin/cohorts/${a.cohort.id}/edit`;
    const bad = await post(url, { name: 'A 春季班', startsOn: '2026-06-30', endsOn: '2026-03-01' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('结业日期不能早于开班日期');
    const empty = await post(url, { name: ' ', startsOn: '2026-03-01', endsOn: 'soon' });
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toContain('“班级名称”为必填项');
    expect(html).toContain('“结业日期”不是有效日期');
    expect(people.findCohort(t.db, a.cohort.id)!.name).toBe('A 班');
    const res = await post(url, { name: 'A 春季班', startsOn: '2026-03-02', endsOn: '2026-06-30' });
    expect(res.status).toBe(303);
    expect(people.findCohort(t.db, a.cohort.id)).toMatchObject({ name: 'A 春季班', startsOn: '2026-03-02', endsOn: '2026-06-30', level: 'assistant' });
    expect(JSON.parse(audits(t, 'cohort.edit')[0]!.detail).changes).toEqual([
      { field: 'name', from: 'A 班', to: 'A 春季班' },
      { field: 'startsOn', from: '2026-03-01', to: '2026-03-02' },
    ]);
  });
});

describe('activation links', () => {
  async function withPending() {
    const s = await setup();
    // The setup's trainee has a password (activated); two more have not activated yet.
    const p1 = people.createUser(s.t.db, { email: 'p1@example.com', name: '待激活甲', role: 'trainee', institutionId: s.a.inst.id });
    const p2 = people.createUser(s.t.db, { email: 'p2@example.com', name: '=HYPERLINK("x")', role: 'trainee', institutionId: s.a.inst.id });
    people.enrol(s.t.db, s.a.cohort.id, p1.id);
    people.enrol(s.t.db, s.a.cohort.id, p2.id);
    return { ...s, p1, p2 };
  }
  const urls = (text: string) => [...text.matchAll(/http:\/\/localhost:3000\/activate\/[A-Za-z0-9_-]+/g)].map((m) => m[0]);

  it('one trainee’s new link is shown on their page, with a copy button, and opens the activation page', async () => {
    const { t, p1, a, post } = await withPending();
    const res = await post(`/admin/cohorts/${a.cohort.id}/trainees/${p1.id}/invite`, { back: 'trainee' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('待激活甲 的资料');
    const [url] = urls(html);
    expect(html).toContain('data-copy="invite-url"');
    expect((await t.request(new URL(url!).pathname)).status).toBe(200);
  });

  it('a CSV of new links for every trainee not yet activated, formulas neutralised', async () => {
    const { t, a, p1, p2, post } = await withPending();
    const res = await post(`/admin/cohorts/${a.cohort.id}/invites`, { format: 'csv' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain(`activation-links-${a.cohort.id}.csv`);
    const csv = await res.text();
    expect(csv.split('\r\n')[0]).toContain('姓名,电子邮箱,激活链接,有效期至');
    expect(csv).toContain('p1@example.com');
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv).not.toContain(a.trainee.email);
    const links = urls(csv);
    expect(links).toHaveLength(2);
    for (const link of links) expect((await t.request(new URL(link).pathname)).status).toBe(200);
    expect(count(t, 'invites where user_id in (?, ?) and used_at is null', p1.id, p2.id)).toBe(2);
  });

  it('a printable sheet with one QR code per pending trainee, and the same links as its CSV; earlier links stop working', async () => {
    const { t, a, post } = await withPending();
    const first = urls(await (await post(`/admin/cohorts/${a.cohort.id}/invites`, { format: 'csv' })).text());
    const res = await post(`/admin/cohorts/${a.cohort.id}/invites`, { format: 'sheet' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.match(/<li class="invite-card">/g)).toHaveLength(2);
    expect(html.match(/<svg[^>]*>/g)?.length).toBe(2);
    const onSheet = [...new Set(urls(html))];
    expect(onSheet).toHaveLength(2);
    const dataCsv = Buffer.from(html.match(/href="data:text\/csv;charset=utf-8;base64,([^"]+)"/)![1]!, 'base64').toString('utf8');
    expect(urls(dataCsv).sort()).toEqual(onSheet.sort());
    for (const old of first) expect((await t.request(new URL(old).pathname)).status).toBe(404);
  });

  it('says so when everyone has activated', async () => {
    const { t, a, post, cookie } = await setup();
    const res = await post(`/admin/cohorts/${a.cohort.id}/invites`, { format: 'sheet' });
    expect(res.status).toBe(303);
    const flash = cookieFrom(res, 'bcm_flash');
    expect(await (await t.request(res.headers.get('location')!, { cookie: `${cookie}; ${flash}` })).text()).toContain('本班学员都已激活账户');
  });
});
