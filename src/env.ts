import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { Format, Locale, Translate } from './i18n/index.js';
import type { Role } from './auth/store.js';
import type { Cohort } from './institutions/store.js';
import type { Catalog } from './catalog/catalog.js';
import type { DevReload } from './http/dev-reload.js';
import type { ProofDeps } from './proof/deps.js';
import type { Signer } from './proof/keys.js';
import type { ExamsRuntime } from './exams/runtime.js';
import type { LmsRuntime } from './lms/settings.js';

export type CurrentUser = {
  id: number;
  email: string;
  name: string;
  role: Role;
  institutionId: number | null;
  sessionId: string;
  /** The language saved on the account, if the user ever switched. */
  locale: 'zh-CN' | 'en' | null;
};

/** What createApp needs from the outside world; tests pass their own. */
export type Deps = {
  db: Db;
  config: Config;
  logger: Logger;
  catalog: Catalog;
  /** Present in development (`npm run dev`): pushes lesson reloads to open browsers. */
  devReload?: DevReload;
  /** Training proof: the signing key (created at start-up) and the /verify rate limit. */
  proof?: ProofDeps;
  /** The exam engine's caches and save queue; server.ts shares one with the sweep. */
  exams?: ExamsRuntime;
  /** The LMS runtime (tool key, platform key sets, tokens; the hooks hours and exams call); server.ts shares one with the workers. */
  lms?: LmsRuntime;
};

/** What every request sees: Deps with what createApp builds when not given (the composition root). */
export type AppDeps = Deps & { proof: ProofDeps & { signer: Signer }; exams: ExamsRuntime; lms: LmsRuntime };

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    requestId: string;
    user: CurrentUser | null;
    locale: Locale;
    t: Translate;
    fmt: Format;
    /** Set by the cohortAccess middleware on /…/cohorts/:cohortId routes, and only there. */
    cohort: Cohort;
  };
};
