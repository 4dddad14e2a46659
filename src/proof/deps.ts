import type { Context } from 'hono';
import type { AppEnv, Deps } from '../env.js';
import { loadOrCreateSigningKey, type ProofKey, type Signer } from './keys.js';
import type { ProofEnv } from './certificates.js';
import type { Limit } from '../platform/rate-limit.js';

/** What the proof feature takes from createApp's Deps (all optional; see proofSigner). */
export type ProofDeps = {
  /** The signing key; src/server.ts loads (or creates) it at start-up. */
  signer?: Signer;
  /** Lookups allowed per client address on /verify (default 30 at once, 30 a minute). */
  verifyLimit?: Limit;
};

const loaded = new Map<string, Signer>();

/**
 * The server passes the key it created at start-up. An app built without one (tests, tools)
 * loads or creates the key at config.signingKeyPath on first use, once per path.
 */
export function proofSigner(deps: Deps): Signer {
  if (deps.proof?.signer) return deps.proof.signer;
  const file = deps.config.signingKeyPath;
  let signer = loaded.get(file);
  if (!signer) loaded.set(file, (signer = loadOrCreateSigningKey(file)));
  return signer;
}

/** Keys this server can check signatures with: today only the current one (no rotation yet). */
export function knownKeys(deps: Deps): ProofKey[] {
  return [proofSigner(deps)];
}

export function proofEnv(c: Context<AppEnv>): ProofEnv {
  const deps = c.var.deps;
  return { db: deps.db, catalog: deps.catalog, signer: proofSigner(deps), publicUrl: deps.config.publicUrl, timeZone: deps.config.timeZone };
}
