// When a lesson counts as completed by self-study, and how many minutes it then credits. A lesson
// is complete when the reader spent a share of its nominal time actively on the page, answered
// every self-check question, and the lesson is fully written: an outline (status: outline) is a
// syllabus placeholder and never completes by self-study.

export type LessonStatus = 'full' | 'outline';

/** What still stands between the trainee and completion; empty when complete. */
export type CompletionReason = 'activeTime' | 'selfCheck' | 'outline';

export interface LessonCompletionInput {
  /** Active reading time credited from heartbeats, ms. */
  activeMs: number;
  /** The lesson's class hours (课时) from its frontmatter; may be fractional, e.g. 0.5. */
  lessonHours: number;
  /** Minutes in one class hour (45–60 in the programme). */
  classHourMinutes: number;
  /** Share of the nominal time that must be active, 0..1. */
  requiredShare?: number;
  selfCheckIds: readonly string[];
  answeredIds: ReadonlySet<string>;
  status: LessonStatus;
}

export interface LessonCompletion {
  complete: boolean;
  reasons: CompletionReason[];
  requiredActiveMs: number;
  /** lessonHours × classHourMinutes, floored to whole minutes, when complete; otherwise 0. */
  creditMinutes: number;
  /** Self-check ids not answered yet, in the lesson's order (handy for the page). */
  unansweredIds: string[];
}

export const DEFAULT_REQUIRED_SHARE = 0.5;

export function lessonCompletion(input: LessonCompletionInput): LessonCompletion {
  const { activeMs, lessonHours, classHourMinutes, selfCheckIds, answeredIds, status } = input;
  const requiredShare = input.requiredShare ?? DEFAULT_REQUIRED_SHARE;
  nonNegative('activeMs', activeMs);
  nonNegative('lessonHours', lessonHours);
  if (!(Number.isFinite(classHourMinutes) && classHourMinutes > 0)) {
    throw new RangeError(`classHourMinutes must be a positive number, got ${classHourMinutes}`);
  }
  if (!(Number.isFinite(requiredShare) && requiredShare >= 0 && requiredShare <= 1)) {
    throw new RangeError(`requiredShare must be between 0 and 1, got ${requiredShare}`);
  }

  const nominalMinutes = lessonHours * classHourMinutes;
  const requiredActiveMs = Math.ceil(nominalMinutes * 60_000 * requiredShare - 1e-6);
  // (The epsilons absorb binary rounding, e.g. 1.15 × 60 = 68.99999999999999.)
  const unansweredIds = [...new Set(selfCheckIds)].filter((id) => !answeredIds.has(id));

  const reasons: CompletionReason[] = [];
  if (activeMs < requiredActiveMs) reasons.push('activeTime');
  if (unansweredIds.length > 0) reasons.push('selfCheck');
  if (status !== 'full') reasons.push('outline');

  const complete = reasons.length === 0;
  return {
    complete,
    reasons,
    requiredActiveMs,
    creditMinutes: complete ? Math.floor(nominalMinutes + 1e-6) : 0,
    unansweredIds,
  };
}

/** Whole minutes read actively, as the status line under a lesson says them (rounded down). */
export const activeMinutes = (activeMs: number): number => Math.floor(activeMs / 60_000);

/** Whole minutes of active reading still needed (rounded up: a started minute is still to read), 0 once met. */
export const readingMinutesLeft = (activeMs: number, requiredActiveMs: number): number => Math.max(0, Math.ceil((requiredActiveMs - activeMs) / 60_000));

function nonNegative(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`${name} must be a non-negative number, got ${value}`);
  }
}
