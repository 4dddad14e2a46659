import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Db } from '../../src/db/client.js';
import { createApp } from '../../src/app.js';
import { ExamsRuntime } from '../../src/exams/runtime.js';
import { createLmsRuntime, type LmsSettings } from '../../src/lms/settings.js';
import { hash } from '@node-rs/argon2';
import * as people from '../../src/institutions/store.js';
import { loadCatalog, type Catalog } from '../../src/catalog/catalog.js';
import { tempDir, whenDone } from './temp.js';

// The real course catalogue, compiled once per test worker into a cache shared across runs.
export const CACHE_DIR = path.resolve('node_modules/.cache/bcm-test-mdx');
let catalogPromise: Promise<Catalog> | undefined;
export const testCatalog = () => (catalogPromise ??= loadCatalog({ coursesDir: path.resolve('courses'), cacheDir: CACHE_DIR, production: true }));

export const ORIGIN = 'http://localhost:3000';
export const PASSWORD = 'correct-horse-battery';

let cachedHash: Promise<string> | undefined;
/**
 * One real argon2id hash shared by test accounts, made with argon2's lightest parameters. A stored
 * hash carries its own parameters and a login verifies with those, so each of the suite's
 * hundreds of logins costs under 1 ms instead of the product's ~18 ms (19 MiB, 2 passes): what a
 * login checks is the same. The product's own parameters are tested in test/auth/passwords.test.ts
 * and used for every password the app itself sets (activation, reset, `bcm`).
 */
export const passwordHash = () => (cachedHash ??= hash(PASSWORD.normalize('NFKC'), { algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 }));

export type TestApp = Awaited<ReturnType<typeof makeTestApp>>;

/**
 * A real app on a fresh temporary SQLite database, with its log lines captured. The database is
 * closed and its folder removed after the test file (test/helpers/temp.ts). `lmsOverrides` adjusts
 * the app's LMS runtime (e.g. a local test LMS on http://127.0.0.1); an LRS comes from `env`
 * (XAPI_LRS_*), as an operator sets it.
 */
export async function makeTestApp(env: Record<string, string> = {}, opts: { catalog?: Catalog; lmsOverrides?: Partial<LmsSettings> } = {}) {
  const dir = tempDir('bcm-test-');
  // The proof signing key is created on first use inside the test's own folder, never in ./data.
  const config = loadConfig({
    DATABASE_PATH: path.join(dir, 'bcm.sqlite'),
    DATA_DIR: dir,
    PUBLIC_URL: ORIGIN,
    SIGNING_KEY_PATH: path.join(dir, 'signing-key.json'),
    ...env,
  });
  const db = openDatabase(config.databasePath);
  whenDone(() => db.$client.close());
  const logLines: string[] = [];
  const logger = pino(
    { level: 'info', base: undefined },
    new Writable({
      write(chunk, _enc, cb) {
        logLines.push(chunk.toString());
        cb();
      },
    }),
  );
  const catalog = opts.catalog ?? (await testCatalog());
  // The app's exams runtime, so tests can read the pools and papers the app itself uses.
  const exams = new ExamsRuntime(config.coursesDir);
  // The app's LMS runtime, so tests can call its hooks and run its workers as the server would.
  const lms = createLmsRuntime(config, { catalog, logger, blueprints: exams.blueprints, overrides: opts.lmsOverrides });
  const app = createApp({ db, config, logger, catalog, exams, lms });
  return { app, db, config, dir, logLines, catalog, exams, lms, ...actions(app, db) };
}

function actions(app: ReturnType<typeof createApp>, db: Db) {
  /** A request as a browser on our origin would send it (Origin header on posts). */
  async function request(urlPath: string, init: RequestInit & { cookie?: string } = {}) {
    const headers = new Headers(init.headers);
    if (init.cookie) headers.set('Cookie', init.cookie);
    if (init.method && init.method !== 'GET' && !headers.has('Origin')) headers.set('Origin', ORIGIN);
    return app.request(urlPath, { ...init, headers });
  }

  function form(data: Record<string, string>) {
    return new URLSearchParams(data);
  }

  async function login(email: string, password = PASSWORD): Promise<string> {
    const res = await request('/login', { method: 'POST', body: form({ email, password }) });
    if (res.status !== 303) throw new Error(`login failed for ${email}: ${res.status}`);
    return cookieFrom(res, 'bcm_session');
  }

  async function user(role: people.Person['role'], institutionId: number | null, email?: string) {
    return people.createUser(db, {
      email: email ?? `${role}-${Math.random().toString(36).slice(2, 8)}@example.com`,
      name: `${role} 用户`,
      role,
      institutionId,
      passwordHash: await passwordHash(),
    });
  }

  /** Two institutions, each with an admin, an instructor assigned to one cohort, and a trainee. */
  async function twoInstitutions() {
    const make = async (code: string) => {
      const inst = people.createInstitution(db, code, `${code} 培训中心`);
      const cohort = people.createCohort(db, { institutionId: inst.id, name: `${code} 班`, level: 'assistant', startsOn: '2026-03-01', endsOn: '2026-06-30' });
      const admin = await user('admin', inst.id, `admin@${code.toLowerCase()}.example`);
      const instructor = await user('instructor', inst.id, `instructor@${code.toLowerCase()}.example`);
      const trainee = await user('trainee', inst.id, `trainee@${code.toLowerCase()}.example`);
      people.upsertProfile(db, { userId: trainee.id, nationalId: '11010519491231002X', phone: '13800138000', education: 'bachelor', yearsInFinance: 3 });
      people.enrol(db, cohort.id, trainee.id);
      people.assignInstructor(db, cohort.id, instructor.id);
      return { inst, cohort, admin, instructor, trainee };
    };
    return { a: await make('A'), b: await make('B') };
  }

  return { request, form, login, user, twoInstitutions };
}

export function cookieFrom(res: Response, name: string): string {
  for (const header of res.headers.getSetCookie()) {
    const [pair] = header.split(';');
    if (pair.startsWith(`${name}=`)) return pair;
  }
  throw new Error(`no ${name} cookie in response`);
}
