// Wall-clock times typed by people (a datetime-local field, a cell of a meeting export) mean the
// programme's time zone, not the server's (which runs in UTC). These helpers turn such text into
// epoch ms and back without ever using the local Date getters.

const PATTERN = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/** The zone's offset from UTC at an instant, in ms (+8 h for Asia/Shanghai all year). */
function offsetAt(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * `2026-03-02T09:00`, `2026-03-02 09:01:33` or `2026/3/2 9:01` (date alone: midnight) read as a
 * wall-clock time in `timeZone` → epoch ms; null when the text is not such a time or names a day
 * that does not exist (2026-02-30).
 */
export function parseZonedDateTime(text: string, timeZone: string): number | null {
  const m = PATTERN.exec(text.normalize('NFKC').trim());
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
