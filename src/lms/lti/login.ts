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

export function startLogin(rt: LmsRuntime, db: Db, p: LoginRequest, now = Date.now()): LoginResult {
  const iss = p.iss?.trim();
  const loginHint = p.login_hint;
  const target = p.target_link_uri?.trim();
  if (!iss || !loginHint || !target) throw new LtiError(400, 'lti.error.missing', 'iss, login_hint and target_link_uri are required');
  const platform = store.findPlatformsFor(db, iss, p.client_id || undefined, p.lti_deployment_id || undefined)[0];
  if (!platform) throw new LtiError(400, 'lti.error.platform', `no registration for ${iss} / ${p.client_id ?? '-'} / ${p.lti_deployment_id ?? '-'}`);
  if (!ours(target, rt.settings.publicUrl)) throw new LtiError(400, 'lti.error.targetLink', target);

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
