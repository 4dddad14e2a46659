// A token bucket per client address (the public verification page, LTI logins): a burst of lookups is
// fine (a clerk checking a pile of certificates), a steady crawl through serials is not. Kept in
// memory: one process serves the app, and forgetting counts on restart is harmless.

export type Limit = { burst: number; perMinute: number };

export const DEFAULT_VERIFY_LIMIT: Limit = { burst: 30, perMinute: 30 };

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    private readonly limit: Limit,
    private readonly maxKeys = 50_000,
  ) {
    this.perMs = limit.perMinute / 60_000;
  }

  take(key: string, now = Date.now()): Take {
    const b = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    const tokens = Math.min(this.limit.burst, b.tokens + (now - b.at) * this.perMs);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > this.maxKeys) this.prune(now);
    return { ok: true };
  }

  /** Forgets buckets that have refilled completely: they carry no information any more. */
  private prune(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.perMs >= this.limit.burst) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}
