// A token bucket per client address (the public verification page, LTI logins): a burst of lookups is
// fine (a clerk checking a pile of certificates), a steady crawl through serials is not. The rule
// is `takeToken`; the app keeps the buckets in the database (ops/rate-buckets.ts), so every
// process of WORKERS=N counts the same lookups. `TokenBuckets` keeps them in memory, for a caller
// with no database.

export type Limit = { burst: number; perMinute: number };

export const DEFAULT_VERIFY_LIMIT: Limit = { burst: 30, perMinute: 30 };

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

export type Bucket = { tokens: number; at: number };

/** One take from a bucket (a missing bucket is full): the outcome and the bucket to store. */
export function takeToken(bucket: Bucket | undefined, limit: Limit, now: number): { take: Take; bucket: Bucket } {
  const perMs = limit.perMinute / 60_000;
  const tokens = bucket ? tokensAt(bucket, limit, now) : limit.burst;
  if (tokens < 1) {
    return { take: { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) }, bucket: { tokens, at: now } };
  }
  return { take: { ok: true }, bucket: { tokens: tokens - 1, at: now } };
}

/** The tokens a bucket holds at `now`, refilled since its last take (never beyond the burst). */
export function tokensAt(b: Bucket, limit: Limit, now: number): number {
  return Math.min(limit.burst, b.tokens + Math.max(0, now - b.at) * (limit.perMinute / 60_000));
}

/** How long an untouched bucket takes to refill from empty: after that it carries no information. */
export const refillMs = (limit: Limit) => (limit.burst / limit.perMinute) * 60_000;

/** Async: the shared limiter reads and writes the database (ops/rate-buckets.ts), on PostgreSQL too. */
export interface RateLimiter {
  take(key: string, now?: number): Promise<Take>;
}

export class TokenBuckets implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: Limit,
    private readonly maxKeys = 50_000,
  ) {}

  async take(key: string, now = Date.now()): Promise<Take> {
    const { take, bucket } = takeToken(this.buckets.get(key), this.limit, now);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.prune(now);
    return take;
  }

  /** Forgets buckets that have refilled completely: they carry no information any more. */
  private prune(now: number): void {
    for (const [key, b] of this.buckets) {
      if (tokensAt(b, this.limit, now) >= this.limit.burst) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}
