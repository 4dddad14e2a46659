import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { certificates } from '../../src/db/schema.js';
import { issueCertificate, reissueCertificate, revokeCertificate } from '../../src/proof/certificates.js';
import { loadOrCreateSigningKey } from '../../src/proof/keys.js';
import { SERIAL_ALPHABET, checkCharacter } from '../../src/proof/serial.js';
import { createApp } from '../../src/app.js';
import pino from 'pino';
import { DAY, T0, proofWorld, type World } from './fixtures.js';

let w: World;
let valid: string;
let revoked: string;
let superseded: string;
let replacement: string;

const json = { Accept: 'application/json' };

beforeAll(async () => {
  // The default limit (30 at once) is plenty here; the rate-limit test builds its own app.
  w = await proofWorld();
  const env = {
    db: w.db,
    catalog: w.catalog,
    blueprints: w.exams.blueprints,
    signer: loadOrCreateSigningKey(w.config.signingKeyPath),
    publicUrl: w.config.publicUrl,
  };
  const issue = (n: number) => {
    const r = issueCertificate(env, w.a.cohort, w.ready.id, w.a.admin.id, T0 + n * DAY);
    if (!r.ok) throw new Error('issue failed');
    return r.certificate.serial;
  };
  revoked = issue(10);
  revokeCertificate(env, revoked, w.a.inst.id, w.a.admin.id, '学时记录有误', T0 + 11 * DAY);
  superseded = issue(12);
  const re = reissueCertificate(env, superseded, w.a.inst.id, w.a.admin.id, '', T0 + 13 * DAY);
  if (!re.ok) throw new Error('reissue failed');
  replacement = re.certificate.serial;
  valid = replacement;
});

describe('GET /verify/:serial', () => {
  it('shows a valid certificate to anyone, with the name partly hidden and the signature checked', async () => {
    const res = await w.request(`/verify/${valid}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('真实有效');
    expect(html).toContain('李**');
    expect(html).not.toContain('李晓梅');
    expect(html).not.toContain('11010519491231002X');
    expect(html).toContain('110***********002X');
    expect(html).toContain('签名有效');
    expect(html).toContain(superseded); // "replaces"
  });

  it('answers JSON when asked, with the facts, status and signature', async () => {
    const res = await w.request(`/verify/${valid}`, { headers: json });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      result: 'valid',
      serial: valid,
      status: 'valid',
      signature: { valid: true, alg: 'EdDSA', problem: null },
      facts: { trainee: { name: '李**', idNumber: '110***********002X' }, hours: { totalMinutes: 750 }, supersedes: superseded },
    });
    expect(body.facts.trainee.id).toBeUndefined();
  });

  it('says revoked, with the reason', async () => {
    const html = await (await w.request(`/verify/${revoked}`)).text();
    expect(html).toContain('已撤销');
    expect(html).toContain('学时记录有误');
    expect(await (await w.request(`/verify/${revoked}`, { headers: json })).json()).toMatchObject({ result: 'revoked', revokeReason: '学时记录有误' });
  });

  it('says superseded, and by which serial', async () => {
    const html = await (await w.request(`/verify/${superseded}`)).text();
    expect(html).toContain('已被替换');
    expect(html).toContain(`href="/verify/${replacement}"`);
    expect(await (await w.request(`/verify/${superseded}`, { headers: json })).json()).toMatchObject({ result: 'superseded', supersededBy: replacement });
  });

  it('catches a mistyped serial by its check character, and says so', async () => {
    const last = valid.at(-1)!;
    const typo = valid.slice(0, -1) + SERIAL_ALPHABET[(SERIAL_ALPHABET.indexOf(last) + 1) % 31];
    const res = await w.request(`/verify/${typo}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('校验位不符');
    expect(await (await w.request(`/verify/${typo}`, { headers: json })).json()).toMatchObject({ result: 'badCheck' });
    const shape = await w.request('/verify/BCM-12', { headers: json });
    expect(shape.status).toBe(400);
    expect(await shape.json()).toMatchObject({ result: 'badFormat' });
  });

  it('tells a well-formed serial that was never issued apart from a typo', async () => {
    const res = await w.request(`/verify/BCM-2026-22222222-${checkCharacter('2026', '22222222')}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('没有编号为');
  });

  it('accepts a typed serial from the lookup form and sends it to its own address', async () => {
    const res = await w.request(`/verify?serial=${encodeURIComponent(` ${valid.toLowerCase()} `)}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/verify/${valid}`);
    expect((await w.request('/verify')).status).toBe(200);
  });

  it('shows when a stored record no longer matches its signature', async () => {
    const row = w.db.select().from(certificates).where(eq(certificates.serial, revoked)).get()!;
    w.db
      .update(certificates)
      .set({ facts: row.facts.replace('李晓梅', '李晓美') })
      .where(eq(certificates.serial, revoked))
      .run();
    try {
      const body = await (await w.request(`/verify/${revoked}`, { headers: json })).json();
      expect(body).toMatchObject({ result: 'badSignature', signature: { valid: false, problem: 'signature' } });
      // The page says the same, whatever the status: a broken signature outweighs it.
      const html = await (await w.request(`/verify/${revoked}`)).text();
      expect(html).toMatch(/<p class="proof-verdict proof-verdict-bad" role="status" data-testid="verify-verdict" data-result="revoked">✗ 签名无法验证/);
    } finally {
      w.db.update(certificates).set({ facts: row.facts }).where(eq(certificates.serial, revoked)).run();
    }
  });

  it('speaks English when the visitor chose it', async () => {
    const html = await (await w.request(`/verify/${revoked}`, { headers: { Cookie: 'bcm_lang=en' } })).text();
    expect(html).toContain('Revoked');
  });
});

describe('rate limiting /verify', () => {
  it('answers 429 with a clear message and Retry-After once the bucket is empty', async () => {
    // The same world, in an app built with a small limit (requests without a socket share one address).
    const small = await proofWorld();
    const app = createApp({
      db: small.db,
      config: small.config,
      logger: pino({ level: 'silent' }),
      catalog: small.catalog,
      proof: { verifyLimit: { burst: 3, perMinute: 6 } },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await app.request('/verify/BCM-12')).status);
    expect(statuses).toEqual([400, 400, 400, 429]);
    const limited = await app.request('/verify/BCM-12', { headers: json });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ result: 'rateLimited' });
    expect(await (await app.request('/verify/BCM-12')).text()).toContain('查询过于频繁');
  });
});

describe('the public key', () => {
  it('is published as a JWK set at /.well-known/bcm-proof-keys.json, with the key id as thumbprint', async () => {
    const res = await w.request('/.well-known/bcm-proof-keys.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const set = await res.json();
    const cert = w.db.select().from(certificates).get()!;
    expect(set.keys).toEqual([expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: cert.keyId })]);
    expect(set.keys[0].d).toBeUndefined();
  });
});
