import type { ViewContext } from '../../src/http/view-context.js';

/**
 * "已完成 x / 12" on a practice page. The check route sends it again with `oob` after each answer,
 * so htmx swaps the figure in place; a reload renders it from the saved answers.
 */
export function PracticeProgress(props: { ctx: ViewContext; done: number; total: number; oob?: boolean }) {
  return (
    <p id="practice-progress" class="muted" data-testid="practice-progress" hx-swap-oob={props.oob ? 'true' : undefined}>
      {props.ctx.t('exams.practiceHelp', { done: props.done, total: props.total })}
    </p>
  );
}
