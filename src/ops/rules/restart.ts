// When the primary of WORKERS=N restarts a worker that died (ops/cluster.ts): at once when it had
// run a while (HEALTHY_AFTER_MS), else after 0.5 s, doubling while young deaths keep coming, up to
// a ceiling. A crash loop (a bad config, a full disk) then logs a few lines a
// minute instead of spinning the CPU.

export const RESTART_BASE_MS = 500;
export const RESTART_MAX_MS = 30_000;
/** A worker that lived this long before dying counts as healthy: its death starts the count again. */
export const HEALTHY_AFTER_MS = 60_000;

/** The delay before the next restart, given how many times in a row workers died young. */
export function restartDelay(youngDeaths: number): number {
  if (youngDeaths <= 0) return 0;
  return Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** (youngDeaths - 1));
}

/** The count of deaths in a row after this one, given how long the worker lived. */
export function nextYoungDeaths(youngDeaths: number, livedMs: number): number {
  return livedMs >= HEALTHY_AFTER_MS ? 0 : youngDeaths + 1;
}
