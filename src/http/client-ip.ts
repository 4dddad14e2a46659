import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from '../env.js';

/**
 * The client's address for rate limits. Without TRUST_PROXY it is the TCP peer. Behind N reverse
 * proxies of our own (TRUST_PROXY=N) it is the N-th X-Forwarded-For entry from the right: each of
 * our proxies appends the address it saw, so the entries to the left of those are whatever the
 * client chose to write and must never be believed (a fresh made-up "IP" per request would dodge
 * every limit).
 */
export function clientIp(c: Context<AppEnv>): string {
  const hops = c.var.deps.config.trustProxyHops;
  if (hops > 0) {
    const forwarded = forwardedClient(c.req.header('x-forwarded-for'), hops);
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

/** The address `hops` entries from the right of an X-Forwarded-For header, if it has that many. */
export function forwardedClient(header: string | undefined, hops: number): string | undefined {
  const entries = (header ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.length >= hops ? entries[entries.length - hops] : undefined;
}
