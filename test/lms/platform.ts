import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';

// A simulated LMS platform for the tests: its own RSA keys, and its JWKS, token, memberships and
// score endpoints served by node:http on 127.0.0.1 with a random port. It checks what a real
// platform checks (our client assertion against our JWKS, bearer tokens and their scopes) and
// records what it receives.

export const CLIENT_ID = 'bcm-tool-client';
export const DEPLOYMENT_ID = 'deployment-1';
const SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';
const NRPS_SCOPE = 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';

type Key = { kid: string; privateKey: CryptoKey; publicJwk: JWK };

async function newKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

let firstKeyPromise: Promise<Key> | undefined;
/**
 * The key every test platform starts with, made once per test worker: an RSA key costs ~200 ms
 * to make and each platform is separate (its own JWKS, its own tool database). Rotated and stray
 * keys are made fresh.
 */
const firstKey = () => (firstKeyPromise ??= newKey('platform-key-1'));

export type Member = { user_id: string; roles: string[]; name?: string; email?: string; status?: string };

export type Platform = Awaited<ReturnType<typeof startPlatform>>;

/** `toolJwks` fetches our public key set (the tests serve it from app.request). */
export async function startPlatform(toolJwks: () => Promise<JSONWebKeySet>) {
  const keys: Key[] = [await firstKey()];
  let active = keys[0];
  const state = {
    jwksFetches: 0,
    tokensIssued: [] as { token: string; scope: string }[],
    scores: [] as { lineItem: string; body: Record<string, unknown>; scope: string }[],
    /** Answer the next N score posts with this status (e.g. 500) before accepting. */
    failScores: { remaining: 0, status: 500 },
    members: [] as Member[],
    pageSize: 2,
    membershipRequests: 0,
  };
  const tokens = new Map<string, string>();

  function bearer(req: http.IncomingMessage, scope: string): boolean {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    return token !== undefined && (tokens.get(token) ?? '').split(' ').includes(scope);
  }

  async function body(req: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(data === undefined ? '' : JSON.stringify(data));
    };
    try {
      if (req.method === 'GET' && url.pathname === '/jwks') {
        state.jwksFetches++;
        return send(200, { keys: keys.map((k) => k.publicJwk) });
      }
      if (req.method === 'POST' && url.pathname === '/token') {
        const form = new URLSearchParams(await body(req));
        if (form.get('grant_type') !== 'client_credentials' || form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
          return send(400, { error: 'unsupported_grant_type' });
        }
        try {
          await jwtVerify(form.get('client_assertion') ?? '', createLocalJWKSet(await toolJwks()), {
            algorithms: ['RS256'],
            issuer: CLIENT_ID,
            subject: CLIENT_ID,
            audience: `${base}/token`,
          });
        } catch (err) {
          return send(401, { error: 'invalid_client', error_description: String(err) });
        }
        const token = randomUUID();
        const scope = form.get('scope') ?? '';
        tokens.set(token, scope);
        state.tokensIssued.push({ token, scope });
        return send(200, { access_token: token, token_type: 'Bearer', expires_in: 3600, scope });
      }
      const score = /^\/lineitems\/([^/]+)\/scores$/.exec(url.pathname);
      if (req.method === 'POST' && score) {
        if (!bearer(req, SCORE_SCOPE)) return send(401, { error: 'invalid_token' });
        if (req.headers['content-type'] !== 'application/vnd.ims.lis.v1.score+json') return send(415, { error: 'content type' });
        if (state.failScores.remaining > 0) {
          state.failScores.remaining--;
          return send(state.failScores.status, { error: 'platform trouble' });
        }
        state.scores.push({ lineItem: `${base}/lineitems/${score[1]}`, body: JSON.parse(await body(req)), scope: SCORE_SCOPE });
        return send(200, {});
      }
      if (req.method === 'GET' && url.pathname === '/memberships') {
        state.membershipRequests++;
        if (!bearer(req, NRPS_SCOPE)) return send(401, { error: 'invalid_token' });
        const page = Number(url.searchParams.get('page') ?? '0');
        const slice = state.members.slice(page * state.pageSize, (page + 1) * state.pageSize);
        const more = (page + 1) * state.pageSize < state.members.length;
        const headers: Record<string, string> = more ? { Link: `<${base}/memberships?page=${page + 1}>; rel="next"` } : {};
        return send(200, { id: `${base}/memberships`, context: { id: 'course-1' }, members: slice }, headers);
      }
      send(404, { error: 'not found' });
    } catch (err) {
      send(500, { error: String(err) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    base,
    issuer: base,
    state,
    registration: {
      name: '测试 Moodle',
      issuer: base,
      clientId: CLIENT_ID,
      deploymentId: DEPLOYMENT_ID,
      jwksUrl: `${base}/jwks`,
      authUrl: `${base}/auth`,
      tokenUrl: `${base}/token`,
    },
    get activeKid() {
      return active.kid;
    },
    /** A new signing key; the old one leaves the key set unless `keepOld`. */
    async rotate(opts: { keepOld?: boolean } = {}) {
      const next = await newKey(`platform-key-${keys.length + 1}-${randomUUID().slice(0, 8)}`);
      if (!opts.keepOld) keys.splice(0, keys.length);
      keys.push(next);
      active = next;
    },
    /** Signs an id_token with the active key (or a stray key that is in no key set). */
    async sign(claims: Record<string, unknown>, opts: { stray?: boolean; exp?: number; iat?: number } = {}) {
      const key = opts.stray ? await newKey(active.kid) : active;
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
        .setIssuedAt(opts.iat ?? now)
        .setExpirationTime(opts.exp ?? now + 300)
        .sign(key.privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
