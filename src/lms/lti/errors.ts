import type { MessageKey } from '../../i18n/index.js';

// A refused launch: the status and the catalogue key of the sentence shown to the person. The
// technical reason (jose's message, the claim at fault) goes to the log only, never to the page.

export type LtiErrorStatus = 400 | 401 | 403;

export class LtiError extends Error {
  constructor(
    readonly status: LtiErrorStatus,
    readonly key: MessageKey,
    readonly detail?: string,
  ) {
    super(`${key}${detail ? `: ${detail}` : ''}`);
    this.name = 'LtiError';
  }
}
