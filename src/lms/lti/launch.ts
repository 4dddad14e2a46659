import { errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { Db } from '../../db/client.js';
import type { LmsRuntime } from '../settings.js';
import * as store from '../store.js';
import { CLAIM, MESSAGE_TYPES, launchClaimsSchema, type LaunchClaims, type MessageType } from './claims.js';
import { LtiError } from './errors.js';
import { sha256Hex } from './login.js';

// The launch (LTI 1.3 §5.1.2 and the IMS Security Framework §5.1.3): every check an id_token must
// pass before we trust a word of it. Each refusal is an LtiError with the status and a sentence
// for the person; the technical reason is kept for the log.

/** Tokens are used seconds after issue; an old iat means a replay or a broken clock. */
const MAX_TOKEN_AGE_SEC = 10 * 60;

export type VerifiedLaunch = {
  /** The registration the login chose, whose keys verified the token and whose issuer, client id and deployment it carries. */
  platform: store.Platform;
  messageType: MessageType;
  claims: LaunchClaims;
  /** target_link_uri from the login initiation (already checked to be ours). */
  targetLinkUri: string;
};

export type LaunchRequest = { idToken?: string; state?: string; browserSecret?: string };

function joseFailure(err: unknown): LtiError {
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  if (err instanceof joseErrors.JWTExpired) return new LtiError(401, 'lti.error.expired', detail);
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') return new LtiError(401, 'lti.error.audience', detail);
    if (err.claim === 'iss') return new LtiError(401, 'lti.error.issuer', detail);
    if (err.claim === 'iat' || err.claim === 'nbf' || err.claim === 'exp') return new LtiError(401, 'lti.error.expired', detail);
    return new LtiError(400, 'lti.error.claims', detail);
  }
  if (err instanceof joseErrors.JWKSTimeout || (err instanceof joseErrors.JOSEError && /JSON Web Key Set/.test(err.message))) {
    return new LtiError(401, 'lti.error.keys', detail);
  }
  if (err instanceof TypeError || (err instanceof Error && /fetch failed|ECONNREFUSED/.test(err.message))) return new LtiError(401, 'lti.error.keys', detail);
  // Bad signature, unknown kid after a refetch, algorithm not RS256, malformed token.
  return new LtiError(401, 'lti.error.signature', detail);
}

export async function verifyLaunch(rt: LmsRuntime, db: Db, req: LaunchRequest, now = Date.now()): Promise<VerifiedLaunch> {
  if (!req.idToken || !req.state) throw new LtiError(400, 'lti.error.missing', 'id_token and state are required');

  // 1. The state: ours, unexpired, started in this very browser, and used only once.
  const state = store.findState(db, req.state);
  if (!state) throw new LtiError(401, 'lti.error.state', 'unknown state');
  if (state.usedAt !== null) throw new LtiError(401, 'lti.error.replay', 'state already used');
  if (state.expiresAt < now) throw new LtiError(401, 'lti.error.state', 'state expired');
  if (!req.browserSecret || sha256Hex(req.browserSecret) !== state.browserHash) {
    throw new LtiError(401, 'lti.error.stateBrowser', req.browserSecret ? 'state cookie does not match' : 'no state cookie');
  }
  // Consumed before the token is even looked at: a failed attempt cannot be retried with this
  // state. The conditional update also settles a race between two posts of the same state.
  if (!store.consumeState(db, state.state, now)) throw new LtiError(401, 'lti.error.replay', 'state already used');
  // The one registration this launch may speak for: the row the login chose. Its keys verify the
  // token and its issuer, client id and deployment must all match; nothing in the token can move
  // the launch to another row (and so to another institution).
  const registered = store.findPlatform(db, state.platformId);
  if (!registered || registered.removedAt !== null) throw new LtiError(401, 'lti.error.state', 'platform of the state is gone or removed');

  // 2. Signature against the platform's key set (RS256 only), issuer, audience, times.
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(req.idToken, rt.platformKeys(registered.jwksUrl), {
      algorithms: ['RS256'],
      issuer: registered.issuer,
      audience: registered.clientId,
      clockTolerance: rt.settings.clockToleranceSec,
      maxTokenAge: MAX_TOKEN_AGE_SEC,
      requiredClaims: ['exp', 'iat', 'nonce', 'sub'],
      currentDate: new Date(now),
    }));
  } catch (err) {
    throw joseFailure(err);
  }
  // With several audiences the token must say which party it was issued to (OIDC Core §3.1.3.7).
  const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if ((aud.length > 1 || payload.azp !== undefined) && payload.azp !== registered.clientId) {
    throw new LtiError(401, 'lti.error.audience', `azp ${String(payload.azp)} is not ${registered.clientId}`);
  }

  // 3. The nonce is the one we sent with this state.
  if (payload.nonce !== state.nonce) throw new LtiError(401, 'lti.error.nonce', 'nonce does not match the login');

  // 4. LTI claims: version, message type, a deployment we know.
  if (payload[CLAIM.version] !== '1.3.0') throw new LtiError(400, 'lti.error.version', String(payload[CLAIM.version]));
  const messageType = payload[CLAIM.messageType];
  if (!MESSAGE_TYPES.includes(messageType as MessageType)) throw new LtiError(400, 'lti.error.messageType', String(messageType));
  const parsed = launchClaimsSchema.safeParse(payload);
  if (!parsed.success) {
    throw new LtiError(400, 'lti.error.claims', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const claims = parsed.data;
  const deploymentId = claims[CLAIM.deploymentId];
  if (deploymentId !== registered.deploymentId) {
    throw new LtiError(403, 'lti.error.deployment', `token deployment ${deploymentId} is not ${registered.deploymentId} of platform ${registered.id}`, {
      deployment: deploymentId,
    });
  }
  const platform = registered;
  if (messageType === 'LtiResourceLinkRequest' && !claims[CLAIM.resourceLink]) throw new LtiError(400, 'lti.error.claims', 'resource_link missing');
  if (messageType === 'LtiDeepLinkingRequest' && !claims[CLAIM.deepLinkingSettings])
    throw new LtiError(400, 'lti.error.claims', 'deep_linking_settings missing');

  // 5. The nonce is spent: kept until the token could no longer pass the expiry check anyway.
  const expiresAt = ((payload.exp ?? 0) + rt.settings.clockToleranceSec) * 1000;
  if (!store.recordNonce(db, claims.nonce, platform.id, Math.max(expiresAt, now + 60_000))) {
    throw new LtiError(401, 'lti.error.replay', 'nonce already used');
  }
  return { platform, messageType: messageType as MessageType, claims, targetLinkUri: state.targetLinkUri };
}
