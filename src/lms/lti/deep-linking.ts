import { SignJWT, jwtVerify } from 'jose';
import type { ToolKeys } from '../keys.js';
import { TOOL_ALG } from '../keys.js';
import type { Platform } from '../store.js';
import { TARGET_PARAM, targetParam, targetPath, type Target } from '../targets.js';
import { CLAIM } from './claims.js';
import { random } from './login.js';

// Deep linking (LTI DL 2.0): an instructor in the LMS picks what to place; we answer with a signed
// LtiDeepLinkingResponse the browser posts back to the platform.
//
// Between the launch and the pick, the request's details (return URL, opaque data) travel in a
// short-lived HMAC-signed ticket inside the picker form rather than in a table: nothing to clean
// up, and the ticket names the user so another session cannot use it.

const TICKET_AUDIENCE = 'bcm:deep-link';
const TICKET_TTL = '1h';

export type Ticket = { platformId: number; returnUrl: string; data?: string; userId: number; acceptMultiple: boolean };

export async function issueTicket(keys: ToolKeys, t: Ticket): Promise<string> {
  return new SignJWT({ pid: t.platformId, ret: t.returnUrl, dat: t.data, mul: t.acceptMultiple })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(t.userId))
    .setAudience(TICKET_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(TICKET_TTL)
    .sign(keys.hmacSecret);
}

/** The ticket if it is ours, unexpired and for this user; otherwise null. */
export async function readTicket(keys: ToolKeys, token: string, userId: number): Promise<Ticket | null> {
  try {
    const { payload } = await jwtVerify(token, keys.hmacSecret, { algorithms: ['HS256'], audience: TICKET_AUDIENCE });
    if (payload.sub !== String(userId) || typeof payload.pid !== 'number' || typeof payload.ret !== 'string') return null;
    return {
      platformId: payload.pid,
      returnUrl: payload.ret,
      data: typeof payload.dat === 'string' ? payload.dat : undefined,
      userId,
      acceptMultiple: payload.mul === true,
    };
  } catch {
    return null;
  }
}

export type ContentItem = {
  type: 'ltiResourceLink';
  title: string;
  url: string;
  custom: Record<string, string>;
  lineItem?: { scoreMaximum: number; label: string; resourceId: string; tag: string };
};

/**
 * One placement. Its url is the page itself (it becomes the launch's target_link_uri) and the
 * custom parameter names the target too, which is what we trust first on launch. A mock exam asks
 * the LMS for a gradebook column (lineItem), so its launches carry the AGS line item.
 */
export function contentItem(publicUrl: URL, target: Target, title: string): ContentItem {
  const item: ContentItem = {
    type: 'ltiResourceLink',
    title,
    url: new URL(targetPath(target), publicUrl).toString(),
    custom: { [TARGET_PARAM]: targetParam(target) },
  };
  if (target.kind === 'exam') item.lineItem = { scoreMaximum: 100, label: title, resourceId: target.examKey, tag: 'bcm-mock-exam' };
  return item;
}

/** The LtiDeepLinkingResponse JWT: issued by our client id, addressed to the platform (issuer). */
export async function deepLinkingResponse(keys: ToolKeys, platform: Platform, ticket: Ticket, items: ContentItem[]): Promise<string> {
  const claims: Record<string, unknown> = {
    nonce: random(16),
    [CLAIM.messageType]: 'LtiDeepLinkingResponse',
    [CLAIM.version]: '1.3.0',
    [CLAIM.deploymentId]: platform.deploymentId,
    [CLAIM.deepLinkingContentItems]: items,
  };
  if (ticket.data !== undefined) claims[CLAIM.deepLinkingData] = ticket.data;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: TOOL_ALG, kid: keys.kid, typ: 'JWT' })
    .setIssuer(platform.clientId)
    .setAudience(platform.issuer)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(keys.privateKey);
}
