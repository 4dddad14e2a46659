import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cookieFrom, makeTestApp, type TestApp } from '../helpers/app.js';

const HEADER = '姓名,身份证号/工号,电子邮箱,手机号,学历,金融从业年限';

async function upload(t: TestApp, cookie: string, cohortId: number, name: string, content: string | Uint8Array) {
  const body = new FormData();
  body.set('file', new File([typeof content === 'string' ? content : new Uint8Array(content)], name));
  return t.request(`/admin/cohorts/${cohortId}/roster`, { method: 'POST', cookie, body });
}

const count = (t: TestApp, table: string) => (t.db.$client.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;

describe('roster import', () => {
  it('imports a UTF-8 CSV (with BOM): creates trainees, enrols them, and reports counts', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const csv = `\uFEFF${HEADER}\n王五,440106198001010019,wangwu@example.com,13912345678,本科,3\n赵六,E20931,zhaoliu@example.com,,大专,0\n`;
    const res = await upload(t, cookie, a.cohort.id, 'roster.csv', csv);
    expect(res.status).toBe(303);
    const flash = cookieFrom(res, 'bcm_flash');
    const page = await (await t.request(res.headers.get('location')!, { cookie: `${cookie}; ${flash}` })).text();
    expect(page).toContain('已导入 2 名新学员，2 人加入本班');
    expect(page).toContain('wangwu@example.com');
    expect(page).toContain('E20931');
  });

  it('reports every bad row by line and imports nothing', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const users = count(t, 'users');
    const enrolments = count(t, 'enrolments');
    const csv = [
      HEADER,
      '好学员,440106198001010019,good@example.com,13912345678,本科,3', // line 2: fine
      ',E1,noname@example.com,,本科,1', // line 3: no name
      '错号,440106198001010018,badid@example.com,,本科,1', // line 4: bad ID check digit
      '错邮,E2,not-an-email,,本科,1', // line 5
      '错学历,E3,edu@example.com,,小学毕业,1', // line 6
      '重复,E4,good@example.com,123,本科,abc', // line 7: duplicate email, bad phone, bad years
    ].join('\r\n');
    const res = await upload(t, cookie, a.cohort.id, 'roster.csv', csv);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('名单有');
    expect(html).toContain('未导入任何数据');
    expect(html).toContain('第 3 行：“姓名”为必填项');
    expect(html).toContain('第 4 行：“身份证号/工号”既不是有效的 18 位身份证号');
    expect(html).toContain('第 5 行：“电子邮箱”不是有效的电子邮箱地址');
    expect(html).toContain('第 6 行：“学历”的取值无效');
    expect(html).toContain('第 7 行：“手机号”应为 11 位中国大陆手机号');
    expect(html).toContain('第 7 行：“金融从业年限”应为 0 到 60 之间的整数');
    expect(html).not.toContain('第 2 行');
    expect(count(t, 'users')).toBe(users);
    expect(count(t, 'enrolments')).toBe(enrolments);
  });

  // Changed on purpose (issue 11 item 8): the message no longer says the email belongs to another
  // institution, which confirmed that an account exists there.
  it('refuses an email that belongs to another institution, by line, importing nothing, without saying whose it is', async () => {
    const t = await makeTestApp();
    const { a, b } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const users = count(t, 'users');
    const csv = `${HEADER}\n新人,E9,new@example.com,,本科,1\n别家,E10,${b.trainee.email},,本科,1\n本家讲师,E11,${a.instructor.email},,本科,1\n`;
    const res = await upload(t, cookie, a.cohort.id, 'r.csv', csv);
    expect(res.status).toBe(400);
    const html = await res.text();
    // Another institution's trainee and one's own instructor get the very same wording.
    expect(html).toContain(`第 3 行：电子邮箱 ${b.trainee.email} 不能用于本机构的学员账户，请核对或换一个电子邮箱。`);
    expect(html).toContain(`第 4 行：电子邮箱 ${a.instructor.email} 不能用于本机构的学员账户，请核对或换一个电子邮箱。`);
    expect(html).not.toContain('其他机构');
    expect(count(t, 'users')).toBe(users);
  });

  it('reads GBK-encoded CSV as saved by Chinese Excel', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    // GBK bytes of the header and one row, produced without any encoder library:
    const text = `${HEADER}\n钱七,E77,qianqi@example.com,,硕士,5\n`;
    const gbk = await gbkEncode(text);
    const res = await upload(t, cookie, a.cohort.id, 'gbk.csv', gbk);
    expect(res.status).toBe(303);
    expect(t.db.$client.prepare("select name from users where email = 'qianqi@example.com'").get()).toEqual({ name: '钱七' });
  });

  it('imports XLSX, reporting bad rows by spreadsheet row number', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('名单');
    sheet.addRow(HEADER.split(','));
    sheet.addRow(['孙八', 'E88', 'sunba@example.com', '13700001111', '本科', 2]);
    sheet.addRow(['周九', 'E99', 'zhoujiu@example.com', '', '博士后?', 1]);
    const bad = Buffer.from(await book.xlsx.writeBuffer());
    const res = await upload(t, cookie, a.cohort.id, 'roster.xlsx', bad);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('第 3 行：“学历”的取值无效');
    sheet.getRow(3).getCell(5).value = '博士';
    const good = Buffer.from(await book.xlsx.writeBuffer());
    expect((await upload(t, cookie, a.cohort.id, 'roster.xlsx', good)).status).toBe(303);
    expect(count(t, 'enrolments')).toBe(4); // 2 from setup + 2 imported
  });

  it('names a missing column', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const res = await upload(t, cookie, a.cohort.id, 'r.csv', '姓名,电子邮箱\n张,z@example.com\n');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('缺少列“身份证号/工号”');
  });
});

