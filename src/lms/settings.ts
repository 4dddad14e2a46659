import { createRemoteJWKSet } from 'jose';
import type { Db } from '../db/client.js';
import type { Config, XapiConfig } from '../config.js';
import type { Catalog } from '../catalog/index.js';
import type { Blueprints } from '../exams/index.js';
import type { Logger } from 'pino';
import { loadToolKeys, type ToolKeys } from './keys.js';
import type { Limit, RateLimiter } from '../platform/rate-limit.js';
import { sharedBuckets } from '../ops/rate-buckets.js';
import { onSqlite } from '../db/database.js';
import * as events from './events.js';

// Settings of the LMS integration and the runtime that holds what must live across requests: the
// tool key pair, cached platform key sets and cached access tokens.
//
// The settings come from the app's Config (src/config.ts reads LTI_KEY_PATH and XAPI_LRS_* with the
// rest of the environment). The composition root builds the runtime once (createLmsRuntime: createApp,
// or server.ts for the app and the workers together) and passes it on as `deps.lms`: the routes and
// workers use it, and hours and exams call its listener hooks (LmsEvents, events.ts) with their `db`.

export type XapiSettings = XapiConfig;

export type LmsSettings = {
  publicUrl: URL;
  keyPath: string;
  xapi: XapiSettings | null;
  /** Minimum time between two fetches of a platform's key set when a token names an unknown kid. */
  jwksCooldownMs: number;
  /** Allowed clock difference with the platform for exp/iat, seconds. */
  clockToleranceSec: number;
  /** How often the xAPI and AGS workers look for due work. */
  workerIntervalMs: number;
  /** Anonymous login initiations per client address (a classroom behind one NAT address fits the burst). */
  loginLimit: Limit;
  /** Usable (unused, unexpired) login states one platform may have at a time. */
  maxLiveStatesPerPlatform: number;
  /** http:// and loopback LMS addresses: a local test LMS, never in production. */
  allowLoopbackUrls: boolean;
};

export function lmsSettings(config: Pick<Config, 'publicUrl' | 'ltiKeyPath' | 'xapi' | 'production'>): LmsSettings {
  return {
    publicUrl: config.publicUrl,
    keyPath: config.ltiKeyPath,
    xapi: config.xapi,
    jwksCooldownMs: 30_000,
    clockToleranceSec: 30,
    workerIntervalMs: 5_000,
    loginLimit: { burst: 120, perMinute: 120 },
    maxLiveStatesPerPlatform: 5_000,
    allowLoopbackUrls: !config.production,
  };
}

type RemoteKeySet = ReturnType<typeof createRemoteJWKSet>;
const NO_BLUEPRINTS: Blueprints = { list: [], byId: new Map(), problems: [] };
type CachedToken = { token: string; expiresAt: number };

export class LmsRuntime implements events.LmsEvents {
  private keysPromise: Promise<ToolKeys> | undefined;
  private readonly keySets = new Map<string, RemoteKeySet>();
  readonly tokens = new Map<string, CachedToken>();
  private readonly loginLimiters = new WeakMap<Db, RateLimiter>();

  constructor(
    readonly settings: LmsSettings,
    /** For titles in xAPI statements; absent in a process without the course catalogue. */
    readonly catalog: Catalog | null,
    /** The app's logger (hooks and workers report failures through it); without one, stderr. */
    readonly logger: Logger | null = null,
    /** The mock exams an LMS can place (the exams runtime's blueprints); none when not given. */
    readonly blueprints: Blueprints = NO_BLUEPRINTS,
  ) {}

  /** Rate of anonymous /lti/login requests per client address, counted in the database (every process shares it). */
  loginLimiter(db: Db): RateLimiter {
    let limiter = this.loginLimiters.get(db);
    if (!limiter) {
      limiter = sharedBuckets(onSqlite(db), 'lti-login', this.settings.loginLimit);
      this.loginLimiters.set(db, limiter);
    }
    return limiter;
  }

  // The listener hooks (events.ts), called by hours and exams inside the transaction of their event.
  onLessonCompleted(db: Db, e: events.LessonCompleted, now?: number): void {
    events.onLessonCompleted(this, db, e, now);
  }
  onSessionAttended(db: Db, e: events.SessionAttended, now?: number): void {
    events.onSessionAttended(this, db, e, now);
  }
  onExamStarted(db: Db, ref: events.AttemptRef, now?: number): void {
    events.onExamStarted(this, db, ref, now);
  }
  onExamSubmitted(db: Db, ref: events.AttemptRef, now?: number): void {
    events.onExamSubmitted(this, db, ref, now);
  }
  onExamMarked(db: Db, ref: events.AttemptRef, now?: number): void {
    events.onExamMarked(this, db, ref, now);
  }

  /** Forgets cached access tokens of a platform whose registration changed or was removed. */
  forgetPlatformTokens(platformId: number): void {
    for (const key of this.tokens.keys()) if (key.startsWith(`${platformId} `)) this.tokens.delete(key);
  }

  /** Our key pair, generated and saved on first use if the file does not exist yet. */
  keys(): Promise<ToolKeys> {
    this.keysPromise ??= loadToolKeys(this.settings.keyPath).catch((err) => {
      this.keysPromise = undefined; // let a later call try again (e.g. after fixing permissions)
      throw err;
    });
    return this.keysPromise;
  }

  /**
   * One remote key set per platform JWKS URL. jose caches the keys (10 min) and refetches when a
   * token names a kid it does not know, which is how a platform's key rotation reaches us.
   */
  platformKeys(jwksUrl: string): RemoteKeySet {
    let set = this.keySets.get(jwksUrl);
    if (!set) {
      set = createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: this.settings.jwksCooldownMs, timeoutDuration: 5_000 });
      this.keySets.set(jwksUrl, set);
    }
    return set;
  }

  url(pathname: string): string {
    return new URL(pathname, this.settings.publicUrl).toString();
  }
}

/**
 * The composition root's call (createApp, server.ts, a command that sends): the runtime built from
 * the config, once per process. Tests pointing at a local LMS or LRS pass `overrides`.
 */
export function createLmsRuntime(
  config: Config,
  opts: { catalog?: Catalog | null; logger?: Logger | null; blueprints?: Blueprints; overrides?: Partial<LmsSettings> } = {},
): LmsRuntime {
  return new LmsRuntime({ ...lmsSettings(config), ...opts.overrides }, opts.catalog ?? null, opts.logger ?? null, opts.blueprints);
}
