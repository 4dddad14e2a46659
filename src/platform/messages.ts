import type { Translate } from '../i18n/index.js';

// A file with thousands of bad rows must not become a page of thousands of messages: every
// import lists at most MAX_LISTED_ERRORS problems and says how many more there are.

export const MAX_LISTED_ERRORS = 100;

/** The first MAX_LISTED_ERRORS messages, then one "and N more" line if any were left out. */
export function capMessages(messages: readonly string[], t: Translate): string[] {
  if (messages.length <= MAX_LISTED_ERRORS) return [...messages];
  return [...messages.slice(0, MAX_LISTED_ERRORS), t('form.moreNotListed', { count: messages.length - MAX_LISTED_ERRORS })];
}
