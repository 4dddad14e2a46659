// The one place that turns instants into days and wall-clock times of the configured TIME_ZONE and
// back. Wall-clock times typed by people (a datetime-local field, a cell of a meeting export),
// cohort dates, export ranges and the dates and serial year a certificate states all mean the
// programme's zone, not the server's (which runs in UTC): local Date getters are never used.

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_CLOCK = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/** The zone used where none is passed: config's TIME_ZONE default, the programme's own calendar. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (+8 h for Asia/Shanghai all year). */
function offsetAt(timeZone: string, at: number): number {
  let f = offsetFormats.get(timeZone);
  if (!f)
    offsetFormats.set(
      timeZone,
      (f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      })),
    );
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(at / 1000) * 1000;
}

// --- wall-clock times -----------------------------------------------------------------------------

/**
 * `2026-03-02T09:00`, `2026-03-02 09:01:33` or `2026/3/2 9:01` (date alone: midnight) read as a
 * wall-clock time in `timeZone` → epoch ms; null when the text is not such a time or names a day
 * that does not exist (2026-02-30).
 */
export function parseZonedDateTime(text: string, timeZone: string): number | null {
  const m = WALL_CLOCK.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (h > 23 || mi > 59 || s > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  // Two passes settle the offset even next to a daylight-saving change in zones that have one.
  let at = wall - offsetAt(timeZone, wall);
  at = wall - offsetAt(timeZone, at);
  return at;
}

/** The value a datetime-local input needs (`YYYY-MM-DDTHH:mm`) for an instant in `timeZone`. */
export function toDateTimeLocal(at: number, timeZone: string): string {
  const wall = new Date(at + offsetAt(timeZone, at));
  return wall.toISOString().slice(0, 16);
}

// --- calendar days --------------------------------------------------------------------------------

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** YYYY-MM-DD of an instant on the calendar of `timeZone`: a certificate's issue date, "today" of a cohort. */
export function calendarDay(ms: number, timeZone: string = DEFAULT_TIME_ZONE): string {
  let f = dayFormats.get(timeZone);
  if (!f) dayFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const parts = f.formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The year of an instant on the calendar of `timeZone` (a certificate serial's year). */
export function zonedYear(ms: number, timeZone: string = DEFAULT_TIME_ZONE): number {
  return Number(calendarDay(ms, timeZone).slice(0, 4));
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The instant a day begins on the zone's calendar. */
export function dayStartMs(isoDay: string, timeZone: string = DEFAULT_TIME_ZONE): number {
  const utcMidnight = Date.parse(`${isoDay}T00:00:00Z`);
  const guess = utcMidnight - offsetAt(timeZone, utcMidnight);
  // Where the offset changes that night (daylight saving), the offset at the guess is the right one.
  return utcMidnight - offsetAt(timeZone, guess);
}

const nextDay = (isoDay: string) => new Date(Date.parse(`${isoDay}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

export type DayRange = { from: string; to: string };

/** [start of `from`, start of the day after `to`) in epoch ms on the zone's calendar: both days are included. */
export function rangeMs(range: DayRange, timeZone: string = DEFAULT_TIME_ZONE): { fromMs: number; toMs: number } {
  return { fromMs: dayStartMs(range.from, timeZone), toMs: dayStartMs(nextDay(range.to), timeZone) };
}

/** Checks a range typed into a form; at most `maxDays` long so one request cannot ask for decades. */
export function parseRange(from: string | undefined, to: string | undefined, maxDays = 731): DayRange | null {
  if (!from || !to || !isIsoDate(from) || !isIsoDate(to) || to < from) return null;
  if ((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS >= maxDays) return null;
  return { from, to };
}

/**
 * Formats an ISO calendar day (YYYY-MM-DD) in a locale's style. A day names no instant, so it is
 * shown as that day whatever the zone (formatting its UTC midnight in, say, America/New_York
 * would show the day before).
 */
export function isoDayFormatter(intlLocale: string, dateStyle: 'medium' | 'long'): (isoDay: string) => string {
  const f = new Intl.DateTimeFormat(intlLocale, { timeZone: 'UTC', dateStyle });
  return (isoDay) => f.format(Date.parse(`${isoDay}T00:00:00Z`));
}
