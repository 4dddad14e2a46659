// Calendar days for proof and exports. Cohort dates and export ranges are days on the calendar of
// the configured TIME_ZONE (Asia/Shanghai by default); the server runs in UTC, so local Date
// getters are never used.

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The zone proof dates default to when TIME_ZONE is not passed: the programme's own calendar. */
export const PROOF_TIME_ZONE = 'Asia/Shanghai';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * YYYY-MM-DD of an instant on the calendar of `timeZone` (config TIME_ZONE): what a certificate
 * states as its issue date and training period.
 */
export function calendarDay(ms: number, timeZone: string = PROOF_TIME_ZONE): string {
  let f = dayFormats.get(timeZone);
  if (!f) dayFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const parts = f.formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at instant `ms` (Asia/Shanghai: 8 h all year). */
function zoneOffsetMs(ms: number, timeZone: string): number {
  let f = offsetFormats.get(timeZone);
  if (!f) offsetFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })));
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The instant a day begins on the zone's calendar. */
export function dayStartMs(isoDay: string, timeZone: string = PROOF_TIME_ZONE): number {
  const utcMidnight = Date.parse(`${isoDay}T00:00:00Z`);
  const guess = utcMidnight - zoneOffsetMs(utcMidnight, timeZone);
  // Where the offset changes that night (daylight saving), the offset at the guess is the right one.
  return utcMidnight - zoneOffsetMs(guess, timeZone);
}

const nextDay = (isoDay: string) => new Date(Date.parse(`${isoDay}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

export type DayRange = { from: string; to: string };

/** [start of `from`, start of the day after `to`) in epoch ms on the zone's calendar: both days are included. */
export function rangeMs(range: DayRange, timeZone: string = PROOF_TIME_ZONE): { fromMs: number; toMs: number } {
  return { fromMs: dayStartMs(range.from, timeZone), toMs: dayStartMs(nextDay(range.to), timeZone) };
}

/** Checks a range typed into a form; at most `maxDays` long so one request cannot ask for decades. */
export function parseRange(from: string | undefined, to: string | undefined, maxDays = 731): DayRange | null {
  if (!from || !to || !isIsoDate(from) || !isIsoDate(to) || to < from) return null;
  if ((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS >= maxDays) return null;
  return { from, to };
}
