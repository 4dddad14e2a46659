import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { clientIp } from '../http/client-ip.js';
import { viewContext } from '../http/view-context.js';
import { VerifyPage, type VerifyOutcome } from '../../views/proof/verify.js';
import { knownKeys } from './deps.js';
import { jwkSet } from './keys.js';
import { publicCertificate } from './public-certificate.js';
import { DEFAULT_VERIFY_LIMIT, type RateLimiter } from '../platform/rate-limit.js';
import { sharedBuckets } from '../ops/rate-buckets.js';
import { onSqlite } from '../db/database.js';
import { parseSerial } from './serial.js';
import * as store from './store.js';
import { verdictOf } from './standing.js';

// Public routes: anyone may check a certificate, by page or as JSON, and fetch the public key.

export const JWKS_PATH = '/.well-known/bcm-proof-keys.json';

/** A JSON client asked, not a browser (browsers list text/html first). */
function wantsJson(c: Context): boolean {
  const accept = c.req.header('Accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

function answer(c: Context<AppEnv>, outcome: VerifyOutcome, status: 200 | 400 | 404 | 429) {
  // A certificate's status can change at any time; no cache may keep an old answer. Search
  // engines are asked not to index pages that carry (masked) personal data.
  c.header('Cache-Control', 'no-store');
  c.header('X-Robots-Tag', 'noindex');
  if (wantsJson(c)) {
    switch (outcome.kind) {
      case 'found':
        return c.json({ result: outcome.verdict, ...outcome.cert }, status);
      case 'limited':
        return c.json(
          {
            result: 'rateLimited',
            message: c.var.t('proof.verify.limited', { seconds: outcome.retryAfterSeconds }),
            retryAfterSeconds: outcome.retryAfterSeconds,
          },
          status,
        );
      case 'form':
        return c.json({ result: 'badFormat', message: c.var.t('proof.verify.badFormat') }, 400);
      default: {
        const key = outcome.kind === 'badFormat' ? 'proof.verify.badFormat' : outcome.kind === 'badCheck' ? 'proof.verify.badCheck' : 'proof.verify.notFound';
        const serial = outcome.kind === 'notFound' ? outcome.serial : outcome.input;
        return c.json({ result: outcome.kind, serial, message: c.var.t(key, { serial }) }, status);
      }
    }
  }
  return c.html(<VerifyPage ctx={viewContext(c)} outcome={outcome} />, status);
}

function rateLimited(): MiddlewareHandler<AppEnv> {
  // In the database, so every process of WORKERS=N counts the same client's lookups.
  let buckets: RateLimiter | undefined;
  return async function verifyRateLimit(c, next) {
    buckets ??= sharedBuckets(onSqlite(c.var.deps.db), 'verify', c.var.deps.proof?.verifyLimit ?? DEFAULT_VERIFY_LIMIT);
    const took = await buckets.take(clientIp(c));
    if (!took.ok) {
      c.header('Retry-After', String(took.retryAfterSeconds));
      return answer(c, { kind: 'limited', retryAfterSeconds: took.retryAfterSeconds }, 429);
    }
    await next();
  };
}

function lookup(c: Context<AppEnv>, typed: string) {
  // The check character is tested first: a mistyped serial never reaches the database.
  const parsed = parseSerial(typed);
  if (!parsed.ok) return answer(c, { kind: parsed.error === 'check' ? 'badCheck' : 'badFormat', input: typed.slice(0, 64) }, 400);
  const cert = store.findCertificate(c.var.deps.db, parsed.serial);
  if (!cert) return answer(c, { kind: 'notFound', serial: parsed.serial }, 404);
  const found = publicCertificate(cert, knownKeys(c.var.deps));
  return answer(c, { kind: 'found', cert: found, verdict: verdictOf(found) }, 200);
}

export function verifyRoutes() {
  const app = new Hono<AppEnv>();
  const limit = rateLimited();

  app.get('/verify', limit, (c) => {
    const typed = c.req.query('serial');
    if (typed === undefined) return answer(c, { kind: 'form' }, 200);
    const parsed = parseSerial(typed);
    // A good serial gets its own address, which is what the QR code and links carry.
    if (parsed.ok && !wantsJson(c)) return c.redirect(`/verify/${parsed.serial}`, 303);
    return lookup(c, typed);
  });

  app.get('/verify/:serial', limit, (c) => lookup(c, c.req.param('serial')));

  app.get(JWKS_PATH, (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    // Other sites and tools may fetch the public key to check files themselves.
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(jwkSet(knownKeys(c.var.deps)));
  });

  return app;
}
