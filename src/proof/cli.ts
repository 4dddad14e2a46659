import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyProofFile, type Verification } from './envelope.js';
import { publicKeysFromFile, readSigningKey, type ProofKey } from './keys.js';
import type { CertificateFacts } from './facts.js';
import type { bundleFacts } from './bundle.js';

// `npx bcm proof:verify FILE [--key KEYFILE]`: checks an exported certificate or bundle offline.
// The key is the one named with --key (a JWK, a JWK set such as /.well-known/bcm-proof-keys.json,
// or a key file), else the public half of the local SIGNING_KEY_PATH. The file's keyId must be
// the thumbprint of one of them. Prints "valid" or "invalid: why"; exit 0 or 1.

export class ProofUsageError extends Error {}

type Out = { log: (line: string) => void; error: (line: string) => void };

/** A signed facts object we issued has the shape we gave it: the signature vouches for that. */
function describe(v: Extract<Verification, { ok: true }>): string[] {
  if (v.type === 'bcm.training-certificate') {
    const f = v.facts as unknown as CertificateFacts;
    const hours = Math.round((f.hours.totalMinutes / f.hours.classHourMinutes) * 10) / 10;
    return [
      `certificate ${f.serial}: ${f.trainee.name} · ${f.level.name.zh} (${f.level.id}) · ${f.institution.name} (${f.institution.code})`,
      `  ${hours} class hours, issued ${f.issueDate}${f.supersedes ? `, replaces ${f.supersedes}` : ''}`,
      `  revocation is not part of a file: check ${f.issuer.url}/verify/${f.serial}`,
    ];
  }
  const f = v.facts as unknown as ReturnType<typeof bundleFacts>;
  return [
    `bundle: ${f.institution.name} (${f.institution.code}), ${f.period.from} – ${f.period.to}`,
    `  ${f.cohorts.length} cohorts, ${f.cohorts.reduce((n, c) => n + c.trainees.length, 0)} trainee rows, ${f.certificates.length} certificates`,
  ];
}

export function proofVerifyCommand(args: string[], signingKeyPath: string, out: Out = console): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { key: { type: 'string' } } });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new ProofUsageError('proof:verify needs exactly one FILE (a certificate .json or a bundle)');
  if (!fs.existsSync(file)) throw new ProofUsageError(`proof:verify: ${file} does not exist`);

  let keys: ProofKey[];
  let keySource: string;
  if (values.key) {
    if (!fs.existsSync(values.key)) throw new ProofUsageError(`--key: ${values.key} does not exist`);
    try {
      keys = publicKeysFromFile(values.key);
    } catch (err) {
      throw new ProofUsageError(`--key: ${(err as Error).message}`);
    }
    keySource = values.key;
  } else {
    const local = readSigningKey(signingKeyPath);
    if (!local)
      throw new ProofUsageError(`no --key given and no signing key at ${signingKeyPath}: pass --key with the issuer's /.well-known/bcm-proof-keys.json`);
    keys = [local];
    keySource = `${signingKeyPath} (public part)`;
  }

  const result = verifyProofFile(fs.readFileSync(file), keys);
  if (!result.ok) {
    out.log(`invalid: ${result.message}`);
    out.log(`  file: ${file}; keys from ${keySource}${result.keyId ? `; file names key ${result.keyId}` : ''}`);
    return 1;
  }
  out.log(`valid: signature checks with key ${result.keyId} (from ${keySource})`);
  for (const line of describe(result)) out.log(line);
  return 0;
}
