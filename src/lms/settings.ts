import { createRemoteJWKSet } from 'jose';
import type { Db } from '../db/client.js';
import type { Config, XapiConfig } from '../config.js';
import type { Catalog } from '../catalog/index.js';
import type { Logger } from 'pino';
import { loadToolKeys, type ToolKeys } from './keys.js';
import { TokenBuckets, type Limit } from '../platform/rate-limit.js';

// Settings of the LMS integration and the runtime that holds what must live across requests: the
// tool key pair, cached platform key sets and cached access tokens.
//
// The settings come from the app's Config (src/config.ts reads LTI_KEY_PATH and XAPI_LRS_* with the
// rest of the environment). createApp builds the runtime once and registers it for its database, so
// the listener hooks (called deep inside hours and exams code, which only has `db`) find that one.

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
type CachedToken = { token: string; expiresAt: number };

export class LmsRuntime {
  private keysPromise: Promise<ToolKeys> | undefined;
  private readonly keySets = new Map<string, RemoteKeySet>();
  readonly tokens = new Map<string, CachedToken>();
  /** Rate of anonymous /lti/login requests per client address. */
  readonly loginBuckets: TokenBuckets;
  /** The app's logger once known (hooks and workers report failures through it). */
  logger: Logger | null = null;

  constructor(
    readonly settings: LmsSettings,
    /** For titles in xAPI statements; absent in a process without the course catalogue. */
    public catalog: Catalog | null,
  ) {
    this.loginBuckets = new TokenBuckets(settings.loginLimit);
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

// The runtime of each app, by its database: createApp registers it before the first request, and the hooks, routes and workers look it up here. Nothing builds one lazily.
const runtimes = new WeakMap<Db, LmsRuntime>();

/**
 * The composition root's call (createApp): the runtime for this database, built from the config on
 * the first app over it; a later app over the same database (tests) shares it.
 */
export function registerLmsRuntime(db: Db, config: Config, opts: { catalog?: Catalog; logger?: Logger } = {}): LmsRuntime {
  const rt = runtimes.get(db) ?? configureLms(db, config, opts);
  if (!rt.catalog && opts.catalog) rt.catalog = opts.catalog;
  if (!rt.logger && opts.logger) rt.logger = opts.logger;
  return rt;
}

/** The runtime createApp registered for this app's database. */
export function lmsRuntime(deps: { db: Db }): LmsRuntime {
  return runtimeForDb(deps.db);
}

/** Builds the runtime from the config and registers it for the database (createApp; tests pointing at a local LMS or LRS). */
export function configureLms(db: Db, config: Config, opts: { catalog?: Catalog; logger?: Logger; overrides?: Partial<LmsSettings> } = {}): LmsRuntime {
  const rt = new LmsRuntime({ ...lmsSettings(config), ...opts.overrides }, opts.catalog ?? null);
  rt.logger = opts.logger ?? null;
  runtimes.set(db, rt);
  return rt;
}

/** For the listener hooks, which only have `db`: the runtime registered for it. */
export function runtimeForDb(db: Db): LmsRuntime {
  const rt = runtimes.get(db);
  if (!rt) throw new Error('no LMS runtime for this database: createApp (or configureLms) registers one');
  return rt;
}
