import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/app.js';
import * as store from '../../src/hours/store.js';
import { cohortJson, cohortOf, count, isoPlus, log, sessionAt, todayInShanghai, traineeIn } from './dashboards-fixtures.js';

// The admin's cohort hours page and the cohort JSON: numbers straight from the ledger.

const cellText = (html: string, traineeId: number, col: string) => {
  const row = html.split(`data-trainee="${traineeId}"`)[1]!.split('</tr>')[0]!;
  return row.split(`data-col="${col}"`)[1]!.split('>')[1]!.split('<')[0]!;
};

describe('cohort hours from the ledger', () => {
  it('adds up minutes by mode, with a correction, the same on the page and in the JSON', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const f2f = log(t, a.cohort, a.trainee.id, 'faceToFace', 180);
    log(t, a.cohort, a.trainee.id, 'remote', 90, { source: 'check-in' });
    log(t, a.cohort, a.trainee.id, 'selfStudy', 90, { evidence: { activeMs: 50 * 60_000, requiredActiveMs: 45 * 60_000 } });
    log(t, a.cohort, a.trainee.id, 'selfStudy', 45, { level: 'retail' }); // another level: not counted here
    const res = await t.request(`/admin/cohorts/${a.cohort.id}/trainees/${a.trainee.id}/corrections`, {
      method: 'POST',
      cookie,
      body: t.form({ mode: 'faceToFace', minutes: '-30', reason: '重复点名', correctsId: String(f2f.id) }),
    });
    expect(res.status).toBe(303);

    const { status, body } = await cohortJson(t, a.cohort.id, cookie);
    expect(status).toBe(200);
    expect(body.cohort).toEqual({ id: a.cohort.id, name: a.cohort.name, level: 'assistant' });
    expect(Number.isNaN(Date.parse(body.generatedAt))).toBe(false);
    expect(body.trainees).toHaveLength(1);
    const me = body.trainees[0]!;
    expect(me).toMatchObject({
      id: a.trainee.id,
      name: a.trainee.name,
      level: 'assistant',
      minutes: { faceToFace: 150, remote: 90, selfStudy: 90 },
      totalMinutes: 330,
      requirement: { studyHours: 16, requiredMinutes: 720, minimumTrainingMinutes: 720 },
      remainingMinutes: 390,
      eligible: true,
      mayApply: false,
    });
    // The minimum-training reason would repeat the level's own shortfall, so only one is given.
    expect(me.reasons).toEqual([{ code: 'levelHours', remainingMinutes: 390 }]);

    const html = await (await t.request(`/admin/cohorts/${a.cohort.id}/hours`, { cookie })).text();
    expect(cellText(html, a.trainee.id, 'faceToFace')).toBe('3.33'); // 150 min at 45 min per class hour
    expect(cellText(html, a.trainee.id, 'remote')).toBe('2');
    expect(cellText(html, a.trainee.id, 'selfStudy')).toBe('2');
    expect(cellText(html, a.trainee.id, 'total')).toBe('7.33');
    expect(cellText(html, a.trainee.id, 'mayApply')).toBe('暂不可申报');
    expect(html).toContain('本级别要求的学习课时还差 8.67 课时。');
  });

  it('shows a trainee who has every hour as able to apply, in both languages', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    log(t, a.cohort, a.trainee.id, 'faceToFace', 720);
    const { body } = await cohortJson(t, a.cohort.id, cookie);
    expect(body.trainees[0]).toMatchObject({ totalMinutes: 720, hoursComplete: true, mayApply: true, reasons: [] });
    const zh = await (await t.request(`/admin/cohorts/${a.cohort.id}/hours`, { cookie })).text();
    expect(cellText(zh, a.trainee.id, 'mayApply')).toBe('可申报');
    const en = await (await t.request(`/admin/cohorts/${a.cohort.id}/hours`, { cookie: `${cookie}; bcm_lang=en` })).text();
    expect(cellText(en, a.trainee.id, 'mayApply')).toBe('May apply');
  });

  it('lists trainees below the pro-rata pace, largest gap first', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const today = todayInShanghai();
    // 20 days, 10 of them over: half of the 720 required minutes (360) are expected by now.
    const cohort = cohortOf(t, a.inst.id, 'assistant', { startsOn: isoPlus(today, -10), endsOn: isoPlus(today, 9) });
    const none = await traineeIn(t, cohort, '甲');
    const some = await traineeIn(t, cohort, '乙');
    const ahead = await traineeIn(t, cohort, '丙');
    const little = await traineeIn(t, cohort, '丁');
    log(t, cohort, some.id, 'faceToFace', 300);
    log(t, cohort, ahead.id, 'remote', 400);
    log(t, cohort, little.id, 'selfStudy', 100);
    const html = await (await t.request(`/admin/cohorts/${cohort.id}/hours`, { cookie })).text();
    expect(html).toContain('开班至今已过去本班周期的 50%');
    const behind = html.split('data-testid="behind-table"')[1]!.split('</table>')[0]!;
    const order = [...behind.matchAll(/data-trainee="(\d+)"/g)].map((m) => Number(m[1]));
    expect(order).toEqual([none.id, little.id, some.id]);
    expect(behind).toContain('>8<'); // 甲's gap: 360 min = 8 class hours
  });

  it('shows the newest attendance mark per trainee and session, and — where there is none', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const other = await traineeIn(t, a.cohort, '戊');
    const first = sessionAt(t, a.cohort, Date.UTC(2026, 2, 10, 1, 0));
    const second = sessionAt(t, a.cohort, Date.UTC(2026, 2, 11, 1, 0), { title: '第二课' });
    const mark = (sessionId: number, traineeId: number, status: store.AttendanceMark['status']) =>
      store.insertMark(t.db, { sessionId, traineeId, status, minutes: 0, note: null, source: 'roster', recordedBy: a.admin.id, recordedAt: Date.now() });
    mark(first.id, a.trainee.id, 'absent');
    mark(first.id, a.trainee.id, 'late'); // the roster was corrected: the newest mark counts
    mark(second.id, other.id, 'excused');
    const html = await (await t.request(`/admin/cohorts/${a.cohort.id}/hours`, { cookie })).text();
    const matrix = html.split('data-testid="attendance-matrix"')[1]!.split('</table>')[0]!;
    const cell = (traineeId: number, sessionId: number) =>
      matrix.split(`<tr data-trainee="${traineeId}">`)[1]!.split(`data-session="${sessionId}">`)[1]!.split('<')[0];
    expect(cell(a.trainee.id, first.id)).toBe('迟到');
    expect(cell(a.trainee.id, second.id)).toBe('—');
    expect(cell(other.id, first.id)).toBe('—');
    expect(cell(other.id, second.id)).toBe('请假');
    // The session's time is shown in Shanghai time (09:00), not the server's UTC (01:00).
    expect(matrix).toContain('09:00');
  });

  it('links the hours page from the admin cohort page', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const html = await (await t.request(`/admin/cohorts/${a.cohort.id}`, { cookie: await t.login(a.admin.email) })).text();
    expect(html).toContain(`href="/admin/cohorts/${a.cohort.id}/hours"`);
    expect(count(t, 'hour_entries')).toBe(0);
  });
});

