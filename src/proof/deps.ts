import type { Context } from 'hono';
import type { AppEnv, Deps } from '../env.js';
import type { ProofKey, Signer } from './keys.js';
import type { ProofEnv } from './certificates.js';
import type { Limit } from '../platform/rate-limit.js';

/** What the proof feature takes from createApp's Deps. */
export type ProofDeps = {
  /** The signing key; createApp loads (or creates) it from config.signingKeyPath when not given. */
  signer?: Signer;
  /** Lookups allowed per client address on /verify (default 30 at once, 30 a minute). */
  verifyLimit?: Limit;
};

/** The key createApp loaded (or created) at start-up: never made inside a request. */
export function proofSigner(deps: Deps): Signer {
  const signer = deps.proof?.signer;
  if (!signer) throw new Error('no proof signing key: createApp loads it from config.signingKeyPath');
  return signer;
}

/** Keys this server can check signatures with: today only the current one (no rotation yet). */
export function knownKeys(deps: Deps): ProofKey[] {
  return [proofSigner(deps)];
}

export function proofEnv(c: Context<AppEnv>): ProofEnv {
  const deps = c.var.deps;
  return {
    db: deps.db,
    catalog: deps.catalog,
    blueprints: deps.exams.blueprints,
    signer: proofSigner(deps),
    publicUrl: deps.config.publicUrl,
    timeZone: deps.config.timeZone,
  };
}
