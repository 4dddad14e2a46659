import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { LmsRuntime } from '../settings.js';
import * as store from '../store.js';
import { LtiError } from './errors.js';

// OIDC third-party login initiation (LTI 1.3 §5.1.1). The platform sends us here first; we answer
// with a redirect to its authorisation endpoint carrying a fresh state and nonce. The state is also
// bound to this browser: a random secret goes into a short-lived cookie and only its hash into
// lti_states, so an id_token posted from another browser (login CSRF) finds no matching cookie.

export const STATE_TTL_MS = 10 * 60_000;
/** One cookie per login, so two LTI frames opening on one LMS page do not overwrite each other. */
export const STATE_COOKIE_PREFIX = 'bcm_lti_state_';

export const LAUNCH_PATH = '/lti/launch';
export const LOGIN_PATH = '/lti/login';
export const DEEP_LINKING_PATH = '/lti/deep-linking';
export const JWKS_PATH = '/.well-known/jwks.json';

export const random = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

export type LoginRequest = Record<string, string | undefined>;

export type LoginResult = { redirectTo: string; state: string; browserSecret: string };

/** Is this URL on our own origin (the only place a launch may land)? */
function ours(uri: string, publicUrl: URL): boolean {
  try {
    return new URL(uri).origin === publicUrl.origin;
  } catch {
    return false;
  }
}

/**
 * The registration a login names. A login that names its deployment must find exactly that
 * deployment; one that names none is accepted only when a single registration can be meant, since
 * the launch must then come from that very row (several deployments of one LMS client, or one
 * issuer shared by several clients, need lti_deployment_id / client_id to tell them apart).
 */
function platformFor(db: Db, iss: string, clientId: string | undefined, deploymentId: string | undefined): store.Platform {
  const candidates = store.findPlatformsFor(db, iss, clientId);
  if (!candidates.length) throw new LtiError(400, 'lti.error.platform', `no registration for ${iss} / ${clientId ?? '-'}`);
  if (deploymentId) {
    const exact = candidates.find((p) => p.deploymentId === deploymentId);
    if (!exact) throw new LtiError(400, 'lti.error.deployment', `no deployment ${deploymentId} for ${iss} / ${clientId ?? '-'}`, { deployment: deploymentId });
    const clients = new Set(candidates.filter((p) => p.deploymentId === deploymentId).map((p) => p.clientId));
    if (clients.size > 1) throw new LtiError(400, 'lti.error.ambiguous', `deployment ${deploymentId} of ${iss} is registered for several client ids`);
    return exact;
  }
  if (candidates.length > 1)
    throw new LtiError(400, 'lti.error.ambiguous', `${candidates.length} registrations for ${iss} / ${clientId ?? '-'} and no lti_deployment_id`);
  return candidates[0];
}

/**
 * Anonymous, and each login writes a state row, so logins are bounded twice: a rate per client
 * address (in the database, so every process counts them) and a cap on the states of one platform that are still usable. The cap is
 * what bounds the table whatever the number of addresses; reaching it purges that platform's
 * expired states first, so only a flood of fresh ones gets a 429.
 */
async function admitLogin(rt: LmsRuntime, db: Db, platform: store.Platform, clientAddress: string, now: number): Promise<void> {
  const took = await rt.loginLimiter(db).take(clientAddress, now);
  if (!took.ok) throw new LtiError(429, 'lti.error.busy', `login rate exceeded by ${clientAddress}`, undefined, took.retryAfterSeconds);
  const cap = rt.settings.maxLiveStatesPerPlatform;
  if (store.countLiveStates(db, platform.id, now) < cap) return;
  store.purgeExpiredStates(db, platform.id, now);
  if (store.countLiveStates(db, platform.id, now) >= cap) {
    throw new LtiError(429, 'lti.error.busy', `platform ${platform.id} has ${cap} live login states`, undefined, Math.ceil(STATE_TTL_MS / 1000 / 10));
  }
}

export async function startLogin(rt: LmsRuntime, db: Db, p: LoginRequest, clientAddress = 'unknown', now = Date.now()): Promise<LoginResult> {
  const iss = p.iss?.trim();
  const loginHint = p.login_hint;
  const target = p.target_link_uri?.trim();
  if (!iss || !loginHint || !target) throw new LtiError(400, 'lti.error.missing', 'iss, login_hint and target_link_uri are required');
  const platform = platformFor(db, iss, p.client_id?.trim() || undefined, p.lti_deployment_id?.trim() || undefined);
  if (!ours(target, rt.settings.publicUrl)) throw new LtiError(400, 'lti.error.targetLink', target);
  await admitLogin(rt, db, platform, clientAddress, now);

  const state = random();
  const nonce = random();
  const browserSecret = random();
  store.insertState(db, {
    state,
    nonce,
    platformId: platform.id,
    browserHash: sha256Hex(browserSecret),
    targetLinkUri: target,
    expiresAt: now + STATE_TTL_MS,
  });

  const auth = new URL(platform.authUrl);
  const params: Record<string, string> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: platform.clientId,
    redirect_uri: rt.url(LAUNCH_PATH),
    login_hint: loginHint,
    state,
    nonce,
  };
  if (p.lti_message_hint) params.lti_message_hint = p.lti_message_hint;
  for (const [k, v] of Object.entries(params)) auth.searchParams.set(k, v);
  return { redirectTo: auth.toString(), state, browserSecret };
}
