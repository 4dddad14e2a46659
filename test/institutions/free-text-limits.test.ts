import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { certificates, users } from '../../src/db/schema.js';
import { addCorrection } from '../../src/hours/ledger/ledger.js';
import { issueCertificate, reissueCertificate } from '../../src/proof/certificates.js';
import { loadOrCreateSigningKey } from '../../src/proof/keys.js';
import { makeTestApp } from '../helpers/app.js';
import { bcm } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';
import { DAY, T0, proofWorld } from '../proof/fixtures.js';

// Free text that ends up in records (names on certificates, reasons in the audit trail) has a
// limit, refused with a message rather than cut, and a taken e-mail says nothing about its owner.

describe('creating an instructor', () => {
  it('refuses a name over 60 characters and an e-mail over 254, creating nobody', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const before = t.db.select().from(users).all().length;
    const long = await t.request('/admin/instructors', { method: 'POST', cookie, body: t.form({ name: '王'.repeat(61), email: 'new-instructor@a.example' }) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('“姓名”过长（最多 60 个字符）');
    const email = `${'x'.repeat(250)}@a.example`;
    const longEmail = await t.request('/admin/instructors', { method: 'POST', cookie, body: t.form({ name: '王老师', email }) });
    expect(longEmail.status).toBe(400);
    expect(await longEmail.text()).toContain('过长（最多 254 个字符）');
    expect(t.db.select().from(users).all()).toHaveLength(before);
  });

  it('answers a taken e-mail the same way whether it is this institution’s or another’s, trainee or admin', async () => {
    const t = await makeTestApp();
    const { a, b } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    const messageFor = async (email: string) => {
      const res = await t.request('/admin/instructors', { method: 'POST', cookie, body: t.form({ name: '王老师', email }) });
      expect(res.status).toBe(400);
      const html = await res.text();
      // The line that names the address, with the address taken out.
      return /<li>([^<]*)<\/li>/g.exec(html.replace(/<li>(?![^<]*@)[^<]*<\/li>/g, ''))?.[1]?.replace(email, 'EMAIL');
    };
    const own = await messageFor(a.trainee.email);
    expect(own).toContain('已有账户在使用');
    expect(await messageFor(b.trainee.email)).toBe(own);
    expect(await messageFor(b.admin.email)).toBe(own);
    expect(own).not.toMatch(/机构|角色/);
  });
});

describe('reissuing a certificate', () => {
  it('refuses a reason over 200 characters instead of cutting it, and reissues nothing', async () => {
    const w = await proofWorld();
    const env = {
      db: w.db,
      catalog: w.catalog,
      blueprints: w.exams.blueprints,
      signer: loadOrCreateSigningKey(w.config.signingKeyPath),
      publicUrl: w.config.publicUrl,
    };
    const issued = issueCertificate(env, w.a.cohort, w.ready.id, w.a.admin.id, T0 + 10 * DAY);
    if (!issued.ok) throw new Error('issue failed');
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
      T0 + 11 * DAY,
    );
    const result = reissueCertificate(env, issued.certificate.serial, w.a.inst.id, w.a.admin.id, '因'.repeat(201), T0 + 12 * DAY);
    expect(result).toEqual({ ok: false, error: 'reasonTooLong' });
    expect(
      w.db
        .select()
        .from(certificates)
        .where(eq(certificates.status, 'valid'))
        .all()
        .map((c) => c.serial),
    ).toEqual([issued.certificate.serial]);
  });
});

describe('the command line', () => {
  it('refuses a user name over 60 characters and an institution name over 80', async () => {
    const dir = tempDir('bcm-cli-limits-');
    const env = { DATABASE_PATH: path.join(dir, 'bcm.sqlite'), DATA_DIR: dir };
    const inst = await bcm(['institutions:add', '--code', 'LIM', '--name', '长'.repeat(81)], env);
    expect(inst).toMatchObject({ status: 2 });
    expect(inst.stderr).toContain('--name: at most 80 characters');
    expect((await bcm(['institutions:add', '--code', 'LIM', '--name', '示范中心'], env)).status).toBe(0);
    const user = await bcm(['users:add', '--email', 'a@lim.example', '--name', '长'.repeat(61), '--role', 'admin', '--institution', 'LIM'], env);
    expect(user).toMatchObject({ status: 2 });
    expect(user.stderr).toContain('--name: at most 60 characters');
    expect((await bcm(['users:add', '--email', 'a@lim.example', '--name', '李管理', '--role', 'admin', '--institution', 'LIM'], env)).status).toBe(0);
  });
});
