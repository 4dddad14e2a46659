// The rules of a scheduled sitting (统一模拟考), pure: reading the schedule form, whether a start is
// allowed now, when the review opens, when the integrity limit submits an attempt, and how a
// trainee's connection reads in the live room. No database, no clock: `now` is always given.
import type { MessageKey } from '../../i18n/index.js';
import { parseZonedDateTime } from '../../platform/zoned-time.js';
import { GRACE_MS, MINUTE_MS } from '../clock.js';

export const REVIEW_POLICIES = ['none', 'score', 'full'] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];

/** The form's fields, by the name each input has (a refused form names the field it is about). */
export type SittingField =
  'exam' | 'opensAt' | 'closesAt' | 'latestStartMinutes' | 'timeLimitMinutes' | 'review' | 'who' | 'candidates' | 'maxDepartures' | 'maxAwaySeconds';

export type SittingFormValues = Record<Exclude<SittingField, 'candidates'>, string> & { candidates: string[] };

export type FieldProblem = { field: SittingField; message: MessageKey; params?: Record<string, string | number> };

export type SittingTerms = {
  examKey: string;
  opensAt: number;
  closesAt: number;
  latestStartAt: number;
  timeLimitMinutes: number;
  review: ReviewPolicy;
  /** null: everyone enrolled. */
  candidates: number[] | null;
  maxDepartures: number | null;
  maxAwaySeconds: number | null;
};

export const MAX_TIME_LIMIT_MINUTES = 600;
export const MAX_WINDOW_MS = 7 * 24 * 60 * MINUTE_MS;

const whole = (s: string, min: number, max: number): number | null => {
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
};

/**
 * Reads the schedule form. `exams` are the blueprints of the cohort's level (id → its time limit),
 * `roster` the ids of the trainees enrolled in the cohort. Every problem names its field.
 */
export function parseSittingForm(
  body: Record<string, unknown>,
  ctx: { timeZone: string; exams: ReadonlyMap<string, number>; roster: ReadonlySet<number> },
): { ok: true; terms: SittingTerms; values: SittingFormValues } | { ok: false; problems: FieldProblem[]; values: SittingFormValues } {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
  const list = (k: string) => {
    const v = body[k] ?? body[`${k}[]`];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string').slice(0, 5000);
  };
  const values: SittingFormValues = {
    exam: s('exam'),
    opensAt: s('opensAt'),
    closesAt: s('closesAt'),
    latestStartMinutes: s('latestStartMinutes'),
    timeLimitMinutes: s('timeLimitMinutes'),
    review: s('review'),
    who: s('who') || 'all',
    candidates: list('candidates'),
    maxDepartures: s('maxDepartures'),
    maxAwaySeconds: s('maxAwaySeconds'),
  };
  const problems: FieldProblem[] = [];
  const bpLimit = ctx.exams.get(values.exam);
  if (bpLimit === undefined) problems.push({ field: 'exam', message: 'sittings.error.exam' });
  const opensAt = values.opensAt ? parseZonedDateTime(values.opensAt, ctx.timeZone) : null;
  const closesAt = values.closesAt ? parseZonedDateTime(values.closesAt, ctx.timeZone) : null;
  if (opensAt === null) problems.push({ field: 'opensAt', message: 'sittings.error.opensAt' });
  if (closesAt === null) problems.push({ field: 'closesAt', message: 'sittings.error.closesAt' });
  else if (opensAt !== null && closesAt <= opensAt) problems.push({ field: 'closesAt', message: 'sittings.error.closesBeforeOpens' });
  else if (opensAt !== null && closesAt - opensAt > MAX_WINDOW_MS) problems.push({ field: 'closesAt', message: 'sittings.error.windowTooLong' });
  const late = whole(values.latestStartMinutes, 0, MAX_WINDOW_MS / MINUTE_MS);
  if (late === null) problems.push({ field: 'latestStartMinutes', message: 'sittings.error.latestStart' });
  else if (opensAt !== null && closesAt !== null && closesAt > opensAt && opensAt + late * MINUTE_MS >= closesAt)
    problems.push({ field: 'latestStartMinutes', message: 'sittings.error.latestStartAfterClose' });
  const limit = whole(values.timeLimitMinutes, 1, MAX_TIME_LIMIT_MINUTES);
  if (limit === null) problems.push({ field: 'timeLimitMinutes', message: 'sittings.error.timeLimit', params: { max: MAX_TIME_LIMIT_MINUTES } });
  if (!(REVIEW_POLICIES as readonly string[]).includes(values.review)) problems.push({ field: 'review', message: 'sittings.error.review' });
  let candidates: number[] | null = null;
  if (values.who === 'chosen') {
    const ids = [...new Set(values.candidates.map(Number))];
    if (ids.length === 0) problems.push({ field: 'candidates', message: 'sittings.error.noCandidates' });
    else if (ids.some((id) => !ctx.roster.has(id))) problems.push({ field: 'candidates', message: 'sittings.error.notEnrolled' });
    else candidates = ids.sort((a, b) => a - b);
  } else if (values.who !== 'all') problems.push({ field: 'who', message: 'sittings.error.who' });
  const optional = (field: 'maxDepartures' | 'maxAwaySeconds', max: number) => {
    if (values[field] === '') return null;
    const n = whole(values[field], 0, max);
    if (n === null)
      problems.push({ field, message: field === 'maxDepartures' ? 'sittings.error.maxDepartures' : 'sittings.error.maxAwaySeconds', params: { max } });
    return n;
  };
  const maxDepartures = optional('maxDepartures', 100);
  const maxAwaySeconds = optional('maxAwaySeconds', 36_000);
  if (problems.length) return { ok: false, problems, values };
  return {
    ok: true,
    values,
    terms: {
      examKey: values.exam,
      opensAt: opensAt!,
      closesAt: closesAt!,
      latestStartAt: opensAt! + late! * MINUTE_MS,
      timeLimitMinutes: limit!,
      review: values.review as ReviewPolicy,
      candidates,
      maxDepartures,
      maxAwaySeconds,
    },
  };
}

