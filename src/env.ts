import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { Format, Locale, Translate } from './i18n/index.js';
import type { Role } from './auth/store.js';
import type { Cohort } from './institutions/store.js';

export type CurrentUser = {
  id: number;
  email: string;
  name: string;
  role: Role;
  institutionId: number | null;
  sessionId: string;
};

/** What createApp needs from the outside world; tests pass their own. */
export type Deps = {
  db: Db;
  config: Config;
  logger: Logger;
};

export type AppEnv = {
  Variables: {
    deps: Deps;
    requestId: string;
    user: CurrentUser | null;
    locale: Locale;
    t: Translate;
    fmt: Format;
    /** Set by the cohortAccess middleware on /…/cohorts/:cohortId routes, and only there. */
    cohort: Cohort;
  };
};
