import path from 'node:path';
import { z } from 'zod';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '' && url.pathname.length > 1;
  } catch {
    return false;
  }
}

// Every knob has a default that works on a fresh machine; a bad value stops start-up with the
// field named, rather than failing later in some request.
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_PATH: z.string().default('./data/bcm.sqlite'),
  // Unset or empty: the SQLite file at DATABASE_PATH. Set: PostgreSQL (decision 007; not yet able to serve).
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || isPostgresUrl(v), { error: 'must be a PostgreSQL URL, e.g. postgres://bcm:PASSWORD@db.example.cn:5432/bcm' }),
  DATA_DIR: z.string().default('./data'),
  COURSES_DIR: z.string().default('./courses'),
  // Unset: http://localhost:<PORT>, so links and QR codes point at the server that printed them.
  PUBLIC_URL: z.string().url().optional(),
  SIGNING_KEY_PATH: z.string().default('./data/signing-key.json'),
  TIME_ZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine(isTimeZone, { error: (issue) => `'${String(issue.input)}' is not an IANA time zone (e.g. Asia/Shanghai)` }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  // How many reverse proxies of your own stand in front (each appends one X-Forwarded-For entry);
  // unset or 0: the TCP peer is the client.
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  // The LMS integration (README, "LMS"): the tool's key pair, and the LRS xAPI statements go to.
  LTI_KEY_PATH: z.string().min(1).optional(),
  XAPI_LRS_URL: z.union([z.literal(''), z.string().trim().url({ error: 'must be the LRS endpoint, e.g. https://lrs.example.cn/xapi/' })]).optional(),
  XAPI_LRS_USERNAME: z.string().optional(),
  XAPI_LRS_PASSWORD: z.string().optional(),
  XAPI_ACTOR: z.enum(['account', 'mbox']).default('account'),
  // Processes serving the app (node:cluster, README "Several processes"); 1 is one plain process.
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  // How often the exam sweep runs, and the floor of a background loop's lease (tests shorten both).
  EXAM_SWEEP_MS: z.coerce.number().int().min(50).default(30_000),
  LEASE_TTL_MS: z.coerce.number().int().min(100).default(60_000),
  BCM_DEMO: z
    .string()
    .optional()
    .transform((v) => v === '1' || v === 'true'),
});

/** Where xAPI statements go; null when XAPI_LRS_URL is unset (xAPI off). */
export type XapiConfig = {
  /** The LRS endpoint, always ending in "/" so `statements` resolves under it. */
  endpoint: URL;
  username: string | null;
  password: string | null;
  /** 'account' (default: no personal data leaves) or 'mbox' (the user's e-mail address). */
  actor: 'account' | 'mbox';
};

export type Config = {
  port: number;
  host: string;
  databasePath: string;
  /** DATABASE_URL: the PostgreSQL database, or null for the SQLite file at databasePath (the default). */
  databaseUrl: string | null;
  dataDir: string;
  coursesDir: string;
  publicUrl: URL;
  secureCookies: boolean;
  signingKeyPath: string;
  timeZone: string;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  production: boolean;
  demo: boolean;
  /** Reverse proxies of ours in front: the client IP is this many entries from the right of X-Forwarded-For. */
  trustProxyHops: number;
  /** The LTI tool's RSA key pair, created on first start. */
  ltiKeyPath: string;
  xapi: XapiConfig | null;
  /** App processes (WORKERS); above 1 server.ts forks them with node:cluster. */
  workers: number;
  /** The exam sweep's interval (EXAM_SWEEP_MS). */
  examSweepMs: number;
  /** The least a background loop's lease lasts after a renewal (LEASE_TTL_MS; ops/lease.ts). */
  leaseTtlMs: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`);
  const dataDir = path.resolve(e.DATA_DIR);
  let xapi: XapiConfig | null = null;
  if (e.XAPI_LRS_URL) {
    const endpoint = new URL(e.XAPI_LRS_URL);
    if (!endpoint.pathname.endsWith('/')) endpoint.pathname += '/';
    xapi = { endpoint, username: e.XAPI_LRS_USERNAME || null, password: e.XAPI_LRS_PASSWORD || null, actor: e.XAPI_ACTOR };
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: path.resolve(e.DATABASE_PATH),
    databaseUrl: e.DATABASE_URL || null,
    dataDir,
    coursesDir: path.resolve(e.COURSES_DIR),
    publicUrl,
    secureCookies: publicUrl.protocol === 'https:',
    signingKeyPath: path.resolve(e.SIGNING_KEY_PATH),
    timeZone: e.TIME_ZONE,
    logLevel: e.LOG_LEVEL,
    production: argv.includes('--dev') ? false : e.NODE_ENV !== 'development',
    demo: e.BCM_DEMO || argv.includes('--demo'),
    trustProxyHops: e.TRUST_PROXY,
    ltiKeyPath: path.resolve(e.LTI_KEY_PATH ?? path.join(dataDir, 'lti-key.json')),
    xapi,
    workers: e.WORKERS,
    examSweepMs: e.EXAM_SWEEP_MS,
    leaseTtlMs: e.LEASE_TTL_MS,
  };
}
