import { afterEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { certificates, examAttempts } from '../../src/db/schema.js';
import { addCorrection } from '../../src/hours/ledger/ledger.js';
import { checkInCode } from '../../src/hours/rules/checkin-code.js';
import { insertMark } from '../../src/hours/store.js';
import { factsOf } from '../../src/proof/certificates.js';
import { apportionHours, courseLines, modeHours } from '../../src/proof/facts.js';
import * as people from '../../src/institutions/store.js';
import { passwordHash } from '../helpers/app.js';
import { readPdf } from '../helpers/pdf.js';
import { DAY, HOUR, T0, addSession, credit, proofWorld, type World } from './fixtures.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// What a certificate states must agree with itself and with what happened: the period is when the
// training took place, every hour sits on a line and the lines add up, only a passed mock exam is
// printed, and a class still running counts nothing. The PDF, the verification page and the
// signed JSON say the same.

afterEach(() => vi.useRealTimers());

const issuePath = (w: World, traineeId: number) => `/admin/cohorts/${w.a.cohort.id}/proof/trainees/${traineeId}/issue`;
const validCertificate = (w: World, traineeId: number) =>
  w.db
    .select()
    .from(certificates)
    .where(eq(certificates.traineeId, traineeId))
    .all()
    .find((c) => c.status === 'valid');

function exam(w: World, traineeId: number, score: number, at: number) {
  w.db
    .insert(examAttempts)
    .values({
      traineeId,
      institutionId: w.a.inst.id,
      cohortId: w.a.cohort.id,
      examKey: 'assistant-mock',
      mode: 'exam',
      seed: 's',
      paper: [],
      startedAt: at,
      deadlineAt: null,
      status: 'submitted',
      submittedAt: at + HOUR,
      submittedBy: 'trainee',
      score,
      maxScore: 100,
      passed: score >= 60,
      result: null,
    })
    .run();
}

/**
 * 王芳: two classes on 3 and 5 March whose roster was only entered on the 10th, one hour of
 * self-study on the 4th, a paper-records correction without a course on the 11th, and a failed mock exam.
 */
async function correctedWorld() {
  const w = await proofWorld();
  const person = people.createUser(w.db, {
    email: 'wangfang@a.example',
    name: '王芳',
    role: 'trainee',
    institutionId: w.a.inst.id,
    passwordHash: await passwordHash(),
  });
  people.upsertProfile(w.db, { userId: person.id, nationalId: '110105194912310048', phone: '13800138000', education: 'bachelor', yearsInFinance: 2 });
  people.enrol(w.db, w.a.cohort.id, person.id);
  for (const day of [1, 3]) {
    const s = addSession(w.db, w.a.cohort, 'faceToFace', T0 + day * DAY, 180, `补充第 ${day} 讲`);
    insertMark(w.db, {
      sessionId: s.id,
      traineeId: person.id,
      status: 'present',
      minutes: 0,
      note: null,
      source: 'roster',
      recordedBy: w.a.admin.id,
      recordedAt: T0 + 8 * DAY,
    });
    credit(w.db, w.a.cohort, person.id, 'faceToFace', 180, T0 + 8 * DAY, s.id);
  }
  credit(w.db, w.a.cohort, person.id, 'selfStudy', 60, T0 + 2 * DAY, null, 'theory-regulation');
  addCorrection(
    w.db,
    {
      traineeId: person.id,
      institutionId: w.a.inst.id,
      cohortId: w.a.cohort.id,
      level: 'assistant',
      mode: 'faceToFace',
      minutes: 330,
      reason: '纸质签到表补录',
      actorId: w.a.admin.id,
    },
    T0 + 9 * DAY,
  );
  exam(w, person.id, 40, T0 + 9 * DAY);
  return { w, person };
}

async function verifyPage(w: World, serial: string) {
  const html = await (await w.request(`/verify/${serial}`)).text();
  const json = (await (await w.request(`/verify/${serial}`, { headers: { Accept: 'application/json' } })).json()) as { facts: ReturnType<typeof factsOf> };
  return { html, json };
}

async function pdfText(w: World, serial: string, cookie: string) {
  const res = await w.request(`/proof/certificates/${serial}/pdf`, { cookie });
  expect(res.status).toBe(200);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bcm-facts-')), 'cert.pdf');
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return (await readPdf(file)).text.replace(/\s+/g, ' ');
}

describe('the facts a certificate states', () => {
  it('gives the class dates as the period, lines that add up to the total, and no failed exam', async () => {
    const { w, person } = await correctedWorld();
    clockAt(T0 + 10 * DAY);
    const admin = await w.login('admin@a.example');
    expect((await w.request(issuePath(w, person.id), { method: 'POST', cookie: admin })).status).toBe(303);
    const cert = validCertificate(w, person.id)!;
    const facts = factsOf(cert);

    // 3 March (first class) to 5 March (second class): not the 4th-to-11th of the rows' writing.
    expect(facts.period).toEqual({ from: '2026-03-03', to: '2026-03-05' });
    expect(facts.hours.totalMinutes).toBe(750);
    expect(facts.courses.map((c) => [c.slug, c.minutes])).toEqual([
      ['bcm-intro', 360],
      ['theory-regulation', 60],
      ['marketing-practice', 0],
    ]);
    expect(facts.otherMinutes).toBe(330);
    const sum = facts.courses.reduce((s, c) => s + c.minutes, 0) + facts.hours.creditedMinutes + facts.otherMinutes!;
    expect(sum).toBe(facts.hours.totalMinutes);
    // The printed class hours add up too (45-minute class hours: 8 + 1.3 + 0 + 7.3 = 16.7 = 750 min).
    const printed = courseLines(facts);
    expect(Math.round(printed.lines.reduce((s, l) => s + l.hours, 0) * 10) / 10).toBe(printed.total);
    expect(printed.total).toBe(16.7);
    const byMode = modeHours(facts.hours);
    expect(Math.round((byMode.faceToFace + byMode.remote + byMode.selfStudy + byMode.credited) * 10) / 10).toBe(byMode.total);
    expect(facts.mockExam).toBeNull();

    // The verification page and its JSON show the same facts, the "other / corrections" line, no exam line.
    const { html, json } = await verifyPage(w, cert.serial);
    expect(json.facts.period).toEqual(facts.period);
    expect(json.facts.otherMinutes).toBe(330);
    expect(json.facts.mockExam).toBeNull();
    expect(html).toContain('2026年3月3日 – 2026年3月5日');
    expect(html).toContain('其他/更正 7.3 课时');
    expect(html).toContain('银行客户经理概论 8 课时');
    expect(html).not.toContain('模拟考试');
    expect(html).not.toContain('40 / 100');
    // And so does the PDF.
    const text = await pdfText(w, cert.serial, admin);
    expect(text).toContain('2026年3月3日');
    expect(text).toContain('2026年3月5日');
    expect(text).not.toContain('2026年3月11日');
    expect(text).toContain('其他/更正');
    expect(text).not.toContain('模拟考试');
    expect(text).not.toContain('40 / 100');
  });

  it('prints the mock exam once one is passed, with its best passed score', async () => {
    const { w, person } = await correctedWorld();
    exam(w, person.id, 75, T0 + 9 * DAY + 2 * HOUR);
    clockAt(T0 + 10 * DAY);
    const admin = await w.login('admin@a.example');
    await w.request(issuePath(w, person.id), { method: 'POST', cookie: admin });
    const cert = validCertificate(w, person.id)!;
    expect(factsOf(cert).mockExam).toEqual({ score: 75, maxScore: 100, percent: 75 });
    const { html } = await verifyPage(w, cert.serial);
    expect(html).toContain('模拟考试（已通过）最高成绩');
    expect(html).toContain('75 / 100 分（75%）');
    const text = await pdfText(w, cert.serial, admin);
    expect(text).toContain('模拟考试（已通过）最高成绩');
    expect(text).toContain('75 / 100');
  });

  it('counts none of a class still running when the certificate is issued', async () => {
    const w = await proofWorld();
    const startsAt = T0 + 20 * DAY;
    const session = addSession(w.db, w.a.cohort, 'faceToFace', startsAt, 120, '第 4 讲');
    clockAt(startsAt - 4 * 60_000);
    const trainee = await w.login('lixiaomei@a.example');
    const res = await w.request('/checkin', {
      method: 'POST',
      cookie: trainee,
      body: w.form({ code: checkInCode(session.checkInSecret, Date.now()), session: String(session.id) }),
    });
    expect(res.status).toBe(303);
    vi.setSystemTime(startsAt + 60 * 60_000);
    const admin = await w.login('admin@a.example');
    await w.request(issuePath(w, w.ready.id), { method: 'POST', cookie: admin });
    const facts = factsOf(validCertificate(w, w.ready.id)!);
    // 750 minutes from the fixture's finished classes and study; the running class adds nothing.
    expect(facts.hours).toMatchObject({ minutes: { faceToFace: 540, remote: 90, selfStudy: 120 }, totalMinutes: 750 });
    expect(facts.sessions).toEqual({ attended: 4, held: 4 });
    expect(facts.courses.find((c) => c.slug === 'bcm-intro')!.minutes).toBe(630);
    expect(facts.period.to).toBe('2026-03-07');
  });
});

describe('printed class hours', () => {
  it('add up to the printed total: three classes of 120 minutes at 45 minutes a class hour are 2.7 + 2.7 + 2.6 = 8', () => {
    expect(apportionHours([120, 120, 120], 45)).toEqual({ lines: [2.7, 2.7, 2.6], total: 8 });
    expect(apportionHours([360, 60, 0, -30], 45)).toEqual({ lines: [8, 1.4, 0, -0.7], total: 8.7 });
  });
});

describe('the calendar of a certificate’s dates', () => {
  it('states the issue date and the period on the TIME_ZONE calendar, and names it', async () => {
    // 09:00 in Shanghai on 2 March is 20:00 on 1 March in New York.
    const w = await proofWorld({ TIME_ZONE: 'America/New_York' });
    clockAt(T0 + 10 * DAY);
    const admin = await w.login('admin@a.example');
    await w.request(issuePath(w, w.ready.id), { method: 'POST', cookie: admin });
    const facts = factsOf(validCertificate(w, w.ready.id)!);
    expect(facts.timeZone).toBe('America/New_York');
    expect(facts.period.from).toBe('2026-03-01');
    expect(facts.issueDate).toBe('2026-03-11');
  });
});

function clockAt(ms: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(ms);
}
