import type { Child } from 'hono/jsx';

/**
 * A table that may scroll sideways on a narrow screen. The scrolling box is a labelled region in
 * the tab order, so keyboard users can reach and scroll it too (WCAG 2.1.1; axe
 * "scrollable-region-focusable").
 */
export function ScrollTable(props: { label: string; children: Child }) {
  return (
    <div class="table-wrap" role="region" aria-label={props.label} tabindex={0}>
      {props.children}
    </div>
  );
}
