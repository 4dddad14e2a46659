import type { ViewContext } from '../../src/http/view-context.js';
import { displayAnswer, displayPicks, letter, storedKey, type ViewSlot } from '../../src/exams/index.js';
import { SlotLegend } from './question.js';
import { WrittenReview } from './written-review.js';

// A slot after its answer is final: practice feedback, and the review under a result. Whether the
// key and the explanation appear is the caller's decision (the blueprint's review rule).

export type Verdict = 'right' | 'partly' | 'wrong' | 'blank';

export function verdictOf(given: string, score: number, max: number): Verdict {
  if (given === '') return 'blank';
  if (score >= max) return 'right';
  return score > 0 ? 'partly' : 'wrong';
}

export function SlotReview(props: {
  ctx: ViewContext;
  vs: ViewSlot;
  given: string;
  score: number;
  showKey: boolean;
  showExplanation: boolean;
  live?: boolean;
}) {
  const { ctx, vs, given } = props;
  const { t } = ctx;
  const { slot, part, options } = vs;
  if (slot.type === 'written') return <WrittenReview ctx={ctx} vs={vs} given={given} score={props.score} showModel={props.showKey} />;
  const verdict = verdictOf(given, props.score, slot.points);
  const tf = { yes: t('exams.true'), no: t('exams.false'), sep: t('exams.answerSep') };
  const key = part ? storedKey(part) : '';
  const picked = displayPicks(slot, given);
  const keyed = props.showKey ? displayPicks(slot, key) : new Set<string>();
  return (
    <div id={`q-${slot.no}`} class={`q q-review is-${verdict}`} tabindex={-1} data-key={slot.key} role={props.live ? 'status' : undefined}>
      <fieldset disabled>
        <SlotLegend ctx={ctx} vs={vs} />
        {options.length > 0 && (
          <ul class="options review-options">
            {options.map((text, i) => {
              const pos = String(i);
              return (
                <li class={`${picked.has(pos) ? 'is-picked ' : ''}${keyed.has(pos) ? 'is-key' : ''}`.trim() || undefined}>
                  <span class="letter">{letter(i)}.</span> {text}
                  {picked.has(pos) && <span class="tag tag-picked">{t('exams.yourPick')}</span>}
                  {keyed.has(pos) && <span class="tag tag-key">{t('exams.keyPick')}</span>}
                </li>
              );
            })}
          </ul>
        )}
      </fieldset>
      <p class="verdict">
        <strong>{t(`exams.verdict.${verdict}`)}</strong> · {t('exams.scoreOf', { score: props.score, max: slot.points })}
      </p>
      <dl class="review-facts">
        <dt>{t('exams.yourAnswer')}</dt>
        <dd>{displayAnswer(slot, given, tf) || t('exams.noAnswer')}</dd>
        {props.showKey && part && (
          <>
            <dt>{t('exams.correctAnswer')}</dt>
            <dd>{displayAnswer(slot, key, tf)}</dd>
          </>
        )}
        {props.showExplanation && part && (
          <>
            <dt>{t('exams.explanation')}</dt>
            {/* Imported questions may have none (a warning at import time). */}
            <dd class="explanation">{part.explanation || t('questions.noExplanation')}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
