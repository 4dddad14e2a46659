// Calendar days for proof and exports. Cohort dates and export ranges are days on the Shanghai
// calendar (fixed UTC+8, no daylight saving); the server runs in UTC, so local Date getters are
// never used.

const OFFSET_MS = 8 * 3_600_000;
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

/** YYYY-MM-DD of an instant in Shanghai. */
export function shanghaiDay(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The instant a Shanghai day begins. */
export function dayStartMs(isoDay: string): number {
  return Date.parse(`${isoDay}T00:00:00Z`) - OFFSET_MS;
}

export type DayRange = { from: string; to: string };

/** [start of `from`, start of the day after `to`) in epoch ms: both days are included. */
export function rangeMs(range: DayRange): { fromMs: number; toMs: number } {
  return { fromMs: dayStartMs(range.from), toMs: dayStartMs(range.to) + DAY_MS };
}

/** Checks a range typed into a form; at most `maxDays` long so one request cannot ask for decades. */
export function parseRange(from: string | undefined, to: string | undefined, maxDays = 731): DayRange | null {
  if (!from || !to || !isIsoDate(from) || !isIsoDate(to) || to < from) return null;
  if ((dayStartMs(to) - dayStartMs(from)) / DAY_MS >= maxDays) return null;
  return { from, to };
}
