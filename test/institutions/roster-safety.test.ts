import { describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.js';
import * as people from '../../src/institutions/store.js';
import { MB, rss, xlsxBomb, xlsxManyRows } from '../platform/zip.js';

// Issue 11: a roster import may not overwrite another person (item 9), bounds every file and
// cell (items 3 and 8), and keeps the server answering while it reads.

const HEADER = '姓名,身份证号/工号,电子邮箱,手机号,学历,金融从业年限';

async function upload(t: TestApp, cookie: string, cohortId: number, name: string, content: string | Uint8Array) {
  const body = new FormData();
  body.set('file', new File([typeof content === 'string' ? content : new Uint8Array(content)], name));
  return t.request(`/admin/cohorts/${cohortId}/roster`, { method: 'POST', cookie, body });
}

const count = (t: TestApp, sql: string, ...args: unknown[]) => (t.db.$client.prepare(`select count(*) n from ${sql}`).get(...args) as { n: number }).n;
const profileOf = (t: TestApp, userId: number) =>
  t.db.$client.prepare('select national_id, employee_no, phone, education, years_in_finance from trainee_profiles where user_id = ?').get(userId);

async function setup() {
  const t = await makeTestApp();
  const { a, b } = await t.twoInstitutions();
  // A second cohort of institution A: the trainee of the first is "someone in another cohort".
  const other = people.createCohort(t.db, { institutionId: a.inst.id, name: 'A 二班', level: 'assistant', startsOn: '2026-09-01', endsOn: '2026-12-31' });
  const cookie = await t.login(a.admin.email);
  return { t, a, b, other, cookie };
}

describe('roster import and existing accounts', () => {
  it('refuses a row whose email is an existing trainee’s but whose ID number differs, naming line and field, changing nothing', async () => {
    const { t, a, other, cookie } = await setup();
    const before = profileOf(t, a.trainee.id);
    const csv = `${HEADER}\n新人,E9,new@example.com,,本科,1\ntrainee 用户,440106198001010019,${a.trainee.email},13999999999,硕士,9\n`;
    const res = await upload(t, cookie, other.id, 'r.csv', csv);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(`第 3 行：电子邮箱 ${a.trainee.email} 已是本机构一名学员的账户，但“身份证号/工号”与该账户的记录不一致`);
    expect(profileOf(t, a.trainee.id)).toEqual(before);
    expect(count(t, 'enrolments where cohort_id = ?', other.id)).toBe(0);
    expect(count(t, "users where email = 'new@example.com'")).toBe(0);
  });

  it('refuses a row whose email is an existing trainee’s but whose name differs', async () => {
    const { t, a, other, cookie } = await setup();
    const before = profileOf(t, a.trainee.id);
    const res = await upload(t, cookie, other.id, 'r.csv', `${HEADER}\n冒名者,11010519491231002X,${a.trainee.email},13999999999,本科,3\n`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('第 2 行：');
    expect(profileOf(t, a.trainee.id)).toEqual(before);
    expect(t.db.$client.prepare('select name from users where id = ?').get(a.trainee.id)).toEqual({ name: 'trainee 用户' });
  });

  it('enrols an existing trainee whose row matches, without touching the profile or auditing a change', async () => {
    const { t, a, other, cookie } = await setup();
    const before = profileOf(t, a.trainee.id);
    const res = await upload(t, cookie, other.id, 'r.csv', `${HEADER}\ntrainee 用户,11010519491231002x,${a.trainee.email},138 0013 8000,本科,3\n`);
    expect(res.status).toBe(303);
    expect(count(t, 'enrolments where cohort_id = ? and user_id = ?', other.id, a.trainee.id)).toBe(1);
    expect(profileOf(t, a.trainee.id)).toEqual(before);
    expect(count(t, "audit_log where action = 'trainee.profileChange'")).toBe(0);
  });

  it('audits a change it does make to an existing trainee (who, old → new), with the ID number and phone masked', async () => {
    const { t, a, other, cookie } = await setup();
    const res = await upload(t, cookie, other.id, 'r.csv', `${HEADER}\ntrainee 用户,11010519491231002X,${a.trainee.email},13912345678,硕士,4\n`);
    expect(res.status).toBe(303);
    expect(profileOf(t, a.trainee.id)).toMatchObject({ national_id: '11010519491231002X', phone: '13912345678', education: 'master', years_in_finance: 4 });
    const audit = t.db.$client.prepare("select actor_id, subject, detail, at from audit_log where action = 'trainee.profileChange'").all() as {
      actor_id: number;
      subject: string;
      detail: string;
      at: number;
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(a.admin.id);
    expect(audit[0]!.subject).toBe(`user:${a.trainee.id}`);
    expect(audit[0]!.at).toBeGreaterThan(0);
    const detail = JSON.parse(audit[0]!.detail);
    expect(detail.changes).toEqual([
      { field: 'phone', from: '138****8000', to: '139****5678' },
      { field: 'education', from: 'bachelor', to: 'master' },
      { field: 'yearsInFinance', from: '3', to: '4' },
    ]);
    expect(audit[0]!.detail).not.toContain('13912345678');
    expect(audit[0]!.detail).not.toContain('11010519491231002X');
  });
});

describe('roster file bounds', () => {
  it('refuses a 1,000,000-row CSV fast, with one clear message and bounded memory', async () => {
    const { t, other, cookie } = await setup();
    const csv = `${HEADER}\n${'a\n'.repeat(1_000_000)}`;
    const start = rss();
    const res = await upload(t, cookie, other.id, 'big.csv', csv);
    const html = await res.text();
    expect(rss() - start).toBeLessThan(100 * MB);
    expect(res.status).toBe(400);
    expect(html).toContain('一个名单文件最多 5000 行学员，此文件超出了');
    expect(html.length).toBeLessThan(100_000);
  });

  it('refuses an XLSX that unpacks to hundreds of megabytes before reading it, with bounded memory', async () => {
    const { t, other, cookie } = await setup();
    const bomb = await xlsxBomb(480);
    expect(bomb.length).toBeLessThan(2 * MB);
    const start = rss();
    const res = await upload(t, cookie, other.id, 'bomb.xlsx', bomb);
    const html = await res.text();
    expect(rss() - start).toBeLessThan(100 * MB);
    expect(res.status).toBe(400);
    expect(html).toContain('XLSX 文件解压后过大（最多 40 MB、250000 个单元格）');
  });

  it('refuses an XLSX of 1,000,000 rows by counting them before exceljs reads it', async () => {
    const { t, other, cookie } = await setup();
    const many = await xlsxManyRows(1_000_000);
    const start = rss();
    const res = await upload(t, cookie, other.id, 'many.xlsx', many);
    const html = await res.text();
    expect(rss() - start).toBeLessThan(100 * MB);
    expect(res.status).toBe(400);
    expect(html).toMatch(/一个名单文件最多 5000 行学员|XLSX 文件解压后过大/);
  });

  it('lists the first 100 problems and says how many more there are, in both languages', async () => {
    const { t, other, cookie } = await setup();
    const rows = Array.from({ length: 250 }, (_, i) => `,E${i},bad${i}@example.com,,本科,1`); // no name: one problem each
    const csv = `${HEADER}\n${rows.join('\n')}\n`;
    const zh = await (await upload(t, cookie, other.id, 'r.csv', csv)).text();
    expect(zh).toContain('名单有 250 处错误');
    expect(zh.match(/“姓名”为必填项/g)).toHaveLength(100);
    expect(zh).toContain('第 101 行：');
    expect(zh).not.toContain('第 102 行：');
    expect(zh).toContain('……另有 150 条未列出。');
    const en = await (await upload(t, `${cookie}; bcm_lang=en`, other.id, 'r.csv', csv)).text();
    expect(en).toContain('…and 150 more not listed.');
  });

  it('keeps answering other requests while it reads a large legal file', async () => {
    const { t, other, cookie } = await setup();
    // 4,000 good rows padded with blank rows (Excel writes such rows for formatted cells): legal, slow to parse.
    const good = Array.from({ length: 4_000 }, (_, i) => `学员${i},E${i},s${i}@example.com,,本科,1`).join('\n');
    const csv = `${HEADER}\n${good}\n${',,,,,\n'.repeat(300_000)}`;
    let settled = false;
    const importing = upload(t, cookie, other.id, 'big.csv', csv).finally(() => {
      settled = true;
    });
    let answeredMeanwhile = 0;
    while (!settled) {
      // In-process requests are all promises; give the event loop a turn as real sockets would.
      await new Promise((resolve) => setImmediate(resolve));
      const health = await t.request('/healthz');
      if (health.status === 200 && !settled) answeredMeanwhile++;
    }
    expect((await importing).status).toBe(303);
    expect(count(t, 'enrolments where cohort_id = ?', other.id)).toBe(4_000);
    // Reading 300,000 rows takes many turns of the event loop; a parser that never yields gives none.
    expect(answeredMeanwhile).toBeGreaterThan(20);
  });
});

describe('roster text bounds', () => {
  it('refuses a name over 60 characters and a megabyte-long cell, naming the field and line', async () => {
    const { t, other, cookie } = await setup();
    const csv = `${HEADER}\n${'长'.repeat(61)},E1,long@example.com,,本科,1\n李,E2,${'x'.repeat(1024 * 1024)}@example.com,,本科,1\n"换\n行",E3,nl@example.com,,本科,1\n`;
    const res = await upload(t, cookie, other.id, 'r.csv', csv);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('第 2 行：“姓名”过长（最多 60 个字符）');
    expect(html).toContain('第 3 行：“电子邮箱”过长（最多 254 个字符）');
    expect(html).toContain('第 5 行：“姓名”含有换行符或其他控制字符');
    expect(html.length).toBeLessThan(100_000);
  });
});
