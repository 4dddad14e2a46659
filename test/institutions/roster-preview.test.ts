import { describe, expect, it } from 'vitest';
import { cookieFrom, makeTestApp, type TestApp } from '../helpers/app.js';
import * as people from '../../src/institutions/store.js';

// Issue 13: roster import in two steps. The preview says what each row will do (new / already
// enrolled / an existing account, differences side by side) and writes nothing; the confirmation
// imports exactly the previewed rows, once, for the admin and cohort that made the preview.

const HEADER = '姓名,身份证号/工号,电子邮箱,手机号,学历,金融从业年限';
const count = (t: TestApp, sql: string, ...args: unknown[]) => (t.db.$client.prepare(`select count(*) n from ${sql}`).get(...args) as { n: number }).n;

async function setup() {
  const t = await makeTestApp();
  const { a, b } = await t.twoInstitutions();
  const other = people.createCohort(t.db, { institutionId: a.inst.id, name: 'A 二班', level: 'assistant', startsOn: '2026-09-01', endsOn: '2026-12-31' });
  // In the other cohort already: the trainee of A's first cohort is an existing account there.
  const already = people.createUser(t.db, { email: 'already@example.com', name: '老学员', role: 'trainee', institutionId: a.inst.id });
  people.upsertProfile(t.db, { userId: already.id, employeeNo: 'E77', education: 'bachelor', yearsInFinance: 1 });
  people.enrol(t.db, other.id, already.id);
  const cookie = await t.login(a.admin.email);
  const csv = `${HEADER}\n新学员,440106198001010019,new@example.com,13912345678,本科,2\ntrainee 用户,11010519491231002X,${a.trainee.email},13912340000,硕士,3\n老学员,E77,already@example.com,,本科,1\n`;
  return { t, a, b, other, already, cookie, csv };
}

async function preview(t: TestApp, cookie: string, cohortId: number, content: string, name = 'roster.csv') {
  const body = new FormData();
  body.set('file', new File([content], name));
  return t.request(`/admin/cohorts/${cohortId}/roster/preview`, { method: 'POST', cookie, body });
}

const hidden = (html: string, name: string) => html.match(new RegExp(`name="${name}" value="([^"]+)"`))?.[1] ?? '';
const confirm = (t: TestApp, cookie: string, cohortId: number, fields: Record<string, string>) =>
  t.request(`/admin/cohorts/${cohortId}/roster/confirm`, { method: 'POST', cookie, body: t.form(fields) });

function snapshot(t: TestApp) {
  return [
    count(t, 'users'),
    count(t, 'enrolments'),
    count(t, 'audit_log'),
    JSON.stringify(t.db.$client.prepare('select * from trainee_profiles order by user_id').all()),
  ];
}