describe('eligibility flags', () => {
  it('a major violation bars the senior level; it is audited', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const senior = cohortOf(t, a.inst.id, 'senior');
    const trainee = await traineeIn(t, senior, '庚', { education: 'bachelor', yearsInFinance: 3 });
    expect((await cohortJson(t, senior.id, cookie)).body.trainees[0]).toMatchObject({ eligible: true });
    const res = await t.request(`/admin/cohorts/${senior.id}/trainees/${trainee.id}/flags`, { method: 'POST', cookie, body: t.form({ majorViolation: '1' }) });
    expect(res.status).toBe(303);
    const after = (await cohortJson(t, senior.id, cookie)).body.trainees[0]!;
    expect(after.eligible).toBe(false);
    expect(after.reasons).toContainEqual({ code: 'majorViolation' });
    const audit = t.db.$client.prepare("select actor_id, subject, detail from audit_log where action = 'trainee.flags'").all() as {
      actor_id: number;
      subject: string;
      detail: string;
    }[];
    expect(audit).toEqual([
      {
        actor_id: a.admin.id,
        subject: `user:${trainee.id}`,
        detail: JSON.stringify({
          before: { assistantCertificate: false, majorViolation: false },
          after: { assistantCertificate: false, majorViolation: true },
        }),
      },
    ]);
    const html = await (await t.request(`/admin/cohorts/${senior.id}/hours`, { cookie })).text();
    expect(html).toContain('有重大违纪违规记录，不能申报本级别。');
  });

  it('the assistant certificate opens the retail route and credits the assistant courses', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const retail = cohortOf(t, a.inst.id, 'retail');
    const trainee = await traineeIn(t, retail, '辛', { education: 'other', yearsInFinance: 0 });
    const before = (await cohortJson(t, retail.id, cookie)).body.trainees[0]!;
    expect(before).toMatchObject({ eligible: false, creditedMinutes: 0 });
    expect(before.reasons.map((r) => r.code)).toContain('needsCertificate');
    const html = await (await t.request(`/admin/cohorts/${retail.id}/hours`, { cookie })).text();
    expect(html).toContain('申报条件 4（持有助理级银行客户经理证书）：须持有助理级银行客户经理证书，目前未持有。');
    expect(html).toContain('申报条件 2（本科及以上学历且金融从业满 1 年）：学历须为本科或以上，目前为其他。');
    await t.request(`/admin/cohorts/${retail.id}/trainees/${trainee.id}/flags`, { method: 'POST', cookie, body: t.form({ assistantCertificate: '1' }) });
    const after = (await cohortJson(t, retail.id, cookie)).body.trainees[0]!;
    // bcm-intro 4 + theory-regulation 6 + marketing-practice 6 = 16 class hours of 45 minutes.
    expect(after).toMatchObject({ eligible: true, creditedMinutes: 720, totalMinutes: 720 });
    expect(after.reasons.map((r) => r.code)).toEqual(['levelHours']); // hours still to do, but no route missing
  });
});
