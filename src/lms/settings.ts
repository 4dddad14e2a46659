import path from 'node:path';
import { createRemoteJWKSet } from 'jose';
import type { Db } from '../db/client.js';
import { loadConfig, type Config } from '../config.js';
import type { Catalog } from '../catalog/index.js';
import type { Logger } from 'pino';
import { loadToolKeys, type ToolKeys } from './keys.js';
import { TokenBuckets, type Limit } from '../platform/rate-limit.js';

// Settings of the LMS integration and the per-database runtime that holds what must live across
// requests: the tool key pair, cached platform key sets and cached access tokens.
//
// The settings come from the environment (LTI_KEY_PATH, XAPI_LRS_*) next to the app's Config.
// src/config.ts belongs to the foundation; keeping our variables here keeps that file untouched.
// The runtime is looked up by the Db handle, so the app's shared one-liners need no arguments and
// the listener hooks (called deep inside hours/exams code, which only has `db`) find it too.

export type XapiSettings = {
  /** The LRS endpoint, always ending in "/" so `statements` resolves under it. */
  endpoint: URL;
  username: string | null;
  password: string | null;
  /** 'account' (default: no personal data leaves) or 'mbox' (the user's e-mail address). */
  actor: 'account' | 'mbox';
};

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

export function lmsSettings(config: Pick<Config, 'publicUrl' | 'dataDir' | 'production'>, env: NodeJS.ProcessEnv = process.env): LmsSettings {
  const lrs = env.XAPI_LRS_URL?.trim();
  let xapi: XapiSettings | null = null;
  if (lrs) {
    const endpoint = new URL(lrs); // a malformed URL stops start-up with the value in the message
    if (!endpoint.pathname.endsWith('/')) endpoint.pathname += '/';
    xapi = {
      endpoint,
      username: env.XAPI_LRS_USERNAME || null,
      password: env.XAPI_LRS_PASSWORD || null,
      actor: env.XAPI_ACTOR === 'mbox' ? 'mbox' : 'account',
    };
  }
  return {
    publicUrl: config.publicUrl,
    keyPath: path.resolve(env.LTI_KEY_PATH || path.join(config.dataDir, 'lti-key.json')),
    xapi,
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

const runtimes = new WeakMap<Db, LmsRuntime>();

/** The runtime of a running app (created from its config on first use). */
export function lmsRuntime(deps: { db: Db; config: Config; catalog?: Catalog; logger?: Logger }): LmsRuntime {
  let rt = runtimes.get(deps.db);
  if (!rt) {
    rt = new LmsRuntime(lmsSettings(deps.config), deps.catalog ?? null);
    runtimes.set(deps.db, rt);
  }
  if (!rt.catalog && deps.catalog) rt.catalog = deps.catalog;
  if (!rt.logger && deps.logger) rt.logger = deps.logger;
  return rt;
}

/** Sets up the runtime explicitly (server start-up; tests pointing at a local LMS or LRS). */
export function configureLms(
  db: Db,
  config: Config,
  opts: { catalog?: Catalog; logger?: Logger; overrides?: Partial<LmsSettings>; env?: NodeJS.ProcessEnv } = {},
): LmsRuntime {
  const rt = new LmsRuntime({ ...lmsSettings(config, opts.env), ...opts.overrides }, opts.catalog ?? null);
  rt.logger = opts.logger ?? null;
  runtimes.set(db, rt);
  return rt;
}

/**
 * For the listener hooks: the app's runtime, or — in a process that never served a request, such
 * as a CLI import — one built from the environment, as the server would build it.
 */
export function runtimeForDb(db: Db): LmsRuntime {
  let rt = runtimes.get(db);
  if (!rt) {
    rt = new LmsRuntime(lmsSettings(loadConfig(process.env)), null);
    runtimes.set(db, rt);
  }
  return rt;
}