export type Window = { opensAt: number; closesAt: number; latestStartAt: number };

/** Why a start at `now` is refused, or 'ok'. */
export function startRefusal(w: Window, now: number): 'ok' | 'notYet' | 'late' | 'closed' {
  if (now < w.opensAt) return 'notYet';
  if (now >= w.closesAt) return 'closed';
  if (now > w.latestStartAt) return 'late';
  return 'ok';
}

export type SittingPhase = 'upcoming' | 'open' | 'startClosed' | 'closed';

export function phaseOf(w: Window, now: number): SittingPhase {
  if (now < w.opensAt) return 'upcoming';
  if (now >= w.closesAt) return 'closed';
  return now > w.latestStartAt ? 'startClosed' : 'open';
}

/**
 * When trainees may see their results: once the window has closed and every attempt of the
 * sitting is over (one with extra time granted past the close keeps the key hidden until it ends).
 */
export function revealAt(closesAt: number, latestDeadline: number | null): number {
  return Math.max(closesAt, latestDeadline === null ? 0 : latestDeadline + GRACE_MS);
}

/** What the trainee sees of a finished attempt of the sitting at `now`. */
export function reviewShown(policy: ReviewPolicy, revealed: boolean): 'wait' | 'none' | 'score' | 'full' {
  if (!revealed) return 'wait';
  return policy;
}

export type IntegrityLimits = { maxDepartures: number | null; maxAwaySeconds: number | null };

/** More departures than allowed, or more time away in total: the attempt is submitted. Off when null. */
export function integrityBreached(limits: IntegrityLimits, departures: number, awayMs: number): boolean {
  if (limits.maxDepartures !== null && departures > limits.maxDepartures) return true;
  if (limits.maxAwaySeconds !== null && awayMs > limits.maxAwaySeconds * 1000) return true;
  return false;
}

/** A page that reported (a beat, a save) this recently counts as connected. */
export const CONNECTED_MS = 45_000;

export type Connection = 'online' | 'quiet' | 'none';

export function connectionOf(lastContactAt: number | null, now: number): Connection {
  if (lastContactAt === null) return 'none';
  return now - lastContactAt <= CONNECTED_MS ? 'online' : 'quiet';
}

/** Another tab or device is one whose token was seen this recently while a different one reports. */
export const SECOND_DEVICE_MS = 60_000;

/** "王**" style mask plus the candidate number, for the paper's watermark. */
export const candidateNumber = (n: number) => String(n).padStart(3, '0');
