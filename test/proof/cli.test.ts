import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueCertificate } from '../../src/proof/certificates.js';
import { loadOrCreateSigningKey } from '../../src/proof/keys.js';
import { bcm, bcmProcess } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';
import { DAY, T0, proofWorld, type World } from './fixtures.js';

// `npx bcm proof:verify`: files on disk and exit codes; run in this process through the CLI's
// function, and once as its own process the way a person runs it.

let w: World;
let dir: string;
let certFile: string;
let bundleFile: string;
let jwksFile: string;
let serial: string;

beforeAll(async () => {
  w = await proofWorld();
  dir = tempDir('bcm-cli-');
  const env = {
    db: w.db,
    catalog: w.catalog,
    blueprints: w.exams.blueprints,
    signer: loadOrCreateSigningKey(w.config.signingKeyPath),
    publicUrl: w.config.publicUrl,
  };
  const r = issueCertificate(env, w.a.cohort, w.ready.id, w.a.admin.id, T0 + 10 * DAY);
  if (!r.ok) throw new Error('issue failed');
  serial = r.certificate.serial;
  const cookie = await w.login('admin@a.example');
  const save = async (url: string, name: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, Buffer.from(await (await w.request(url, { cookie })).arrayBuffer()));
    return file;
  };
  certFile = await save(`/proof/certificates/${serial}/json`, `${serial}.json`);
  bundleFile = await save('/proof/bundle?institution=A&from=2026-03-01&to=2026-03-31', 'bundle.json');
  jwksFile = await save('/.well-known/bcm-proof-keys.json', 'bcm-proof-keys.json');
});

// No local key unless a test says so: verification must work from the published key alone.
const noLocalKey = () => ({ SIGNING_KEY_PATH: path.join(dir, 'absent-key.json') });

describe('npx bcm proof:verify', () => {
  // The process starts node + tsx and loads the CLI (1–4 s on a busy machine), hence the timeout.
  it('says valid and exits 0 for a certificate checked against the published JWK set, as its own process', { timeout: 60_000 }, async () => {
    const r = await bcmProcess(['proof:verify', certFile, '--key', jwksFile], noLocalKey());
    expect(r.stdout).toContain('valid: signature checks');
    expect(r.stdout).toContain(`certificate ${serial}: 李晓梅`);
    expect(r.stdout).toContain('16.7 class hours');
    expect(r.stdout).toContain(`/verify/${serial}`);
    expect(r.status).toBe(0);
  });

  it('uses the public part of SIGNING_KEY_PATH when no --key is given, and checks bundles too', async () => {
    const r = await bcm(['proof:verify', bundleFile], { SIGNING_KEY_PATH: w.config.signingKeyPath });
    expect(r.stdout).toContain('bundle: A 培训中心 (A), 2026-03-01 – 2026-03-31');
    expect(r.status).toBe(0);
  });

  it('says invalid and why, exit 1, for a file with one changed byte', async () => {
    const bytes = fs.readFileSync(certFile);
    const at = bytes.indexOf(Buffer.from('"totalMinutes":750')) + '"totalMinutes":'.length;
    bytes[at] = '9'.charCodeAt(0); // 750 → 950 hours' worth of minutes
    const tampered = path.join(dir, 'tampered.json');
    fs.writeFileSync(tampered, bytes);
    const r = await bcm(['proof:verify', tampered, '--key', jwksFile], noLocalKey());
    expect(r.stdout).toContain('invalid: the signature does not match the facts');
    expect(r.status).toBe(1);
  });

  it('says invalid, exit 1, against someone else’s key', async () => {
    const other = path.join(dir, 'other-key.json');
    loadOrCreateSigningKey(other);
    const r = await bcm(['proof:verify', certFile, '--key', other], noLocalKey());
    expect(r.stdout).toContain('invalid: signed with key');
    expect(r.status).toBe(1);
  });

  it('exits 2 with the reason when it cannot run', async () => {
    const noKey = await bcm(['proof:verify', certFile], noLocalKey());
    expect(noKey.status).toBe(2);
    expect(noKey.stderr).toContain('no --key given');
    const noFile = await bcm(['proof:verify', path.join(dir, 'missing.json'), '--key', jwksFile], noLocalKey());
    expect(noFile.status).toBe(2);
    expect(noFile.stderr).toContain('does not exist');
  });
});