describe('admin forms', () => {
  it('creates a cohort, names bad fields, and changes nothing on error', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const before = count(t, 'cohorts');
    const bad = await t.request('/admin/cohorts', { method: 'POST', cookie, body: t.form({ name: '', level: 'gold', startsOn: '2026-13-01', endsOn: '' }) });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('“班级名称”为必填项');
    expect(html).toContain('“级别”的取值无效');
    expect(html).toContain('“开班日期”不是有效日期');
    expect(count(t, 'cohorts')).toBe(before);
    const ok = await t.request('/admin/cohorts', {
      method: 'POST',
      cookie,
      body: t.form({ name: '对公一班', level: 'corporate', startsOn: '2026-09-01', endsOn: '2026-09-30' }),
    });
    expect(ok.status).toBe(303);
    expect(count(t, 'cohorts')).toBe(before + 1);
  });

  it('enrols one trainee, who activates the account from the one-time link and logs in', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const res = await t.request(`/admin/cohorts/${a.cohort.id}/enrol`, {
      method: 'POST',
      cookie,
      body: t.form({ name: '吴十', idNumber: 'E100', email: 'wushi@example.com', phone: '13600002222', education: 'bachelor', yearsInFinance: '1' }),
    });
    expect(res.status).toBe(303);
    const wushi = t.db.$client.prepare("select id from users where email = 'wushi@example.com'").get() as { id: number };
    const invite = await t.request(`/admin/cohorts/${a.cohort.id}/trainees/${wushi.id}/invite`, { method: 'POST', cookie });
    const link = /\/activate\/([a-z0-9]+)/.exec(await invite.text())![1];
    expect((await t.request(`/activate/${link}`)).status).toBe(200);
    const short = await t.request(`/activate/${link}`, { method: 'POST', body: t.form({ password: 'short', confirm: 'short' }) });
    expect(short.status).toBe(400);
    const set = await t.request(`/activate/${link}`, { method: 'POST', body: t.form({ password: 'a-long-password', confirm: 'a-long-password' }) });
    expect(set.status).toBe(303);
    expect(set.headers.get('location')).toBe('/me');
    // the link works once only
    expect((await t.request(`/activate/${link}`)).status).toBe(404);
    expect(await t.login('wushi@example.com', 'a-long-password')).toMatch(/^bcm_session=/);
  });
});

/** Encodes text as GBK using iconv from the system, which every Debian has via glibc. */
async function gbkEncode(text: string): Promise<Buffer> {
  const { execFileSync } = await import('node:child_process');
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text });
}
