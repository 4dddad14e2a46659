import { describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.js';
import { writeAudit } from '../../src/institutions/store.js';
import { count, log } from './dashboards-fixtures.js';

// Corrections: reason required, nothing saved on error, visible in the trainee's ledger and the audit log.

async function setUp(t: TestApp) {
  const { a, b } = await t.twoInstitutions();
  const cookie = await t.login(a.admin.email);
  const entry = log(t, a.cohort, a.trainee.id, 'faceToFace', 120);
  const url = `/admin/cohorts/${a.cohort.id}/trainees/${a.trainee.id}`;
  const correct = (fields: Record<string, string>) => t.request(`${url}/corrections`, { method: 'POST', cookie, body: t.form(fields) });
  return { a, b, cookie, entry, url, correct };
}

describe('hour corrections', () => {
  it('refuses a correction without a reason, names the field, and writes nothing', async () => {
    const t = await makeTestApp();
    const { correct, entry } = await setUp(t);
    const before = { entries: count(t, 'hour_entries'), audit: count(t, 'audit_log') };
    const res = await correct({ mode: 'faceToFace', minutes: '-30', reason: '   ', correctsId: String(entry.id) });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('“更正原因”为必填项。');
    // The form keeps what was typed.
    expect(html).toContain('value="-30"');
    expect({ entries: count(t, 'hour_entries'), audit: count(t, 'audit_log') }).toEqual(before);
  });

  it('names each bad field: minutes, mode, and an entry that is not this trainee’s', async () => {
    const t = await makeTestApp();
    const { correct, b } = await setUp(t);
    const before = count(t, 'hour_entries');
    const zero = await (await correct({ mode: 'faceToFace', minutes: '0', reason: '核对', correctsId: '' })).text();
    expect(zero).toContain('“分钟”应为不等于 0 的整数');
    const words = await (await correct({ mode: 'offline', minutes: 'ten', reason: '核对', correctsId: '' })).text();
    expect(words).toContain('“学习形式”的取值无效。');
    expect(words).toContain('“分钟”应为不等于 0 的整数');
    const foreign = log(t, b.cohort, b.trainee.id, 'remote', 60);
    const res = await correct({ mode: 'remote', minutes: '-60', reason: '核对', correctsId: String(foreign.id) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('“更正的记录编号”不是该学员在本机构的课时记录。');
    const negative = await (await correct({ mode: 'remote', minutes: '-60', reason: '核对', correctsId: '' })).text();
    expect(negative).toContain('这条更正会使远程课时合计变为负数（目前 0 分钟）。');
    expect(count(t, 'hour_entries')).toBe(before + 1); // only B's own row, added by the test itself
  });

  it('appends a correction that counts where the corrected entry counted, shown in the ledger and the audit log', async () => {
    const t = await makeTestApp();
    const { a, b, cookie, correct, entry, url } = await setUp(t);
    const res = await correct({ mode: 'faceToFace', minutes: '-45', reason: '学员当天早退一课时', correctsId: String(entry.id) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${url}/hours`);
    const row = t.db.$client.prepare("select * from hour_entries where source = 'correction'").get() as Record<string, unknown>;
    expect(row).toMatchObject({
      trainee_id: a.trainee.id,
      minutes: -45,
      corrects_id: entry.id,
      course_slug: 'bcm-intro',
      level: 'assistant',
      recorded_by: a.admin.id,
    });
    // The original row is untouched: the ledger only grows.
    expect(t.db.$client.prepare('select minutes from hour_entries where id = ?').get(entry.id)).toEqual({ minutes: 120 });

    const detail = await t.request(`${url}/hours`, { cookie: `${cookie}; ${res.headers.getSetCookie()[0]!.split(';')[0]}` });
    const html = await detail.text();
    expect(html).toContain('已为');
    const ledger = html.split('data-testid="ledger"')[1]!;
    expect(ledger).toContain('学员当天早退一课时');
    expect(ledger).toContain(`href="#entry-${entry.id}"`);
    expect(ledger).toContain(`更正第 ${entry.id} 条记录`);
    expect(ledger).toContain(a.admin.name);
    expect(ledger).toContain('银行客户经理概论'); // the course title, not its slug
    expect(html).toMatch(/data-col="faceToFace">1\.67 课时/); // 120 − 45 = 75 minutes

    const audit = await (await t.request('/admin/audit', { cookie })).text();
    const line = audit.split('data-action="hours.correct"')[1]!.split('</tr>')[0]!;
    expect(line).toContain('更正课时');
    expect(line).toContain(a.admin.name);
    expect(line).toContain(`href="/admin/cohorts/${a.cohort.id}/trainees/${a.trainee.id}/hours"`);
    // The detail in words, not the stored JSON.
    expect(line).toContain(`面授课时 -45 分钟，更正第 ${entry.id} 条记录`);
    expect(line).not.toMatch(/\{&quot;|\{"|entryId/);
    // The other institution's admin does not see it; the programme office does, read-only.
    const other = await (await t.request('/admin/audit', { cookie: await t.login(b.admin.email) })).text();
    expect(other).not.toContain('hours.correct');
    const office = await t.user('office', null);
    const officeHtml = await (await t.request('/office/audit', { cookie: await t.login(office.email) })).text();
    expect(officeHtml).toContain('data-action="hours.correct"');
    expect(officeHtml).toContain('A 培训中心');
    expect(officeHtml).not.toContain(`/admin/cohorts/${a.cohort.id}/trainees`);
  });

  it('says in words whom a certificate was issued to, for which level, and names no one from another institution', async () => {
    const t = await makeTestApp();
    const { a, b, cookie } = await setUp(t);
    const detail = (traineeId: number) => ({ traineeId, level: 'assistant', cohortId: a.cohort.id, totalMinutes: 2400 });
    writeAudit(t.db, {
      actorId: a.admin.id,
      institutionId: a.inst.id,
      action: 'certificate.issue',
      subject: 'certificate:BCM-2026-7K3M9QXA-R',
      detail: detail(a.trainee.id),
    });
    writeAudit(t.db, {
      actorId: a.admin.id,
      institutionId: a.inst.id,
      action: 'certificate.issue',
      subject: 'certificate:BCM-2026-7K3M9QXB-R',
      detail: detail(b.trainee.id),
    });
    const html = await (await t.request('/admin/audit', { cookie })).text();
    const lines = html
      .split('data-action="certificate.issue"')
      .slice(1)
      .map((l) => l.split('</tr>')[0]!);
    expect(lines).toHaveLength(2);
    expect(lines.join('')).toContain('签发培训证明');
    expect(lines.join('')).toContain(`为${a.trainee.name}签发助理级银行客户经理培训证明，累计学时 2400 分钟`);
    const other = lines.find((l) => l.includes('QXB'))!;
    expect(other).toContain(`为学员 #${b.trainee.id}签发`);
    expect(other).not.toContain(b.trainee.name);
    // The serial links to its public check; no action code is shown.
    expect(other).toContain('href="/verify/BCM-2026-7K3M9QXB-R"');
    expect(html).not.toContain('certificate.issue<');
  });

  it('pages the audit log by 100, newest first', async () => {
    const t = await makeTestApp();
    const { a, cookie } = await setUp(t);
    for (let i = 0; i < 150; i++) writeAudit(t.db, { actorId: a.admin.id, institutionId: a.inst.id, action: 'test.line', subject: `n:${i}` }, 1_000 + i);
    const first = await (await t.request('/admin/audit', { cookie })).text();
    expect(first.match(/data-audit=/g)).toHaveLength(100);
    expect(first).toContain('n:149');
    expect(first).not.toContain('n:49<');
    expect(first).toContain('href="/admin/audit?page=2"');
    const second = await (await t.request('/admin/audit?page=2', { cookie })).text();
    expect(second).toContain('n:49<');
    expect(second).not.toContain('href="/admin/audit?page=3"');
    expect(second).toContain('href="/admin/audit"');
  });
});
