import type { ViewContext } from '../../src/http/view-context.js';
import type { courseRole, StudyStatus } from '../../src/hours/index.js';

type CourseRole = ReturnType<typeof courseRole>;

/** One line under a lesson saying where the trainee stands on it. */
export function StudyStatusLine(props: { ctx: ViewContext; status: StudyStatus; role: CourseRole }) {
  const { t } = props.ctx;
  const s = props.status;
  const m = s.activeMinutes;
  if (s.credited)
    return (
      <>
        <Tick />
        {t('study.status.credited', { credit: s.creditedMinutes, minutes: m })}
      </>
    );
  if (s.completion.reasons.includes('outline')) return <>{t('study.status.outline')}</>;
  if (props.role === 'coaching') {
    return s.completedAt !== null ? (
      <>
        <Tick />
        {t('study.status.coachingDone', { minutes: m })}
      </>
    ) : (
      <>{t('study.status.coaching', { minutes: m })}</>
    );
  }
  if (props.role === 'none') return <>{t('study.status.noCohort', { minutes: m })}</>;
  const remaining = s.readingMinutesLeft;
  if (remaining === 0) return <>{t('study.status.needSelfCheck', { minutes: m, credit: s.creditedMinutes })}</>;
  return <>{t('study.status.reading', { minutes: m, remaining, credit: s.creditedMinutes })}</>;
}

// The same ✓ as the syllabus ticks: the lesson is done.
const Tick = () => (
  <span class="done" aria-hidden="true">
    ✓{' '}
  </span>
);

/**
 * The status paragraph. After a self-check answer the lesson route sends it again with `oob`, so
 * htmx replaces it in place (学习中 → 已完成) without waiting for the next heartbeat.
 */
export function StudyStatusParagraph(props: { ctx: ViewContext; status: StudyStatus; role: CourseRole; oob?: boolean }) {
  return (
    <p id="study-status" class="study-status" data-testid="study-status" hx-swap-oob={props.oob ? 'true' : undefined}>
      <StudyStatusLine ctx={props.ctx} status={props.status} role={props.role} />
    </p>
  );
}

/**
 * Placed under a lesson for trainees: htmx posts a heartbeat whenever static/js/app.js fires
 * `bcm:beat` (every ~30 s while the tab is visible and the reader active) and swaps in the status.
 */
export function StudyAside(props: { ctx: ViewContext; course: string; lesson: string; status: StudyStatus; role: CourseRole }) {
  return (
    <section class="study no-print">
      <form class="study-beat" hx-post="/study/heartbeat" hx-trigger="bcm:beat from:body" hx-target="#study-status" hx-swap="innerHTML">
        <input type="hidden" name="course" value={props.course} />
        <input type="hidden" name="lesson" value={props.lesson} />
      </form>
      <StudyStatusParagraph ctx={props.ctx} status={props.status} role={props.role} />
    </section>
  );
}