describe('roster import preview', () => {
  it('shows new, existing and already-enrolled rows with differences side by side, writing nothing; confirming imports them', async () => {
    const { t, a, other, cookie, csv } = await setup();
    const before = snapshot(t);
    const res = await preview(t, cookie, other.id, csv);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(snapshot(t)).toEqual(before);
    const rowOf = (email: string) =>
      html.match(
        new RegExp(
          `<tr data-kind="(\\w+)">(?:(?!</tr>\\s*<tr data-kind)[\\s\\S])*?${email.replace('.', '\\.')}[\\s\\S]*?(?=<tr data-kind|</tbody>\\s*</table>\\s*</div>)`,
        ),
      )!;
    expect(rowOf('new@example.com')[1]).toBe('new');
    const existing = rowOf(a.trainee.email);
    expect(existing[1]).toBe('existing');
    // Phone and education differ: on record beside the file's value, the phone masked.
    expect(existing[0]).toMatch(/手机号<\/th>\s*<td><span class="mono">138\*\*\*\*8000<\/span><\/td>\s*<td><span class="mono">139\*\*\*\*0000<\/span>/);
    expect(existing[0]).toMatch(/学历<\/th>\s*<td>本科<\/td>\s*<td>硕士<\/td>/);
    const enrolled = rowOf('already@example.com');
    expect(enrolled[1]).toBe('enrolled');
    expect(enrolled[0]).toContain('资料一致');
    expect(html).toContain('新学员（将创建账户）：1');
    expect(html).toContain('已有账户，将加入本班：1');
    expect(html).toContain('已在本班：1');

    const done = await confirm(t, cookie, other.id, { previewId: hidden(html, 'previewId'), digest: hidden(html, 'digest') });
    expect(done.status).toBe(303);
    const page = await (await t.request(done.headers.get('location')!, { cookie: `${cookie}; ${cookieFrom(done, 'bcm_flash')}` })).text();
    expect(page).toContain('已导入 1 名新学员，2 人加入本班');
    expect(count(t, 'enrolments where cohort_id = ?', other.id)).toBe(3);
    expect(t.db.$client.prepare('select phone, education from trainee_profiles where user_id = ?').get(a.trainee.id)).toEqual({
      phone: '13912340000',
      education: 'master',
    });
    expect(count(t, "audit_log where action = 'trainee.profileChange'")).toBe(1);
  });

  it('is used once: a second confirmation is refused and imports nothing more', async () => {
    const { t, other, cookie, csv } = await setup();
    const html = await (await preview(t, cookie, other.id, csv)).text();
    const fields = { previewId: hidden(html, 'previewId'), digest: hidden(html, 'digest') };
    expect((await confirm(t, cookie, other.id, fields)).status).toBe(303);
    const after = snapshot(t);
    const again = await confirm(t, cookie, other.id, fields);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('此导入预览不存在或已失效');
    expect(snapshot(t)).toEqual(after);
  });

  it('refuses someone else’s preview id (another admin, another cohort) without spending it', async () => {
    const { t, a, b, other, cookie, csv } = await setup();
    const second = await t.user('admin', a.inst.id, 'admin2@a.example');
    const secondCookie = await t.login(second.email);
    const html = await (await preview(t, cookie, other.id, csv)).text();
    const fields = { previewId: hidden(html, 'previewId'), digest: hidden(html, 'digest') };
    const before = snapshot(t);
    const byColleague = await confirm(t, secondCookie, other.id, fields);
    expect(byColleague.status).toBe(400);
    expect(await byColleague.text()).toContain('此导入预览不存在或已失效');
    expect((await confirm(t, cookie, a.cohort.id, fields)).status).toBe(400);
    expect((await confirm(t, await t.login(b.admin.email), other.id, fields)).status).toBe(404);
    expect((await confirm(t, await t.login(a.instructor.email), other.id, fields)).status).toBe(403);
    expect(snapshot(t)).toEqual(before);
    // The owner's preview still stands.
    expect((await confirm(t, cookie, other.id, fields)).status).toBe(303);
  });

  it('refuses a changed file: a confirmation naming another file’s digest, or an older preview after a new upload', async () => {
    const { t, other, cookie, csv } = await setup();
    const first = await (await preview(t, cookie, other.id, csv)).text();
    const changed = await (await preview(t, cookie, other.id, csv.replace('新学员,', '新学员乙,'))).text();
    const before = snapshot(t);
    // The first preview was replaced by the upload of the changed file.
    const stale = await confirm(t, cookie, other.id, { previewId: hidden(first, 'previewId'), digest: hidden(first, 'digest') });
    expect(stale.status).toBe(400);
    const mixed = await confirm(t, cookie, other.id, { previewId: hidden(changed, 'previewId'), digest: hidden(first, 'digest') });
    expect(mixed.status).toBe(400);
    expect(await mixed.text()).toContain('确认的文件与预览的文件不一致');
    expect(snapshot(t)).toEqual(before);
  });

  it('refuses to import when an account in the file changed after the preview', async () => {
    const { t, a, other, cookie, csv } = await setup();
    const html = await (await preview(t, cookie, other.id, csv)).text();
    // Meanwhile the "new" trainee is enrolled by hand, with other details.
    const enrol = await t.request(`/admin/cohorts/${a.cohort.id}/enrol`, {
      method: 'POST',
      cookie,
      body: t.form({ name: '新学员', idNumber: '440106198001010019', email: 'new@example.com', phone: '', education: 'associate', yearsInFinance: '0' }),
    });
    expect(enrol.status).toBe(303);
    const before = snapshot(t);
    const res = await confirm(t, cookie, other.id, { previewId: hidden(html, 'previewId'), digest: hidden(html, 'digest') });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('预览之后，名单涉及的账户有了变化');
    expect(snapshot(t)).toEqual(before);
  });

  it('keeps every rule of the one-step import: bad rows and another person’s data are refused at the preview, with no confirm button', async () => {
    const { t, a, other, cookie } = await setup();
    const before = snapshot(t);
    const bad = await preview(t, cookie, other.id, `${HEADER}\n,E1,x@example.com,,本科,1\n冒名者,11010519491231002X,${a.trainee.email},,本科,3\n`);
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('第 2 行：“姓名”为必填项');
    expect(html).not.toContain('name="previewId"');
    const mismatch = await preview(t, cookie, other.id, `${HEADER}\n冒名者,11010519491231002X,${a.trainee.email},,本科,3\n`);
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain(`第 2 行：电子邮箱 ${a.trainee.email} 已是本机构一名学员的账户`);
    expect(snapshot(t)).toEqual(before);
  });

  it('an instructor and another institution’s admin cannot preview', async () => {
    const { t, a, b, other, csv } = await setup();
    expect((await preview(t, await t.login(a.instructor.email), other.id, csv)).status).toBe(403);
    expect((await preview(t, await t.login(b.admin.email), other.id, csv)).status).toBe(404);
  });
});
