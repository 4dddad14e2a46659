import { SignJWT } from 'jose';
import { z } from 'zod';
import type { LmsRuntime } from '../settings.js';
import type { Platform } from '../store.js';
import { TOOL_ALG } from '../keys.js';
import { SCOPE } from './claims.js';
import { random } from './login.js';

// Calls to the platform's LTI Advantage services: an OAuth 2 client-credentials token obtained
// with a JWT bearer assertion signed by our key (IMS Security Framework §4.1), then Assignment and
// Grade Services (scores) and Names and Role Provisioning Services (memberships).

const TIMEOUT_MS = 15_000;
/** Renew a token this long before the platform says it expires (clock skew, slow requests). */
const TOKEN_MARGIN_MS = 60_000;
const MAX_PAGES = 200;

export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

async function failure(what: string, res: Response): Promise<ServiceError> {
  const body = (await res.text().catch(() => '')).replace(/\s+/g, ' ').slice(0, 200);
  return new ServiceError(`${what} answered HTTP ${res.status}${body ? `: ${body}` : ''}`, res.status);
}

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive().optional() });

export async function accessToken(rt: LmsRuntime, platform: Platform, scope: string, now = Date.now()): Promise<string> {
  // Keyed by the registration's client id and token URL too: a registration changed in another
  // process (WORKERS=N; its forgetPlatformTokens reaches only its own cache) misses here.
  const cacheKey = `${platform.id} ${platform.clientId} ${platform.tokenUrl} ${scope}`;
  const cached = rt.tokens.get(cacheKey);
  if (cached && cached.expiresAt - TOKEN_MARGIN_MS > now) return cached.token;
  const keys = await rt.keys();
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: TOOL_ALG, kid: keys.kid, typ: 'JWT' })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.tokenUrl)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(now / 1000) + 300)
    .setJti(random(16))
    .sign(keys.privateKey);
  const res = await fetch(platform.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope,
    }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw await failure('token endpoint', res);
  const parsed = tokenSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new ServiceError('token endpoint sent no access_token');
  const token = parsed.data.access_token;
  rt.tokens.set(cacheKey, { token, expiresAt: now + (parsed.data.expires_in ?? 3600) * 1000 });
  return token;
}

/** A refused token (revoked, platform restarted) is dropped so the next try asks for a new one. */
export function forgetToken(rt: LmsRuntime, platform: Platform, scope: string): void {
  rt.tokens.delete(`${platform.id} ${scope}`);
}

/** AGS: the scores endpoint is the line item URL with "/scores" added to its path. */
export function scoresUrl(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/$/, '')}/scores`;
  return url.toString();
}

export type Score = { userId: string; scoreGiven: number; scoreMaximum: number; timestamp: string; comment?: string };

export async function postScore(rt: LmsRuntime, platform: Platform, lineItemUrl: string, score: Score): Promise<void> {
  const token = await accessToken(rt, platform, SCOPE.score);
  const res = await fetch(scoresUrl(lineItemUrl), {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/vnd.ims.lis.v1.score+json' },
    body: JSON.stringify({ ...score, activityProgress: 'Completed', gradingProgress: 'FullyGraded' }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (res.status === 401) forgetToken(rt, platform, SCOPE.score);
  if (!res.ok) throw await failure('score endpoint', res);
}

const memberSchema = z.object({
  user_id: z.string().min(1),
  status: z.string().optional(),
  name: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  email: z.string().optional(),
  roles: z.array(z.string()).default([]),
});
export type Member = z.infer<typeof memberSchema>;
const containerSchema = z.object({ members: z.array(z.unknown()).default([]) });

/** rel="next" of an RFC 8288 Link header. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]+)>(.*)$/s.exec(part);
    if (!m) continue;
    const rel = m[2]
      .split(';')
      .map((p) => p.trim().split('='))
      .find(([k]) => k.trim().toLowerCase() === 'rel')?.[1];
    if (rel && rel.trim().replace(/^"|"$/g, '').toLowerCase().split(/\s+/).includes('next')) return m[1];
  }
  return undefined;
}

/** NRPS: every member of the context, following rel="next" pages on the same origin only. */
export async function fetchMembers(rt: LmsRuntime, platform: Platform, membershipsUrl: string): Promise<{ members: Member[]; skipped: number }> {
  const token = await accessToken(rt, platform, SCOPE.memberships);
  const origin = new URL(membershipsUrl).origin;
  const members: Member[] = [];
  let skipped = 0;
  let url: string | undefined = membershipsUrl;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const res: Response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (res.status === 401) forgetToken(rt, platform, SCOPE.memberships);
    if (!res.ok) throw await failure('memberships endpoint', res);
    const body = containerSchema.safeParse(await res.json().catch(() => null));
    if (!body.success) throw new ServiceError('memberships endpoint sent no members list');
    for (const raw of body.data.members) {
      const m = memberSchema.safeParse(raw);
      if (m.success) members.push(m.data);
      else skipped++;
    }
    const next = nextLink(res.headers.get('Link'));
    // Our bearer token must not be handed to another host by a crafted Link header.
    url = next && new URL(next, url).origin === origin ? new URL(next, url).toString() : undefined;
  }
  return { members, skipped };
}
