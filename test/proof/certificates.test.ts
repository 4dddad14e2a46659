import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { auditLog, certificates } from '../../src/db/schema.js';
import { addCorrection } from '../../src/hours/ledger/ledger.js';
import { factsOf, issueCertificate, reissueCertificate, revokeCertificate, type ProofEnv } from '../../src/proof/certificates.js';
import { loadOrCreateSigningKey } from '../../src/proof/keys.js';
import { verifySealed } from '../../src/proof/envelope.js';
import { parseSerial } from '../../src/proof/serial.js';
import { bestExamScore } from '../../src/exams/index.js';
import { DAY, T0, proofWorld, type World } from './fixtures.js';

let w: World;
let env: ProofEnv;
const ISSUED = T0 + 10 * DAY;

beforeEach(async () => {
  w = await proofWorld();
  env = {
    db: w.db,
    catalog: w.catalog,
    blueprints: w.exams.blueprints,
    signer: loadOrCreateSigningKey(w.config.signingKeyPath),
    publicUrl: w.config.publicUrl,
  };
});

const audit = (action: string) => w.db.select().from(auditLog).where(eq(auditLog.action, action)).all();

describe('the requirement gate', () => {
  it('refuses a certificate until the level hours, the minimum and the per-mode minimums are met', () => {
    const result = issueCertificate(env, w.a.cohort, w.behind.id, w.a.admin.id, ISSUED);
    expect(result).toMatchObject({ ok: false, error: 'requirements' });
    if (!result.ok && result.error === 'requirements') {
      expect(result.position.hours.missing.map((m) => m.code)).toEqual(['levelHours', 'minimumTraining']);
    }
    expect(w.db.select().from(certificates).all()).toEqual([]);
  });

  it('applies per-mode minimums from programme.yaml', () => {
    // Ask for 13 face-to-face hours at the assistant level: 李晓梅 has 12, so the gate closes.
    const level = w.catalog.level('assistant')!;
    const saved = level.modeMinimums.faceToFace;
    level.modeMinimums.faceToFace = 13;
    try {
      const result = issueCertificate(env, w.a.cohort, w.ready.id, w.a.admin.id, ISSUED);
      expect(result).toMatchObject({ ok: false, error: 'requirements' });
      if (!result.ok && result.error === 'requirements')
        expect(result.position.hours.missing).toEqual([{ code: 'modeMinimum', mode: 'faceToFace', remainingMinutes: 45 }]);
    } finally {
      level.modeMinimums.faceToFace = saved;
    }
  });

  it('refuses trainees who are not in the cohort', () => {
    expect(issueCertificate(env, w.a.cohort, w.b.trainee.id, w.a.admin.id, ISSUED)).toEqual({ ok: false, error: 'notEnrolled' });
  });
});

