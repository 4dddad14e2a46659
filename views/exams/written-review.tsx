import type { ViewContext } from '../../src/http/view-context.js';
import type { ViewSlot } from '../../src/exams/index.js';

// A written answer (主观题) under a result: the prompt, the trainee's text, then — once it is
// marked — the score, the markers' comments and (when the blueprint's review shows keys) the
// model answer and the rubric. While it waits for marking it says so, and shows no score.
export function WrittenReview(props: { ctx: ViewContext; vs: ViewSlot; given: string; score: number; showModel: boolean }) {
  const { ctx, vs, given } = props;
  const { t, fmt } = ctx;
  const { slot, written } = vs;
  const state = given === '' ? 'blank' : vs.awaiting ? 'awaiting' : 'marked';
  return (
    <div id={`q-${slot.no}`} class={`q q-review q-written written-review is-${state}`} tabindex={-1} data-key={slot.key} data-testid="written-review">
      <p class="written-head">
        <span class="qno">{slot.no}.</span> {written ? t(`written.kind.${written.kind}`) : t('exams.withdrawn')}{' '}
        <span class="pts">{t('exams.points', { points: slot.points })}</span>
      </p>
      {written && <div class="written-prompt">{written.stem}</div>}
      <dl class="review-facts">
        <dt>{t('exams.yourAnswer')}</dt>
        <dd class="written-text">{given || t('exams.noAnswer')}</dd>
      </dl>
      {state === 'awaiting' && (
        <p class="note" data-testid="written-awaiting">
          <strong>{t('exams.awaiting')}</strong> · {t('written.review.pending')}
        </p>
      )}
      {state !== 'awaiting' && (
        <p class="verdict" data-testid="written-score">
          <strong>{t('written.review.score', { score: fmt.number(props.score), max: fmt.number(slot.points) })}</strong>
          {state === 'blank' && <> · {t('written.review.blank')}</>}
        </p>
      )}
      {state !== 'awaiting' && (
        <dl class="review-facts">
          {(vs.comments ?? []).length > 0 && (
            <>
              <dt>{t('written.review.comment')}</dt>
              {vs.comments!.map((comment) => (
                <dd class="written-text" data-testid="written-comment">
                  {comment}
                </dd>
              ))}
            </>
          )}
          {props.showModel && written && (
            <>
              <dt>{t('written.review.model')}</dt>
              <dd class="written-text" data-testid="written-model">
                {written.modelAnswer}
              </dd>
              <dt>{t('written.review.rubric')}</dt>
              <dd>
                <ul class="written-rubric">
                  {written.rubric.map((c) => (
                    <li>
                      <strong>{c.criterion}</strong>：{c.levels.map((lv) => `${lv.points} ${lv.description}`).join('；')}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
        </dl>
      )}
    </div>
  );
}
