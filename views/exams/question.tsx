import type { Child } from 'hono/jsx';
import type { ViewContext } from '../../src/http/view-context.js';
import { raw } from 'hono/html';
import type { ViewItem, ViewSection, ViewSlot } from '../../src/exams/index.js';
import { sectionHeadingHtml, slotLegendHtml, slotOptionsHtml } from './paper-html.js';

// Questions as a trainee answers them (practice) and the pieces the review reuses. Only stems and
// options in the trainee's shuffled order are rendered here; keys and explanations are review.tsx's.
// The timed exam page itself is written by paper-html.ts, for speed.

export const attemptUrl = (id: number) => `/exams/attempts/${id}`;

export function SectionHeading(props: { ctx: ViewContext; section: ViewSection; index: number }) {
  return raw(sectionHeadingHtml(props.ctx.t, props.section, props.index));
}

/** The inputs of one slot (shared with the exam page's string renderer). */
export function SlotOptions(props: { ctx: ViewContext; vs: ViewSlot; disabled?: boolean }) {
  return raw(slotOptionsHtml(props.ctx.t, props.vs, props.disabled));
}

export function SlotLegend(props: { ctx: ViewContext; vs: ViewSlot }) {
  return raw(slotLegendHtml(props.ctx.t, props.vs));
}

/** Practice mode: one question at a time is checked, and the answer comes back with feedback. */
export function PracticeSlotForm(props: { ctx: ViewContext; attemptId: number; vs: ViewSlot; error?: string }) {
  const { t } = props.ctx;
  const { slot, part } = props.vs;
  const url = `${attemptUrl(props.attemptId)}/check`;
  return (
    <form id={`q-${slot.no}`} class="q" tabindex={-1} method="post" action={url} hx-post={url} hx-target="this" hx-swap="outerHTML" data-key={slot.key}>
      <fieldset disabled={!part}>
        <SlotLegend ctx={props.ctx} vs={props.vs} />
        <SlotOptions ctx={props.ctx} vs={props.vs} />
      </fieldset>
      <input type="hidden" name="q" value={slot.key} />
      {props.error && (
        <p class="refused" role="alert">
          {props.error}
        </p>
      )}
      <button type="submit" class="secondary">
        {t('exams.check')}
      </button>
    </form>
  );
}

/** A case question: its scenario once, then its sub-questions rendered by `slot`. */
export function CaseBlock(props: { ctx: ViewContext; vi: ViewItem; n: number; slot: (vs: ViewSlot) => Child }) {
  const { t } = props.ctx;
  const q = props.vi.question;
  return (
    <article class="case-q" aria-labelledby={`case-${props.n}`}>
      <h3 id={`case-${props.n}`}>{t('exams.caseTitle', { n: props.n })}</h3>
      <p class="case-stem">{q ? q.stem : t('exams.withdrawn')}</p>
      {props.vi.slots.map((vs) => props.slot(vs))}
    </article>
  );
}