describe('issuing', () => {
  it('dates the serial by the TIME_ZONE calendar: Shanghai is already in the new year at 16:30 UTC on 31 December', () => {
    const result = issueCertificate(env, w.a.cohort, w.ready.id, w.a.admin.id, Date.parse('2026-12-31T16:30:00Z'));
    expect(result.ok && result.certificate.serial.slice(0, 9)).toBe('BCM-2027-');
  });

  it('dates the serial by the TIME_ZONE calendar west of UTC: New York is still in the old year at 03:00 UTC on 1 January', () => {
    const newYork = { ...env, timeZone: 'America/New_York' };
    const result = issueCertificate(newYork, w.a.cohort, w.ready.id, w.a.admin.id, Date.parse('2027-01-01T03:00:00Z'));
    expect(result.ok && result.certificate.serial.slice(0, 9)).toBe('BCM-2026-');
    expect(result.ok && factsOf(result.certificate).issueDate).toBe('2026-12-31');
  });

  it('signs the facts from the ledger, with a unique checked serial and an audit line', () => {
    const result = issueCertificate(env, w.a.cohort, w.ready.id, w.a.admin.id, ISSUED);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const cert = result.certificate;
    expect(parseSerial(cert.serial)).toEqual({ ok: true, serial: cert.serial });
    expect(cert.serial.startsWith('BCM-2026-')).toBe(true);
    const facts = factsOf(cert);
    expect(facts).toMatchObject({
      type: 'bcm.training-certificate',
      serial: cert.serial,
      supersedes: null,
      issueDate: '2026-03-12',
      trainee: { id: w.ready.id, name: '李晓梅', idNumber: '110***********002X' },
      institution: { code: 'A' },
      level: { id: 'assistant', studyHours: 16 },
      cohort: { id: w.a.cohort.id },
      period: { from: '2026-03-02', to: '2026-03-07' },
      hours: { classHourMinutes: 45, minutes: { faceToFace: 540, remote: 90, selfStudy: 120 }, totalMinutes: 750, requiredMinutes: 720 },
      sessions: { attended: 4, held: 4 },
      // The best submitted mock exam; the practice run (98) and the open attempt (99) do not count.
      mockExam: { score: 85, maxScore: 100, percent: 85 },
    });
    expect(facts.courses.map((c) => c.slug)).toEqual(['bcm-intro', 'theory-regulation', 'marketing-practice']);
    expect(verifySealed({ factsText: cert.facts, signature: cert.signature, keyId: cert.keyId }, [env.signer]).ok).toBe(true);
    expect(audit('certificate.issue')).toMatchObject([{ actorId: w.a.admin.id, institutionId: w.a.inst.id, subject: `certificate:${cert.serial}` }]);
  });

  it('keeps one valid certificate per trainee and level', () => {
    const first = issueCertificate(env, w.a.cohort, w.ready.id, w.a.admin.id, ISSUED);
    const second = issueCertificate(env, w.a.cohort, w.ready.id, w.a.admin.id, ISSUED + 1);
    expect(second).toMatchObject({ ok: false, error: 'alreadyIssued' });
    if (first.ok && !second.ok && second.error === 'alreadyIssued') expect(second.certificate.serial).toBe(first.certificate.serial);
  });

  it('gives every certificate its own serial', () => {
    const serials = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const r = issueCertificate(env, w.a.cohort, w.ready.id, w.a.admin.id, ISSUED + i);
      if (!r.ok) throw new Error('issue failed');
      serials.add(r.certificate.serial);
      revokeCertificate(env, r.certificate.serial, w.a.inst.id, w.a.admin.id, 'test', ISSUED + i);
    }
    expect(serials.size).toBe(30);
  });
});

describe('revoking and reissuing', () => {
  it('revokes with a required reason, once, and writes the audit log', () => {
    const r = issueCertificate(env, w.a.cohort, w.ready.id, w.a.admin.id, ISSUED);
    if (!r.ok) throw new Error('issue failed');
    const serial = r.certificate.serial;
    expect(revokeCertificate(env, serial, w.a.inst.id, w.a.admin.id, '   ')).toEqual({ ok: false, error: 'reasonRequired' });
    expect(revokeCertificate(env, serial, w.b.inst.id, w.b.admin.id, '越权')).toEqual({ ok: false, error: 'notFound' });
    const done = revokeCertificate(env, serial, w.a.inst.id, w.a.admin.id, '学时记录有误', ISSUED + DAY);
    expect(done).toMatchObject({ ok: true, certificate: { status: 'revoked', revokeReason: '学时记录有误', revokedAt: ISSUED + DAY } });
    expect(revokeCertificate(env, serial, w.a.inst.id, w.a.admin.id, '再次')).toEqual({ ok: false, error: 'notValid' });
    expect(audit('certificate.revoke')).toMatchObject([{ subject: `certificate:${serial}`, detail: { reason: '学时记录有误', traineeId: w.ready.id } }]);
    // After a revocation a new certificate may be issued.
    expect(issueCertificate(env, w.a.cohort, w.ready.id, w.a.admin.id, ISSUED + 2 * DAY).ok).toBe(true);
  });

  it('reissues with a new serial from the ledger as it is now and marks the old one superseded', () => {
    const r = issueCertificate(env, w.a.cohort, w.ready.id, w.a.admin.id, ISSUED);
    if (!r.ok) throw new Error('issue failed');
    const old = r.certificate.serial;
    addCorrection(
      w.db,
      {
        traineeId: w.ready.id,
        institutionId: w.a.inst.id,
        cohortId: w.a.cohort.id,
        level: 'assistant',
        mode: 'selfStudy',
        minutes: 30,
        reason: '补录自学',
        actorId: w.a.admin.id,
      },
      ISSUED + DAY,
    );
    const again = reissueCertificate(env, old, w.a.inst.id, w.a.admin.id, '补录学时', ISSUED + 2 * DAY);
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    const fresh = again.certificate;
    expect(fresh.serial).not.toBe(old);
    expect(factsOf(fresh)).toMatchObject({ supersedes: old, hours: { totalMinutes: 780 } });
    const oldRow = w.db.select().from(certificates).where(eq(certificates.serial, old)).get();
    expect(oldRow).toMatchObject({ status: 'superseded', supersededBy: fresh.serial });
    expect(audit('certificate.reissue')).toMatchObject([{ subject: `certificate:${fresh.serial}`, detail: { supersedes: old, reason: '补录学时' } }]);
    // A superseded certificate cannot be reissued or revoked again.
    expect(reissueCertificate(env, old, w.a.inst.id, w.a.admin.id, '')).toEqual({ ok: false, error: 'notValid' });
  });

  it('applies the gate again on reissue', () => {
    const r = issueCertificate(env, w.a.cohort, w.ready.id, w.a.admin.id, ISSUED);
    if (!r.ok) throw new Error('issue failed');
    addCorrection(
      w.db,
      {
        traineeId: w.ready.id,
        institutionId: w.a.inst.id,
        cohortId: w.a.cohort.id,
        level: 'assistant',
        mode: 'faceToFace',
        minutes: -180,
        reason: '第 3 讲未到',
        actorId: w.a.admin.id,
      },
      ISSUED + DAY,
    );
    expect(reissueCertificate(env, r.certificate.serial, w.a.inst.id, w.a.admin.id, '')).toMatchObject({ ok: false, error: 'requirements' });
    expect(
      w.db
        .select()
        .from(certificates)
        .where(and(eq(certificates.traineeId, w.ready.id), eq(certificates.status, 'valid')))
        .all(),
    ).toHaveLength(1);
  });
});

