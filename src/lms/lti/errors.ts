import type { MessageKey } from '../../i18n/index.js';

// A refused launch: the status and the catalogue key of the sentence shown to the person (with
// the values it names, e.g. the deployment ID the admin has to register). The technical reason
// (jose's message, the claim at fault) goes to the log only, never to the page.

export type LtiErrorStatus = 400 | 401 | 403 | 429;

export type LtiErrorParams = Record<string, string | number>;

export class LtiError extends Error {
  constructor(
    readonly status: LtiErrorStatus,
    readonly key: MessageKey,
    readonly detail?: string,
    readonly params?: LtiErrorParams,
    /** For a 429: when to try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${key}${detail ? `: ${detail}` : ''}`);
    this.name = 'LtiError';
  }
}