describe('the mock-exam score on a certificate', () => {
  it('counts only submitted mock exams of that level', () => {
    expect(bestExamScore(w.db, w.ready.id, ['assistant-mock'])).toEqual({ score: 85, maxScore: 100, percent: 85 });
    expect(bestExamScore(w.db, w.ready.id, ['retail-mock'])).toBeNull();
    expect(bestExamScore(w.db, w.behind.id, ['assistant-mock'])).toBeNull();
    expect(bestExamScore(w.db, w.ready.id, [])).toBeNull();
  });
});

describe('the admin proof page and its actions over HTTP', () => {
  const page = (id: number) => `/admin/cohorts/${id}/proof`;

  it('lists trainees with their status and issues through a form post', async () => {
    const cookie = await w.login('admin@a.example');
    const html = await (await w.request(page(w.a.cohort.id), { cookie })).text();
    expect(html).toContain('李晓梅');
    expect(html).toContain('赵小刚');
    expect(html).toContain('距本级别规定学时还差');
    // The issue button only where the hours are complete and no certificate is valid yet.
    expect(html).toContain(`data-testid="issue-${w.ready.id}"`);
    expect(html).not.toContain(`data-testid="issue-${w.behind.id}"`);
    const res = await w.request(`${page(w.a.cohort.id)}/trainees/${w.ready.id}/issue`, { method: 'POST', cookie });
    expect(res.status).toBe(303);
    const after = await (await w.request(page(w.a.cohort.id), { cookie: `${cookie}; ${res.headers.getSetCookie()[0]!.split(';')[0]}` })).text();
    const serial = w.db.select().from(certificates).get()!.serial;
    expect(after).toContain(serial);
    expect(after).toContain(`已签发培训证明 ${serial}`);
    expect(after).not.toContain(`data-testid="issue-${w.ready.id}"`);
    // Not enough hours: no certificate, an error message instead.
    const refused = await w.request(`${page(w.a.cohort.id)}/trainees/${w.behind.id}/issue`, { method: 'POST', cookie });
    expect(refused.status).toBe(303);
    expect(w.db.select().from(certificates).all()).toHaveLength(1);
  });

  it('revokes and reissues through form posts, requiring a reason to revoke', async () => {
    const cookie = await w.login('admin@a.example');
    await w.request(`${page(w.a.cohort.id)}/trainees/${w.ready.id}/issue`, { method: 'POST', cookie });
    const serial = w.db.select().from(certificates).get()!.serial;
    await w.request(`${page(w.a.cohort.id)}/certificates/${serial}/reissue`, { method: 'POST', cookie, body: w.form({ reason: '' }) });
    const fresh = w.db.select().from(certificates).where(eq(certificates.status, 'valid')).get()!;
    expect(fresh.serial).not.toBe(serial);
    await w.request(`${page(w.a.cohort.id)}/certificates/${fresh.serial}/revoke`, { method: 'POST', cookie, body: w.form({ reason: '' }) });
    expect(w.db.select().from(certificates).where(eq(certificates.serial, fresh.serial)).get()!.status).toBe('valid');
    await w.request(`${page(w.a.cohort.id)}/certificates/${fresh.serial}/revoke`, { method: 'POST', cookie, body: w.form({ reason: '身份信息错误' }) });
    expect(w.db.select().from(certificates).where(eq(certificates.serial, fresh.serial)).get()).toMatchObject({
      status: 'revoked',
      revokeReason: '身份信息错误',
    });
    expect(
      w.db
        .select()
        .from(auditLog)
        .where(like(auditLog.action, 'certificate.%'))
        .all()
        .map((a) => a.action),
    ).toEqual(['certificate.issue', 'certificate.reissue', 'certificate.revoke']);
  });

  it('answers 404 to another institution’s admin, exactly as for a cohort that does not exist', async () => {
    const r = issueCertificate(env, w.a.cohort, w.ready.id, w.a.admin.id, ISSUED);
    if (!r.ok) throw new Error('issue failed');
    const serial = r.certificate.serial;
    const other = await w.login('admin@b.example');
    expect((await w.request(page(w.a.cohort.id), { cookie: other })).status).toBe(404);
    expect((await w.request(page(99_999), { cookie: other })).status).toBe(404);
    expect((await w.request(`${page(w.a.cohort.id)}/trainees/${w.ready.id}/issue`, { method: 'POST', cookie: other })).status).toBe(404);
    expect(
      (await w.request(`${page(w.a.cohort.id)}/certificates/${serial}/revoke`, { method: 'POST', cookie: other, body: w.form({ reason: 'x' }) })).status,
    ).toBe(404);
    expect((await w.request(`${page(w.a.cohort.id)}/trainees/${w.ready.id}/interim`, { cookie: other })).status).toBe(404);
    expect((await w.request(`${page(w.a.cohort.id)}/export?kind=hours&format=csv&from=2026-03-01&to=2026-03-31`, { cookie: other })).status).toBe(404);
    expect((await w.request(`/proof/certificates/${serial}/pdf`, { cookie: other })).status).toBe(404);
    expect((await w.request(`/proof/certificates/${serial}/json`, { cookie: other })).status).toBe(404);
    expect((await w.request(`/proof/bundle?institution=A&from=2026-03-01&to=2026-03-31`, { cookie: other })).status).toBe(404);
    expect(w.db.select().from(certificates).get()!.status).toBe('valid');
    // An admin of B can of course issue inside B's own cohort.
    expect((await w.request(page(w.b.cohort.id), { cookie: other })).status).toBe(200);
  });

  it('is linked from the admin cohort page and, for trainees only, from /me', async () => {
    const adminCookie = await w.login('admin@a.example');
    expect(await (await w.request(`/admin/cohorts/${w.a.cohort.id}`, { cookie: adminCookie })).text()).toContain(`href="${page(w.a.cohort.id)}"`);
    expect(await (await w.request('/me', { cookie: await w.login('lixiaomei@a.example') })).text()).toContain('href="/me/certificates"');
    expect(await (await w.request('/me', { cookie: adminCookie })).text()).not.toContain('href="/me/certificates"');
  });

  it('lets the trainee download their own certificate and nobody else’s', async () => {
    const r = issueCertificate(env, w.a.cohort, w.ready.id, w.a.admin.id, ISSUED);
    if (!r.ok) throw new Error('issue failed');
    const serial = r.certificate.serial;
    const mine = await w.login('lixiaomei@a.example');
    const list = await (await w.request('/me/certificates', { cookie: mine })).text();
    expect(list).toContain(serial);
    const pdf = await w.request(`/proof/certificates/${serial}/pdf`, { cookie: mine });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(`${serial}.pdf`);
    expect((await w.request(`/me/certificates/interim/${w.a.cohort.id}`, { cookie: mine })).status).toBe(200);
    expect((await w.request(`/me/certificates/interim/${w.b.cohort.id}`, { cookie: mine })).status).toBe(404);
    const classmate = await w.login('zhaoxiaogang@a.example');
    expect((await w.request(`/proof/certificates/${serial}/pdf`, { cookie: classmate })).status).toBe(404);
    const instructor = await w.login('instructor@a.example');
    expect((await w.request(`/proof/certificates/${serial}/pdf`, { cookie: instructor })).status).toBe(403);
    expect((await w.request(page(w.a.cohort.id), { cookie: instructor })).status).toBe(403);
    expect((await w.request(`/proof/certificates/${serial}/pdf`)).status).toBe(303); // anonymous: to the login page
  });
});
