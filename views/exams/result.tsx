import type { ViewContext } from '../../src/http/view-context.js';
import {
  TYPE_ORDER,
  type AttemptResult,
  type AwaitingMarking,
  type AttemptRow,
  type ReviewRule,
  type Tally,
  type ViewSection,
  type ViewSlot,
} from '../../src/exams/index.js';
import { Layout } from '../layout.js';
import { CaseBlock, SectionHeading } from './question.js';
import { SlotReview, verdictOf } from './review.js';
import { ScrollTable } from '../scroll-table.js';

const pct = (t: Tally) => (t.max > 0 ? Math.round((t.score / t.max) * 1000) / 10 : 0);

function Breakdown(props: {
  ctx: ViewContext;
  caption: string;
  first: string;
  /** `key`: what the row is of (a course's slug, a question type), for `awaitingRow`. */
  rows: { key: string; label: string; tally: Tally }[];
  testid: string;
  /** The key of the row whose score is not final yet (written answers awaiting marking). */
  awaitingRow?: string;
}) {
  const { t, fmt } = props.ctx;
  return (
    <ScrollTable label={props.caption}>
      <table class="breakdown" data-testid={props.testid}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.first}</th>
            <th scope="col" class="num">
              {t('exams.col.score')}
            </th>
            <th scope="col" class="num">
              {t('exams.col.max')}
            </th>
            <th scope="col" class="num">
              {t('exams.col.percent')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              {r.key === props.awaitingRow ? (
                <>
                  <td class="num">{t('exams.awaitingRow')}</td>
                  <td class="num">{fmt.number(r.tally.max)}</td>
                  <td class="num"></td>
                </>
              ) : (
                <>
                  <td class="num">{fmt.number(r.tally.score)}</td>
                  <td class="num">{fmt.number(r.tally.max)}</td>
                  <td class="num">{fmt.number(pct(r.tally))}%</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

export function ResultPage(props: {
  ctx: ViewContext;
  attempt: AttemptRow;
  title: string;
  result: AttemptResult;
  /** Written answers still to be marked (待阅卷): no total and no pass or fail yet. */
  awaiting?: AwaitingMarking;
  /** With each slot's score from the graded result. */
  sections: ViewSection[];
  review: ReviewRule;
  passPercent: number;
  courseTitle: (slug: string) => string;
  /** An instructor or admin looking at a trainee's attempt. */
  traineeName?: string;
  /** 只看错题: only wrong, partly right and blank slots (?only=wrong; works without script). */
  onlyWrong?: boolean;
}) {
  const { ctx, attempt, result, review, awaiting } = props;
  const { t, fmt } = ctx;
  const given = (vs: ViewSlot) => vs.saved?.answer ?? '';
  const isRight = (vs: ViewSlot) => verdictOf(given(vs), vs.score ?? 0, vs.slot.points) === 'right';
  // Withdrawn questions are not graded: neither right nor a mistake to review.
  const shown = (vs: ViewSlot) => !props.onlyWrong || (vs.part !== undefined && !isRight(vs));
  const mistakes = props.sections.flatMap((s) => s.items.flatMap((i) => i.slots)).filter((vs) => vs.part && !isRight(vs)).length;
  const here = `/exams/attempts/${attempt.id}`;
  const slot = (vs: ViewSlot) => (
    <SlotReview ctx={ctx} vs={vs} given={vs.saved?.answer ?? ''} score={vs.score ?? 0} showKey={review.answers} showExplanation={review.explanations} />
  );
  return (
    <Layout ctx={ctx} title={props.title}>
      <h1>{props.title}</h1>
      {props.traineeName && <p class="muted">{t('exams.attemptOf', { name: props.traineeName })}</p>}
      <section
        class={`card result-summary ${awaiting ? 'is-awaiting' : result.passed ? 'is-pass' : 'is-fail'}`}
        aria-labelledby="result-h"
        data-testid="result"
      >
        <h2 id="result-h">{t(awaiting ? 'exams.awaitingTitle' : 'exams.resultTitle')}</h2>
        {awaiting ? (
          <p class="big-score" data-testid="awaiting">
            <span class="badge-result awaiting">{t('exams.awaiting')}</span>{' '}
            {t('exams.awaitingNote', { score: fmt.number(awaiting.score), max: fmt.number(awaiting.max), n: awaiting.count })}
          </p>
        ) : (
          <p class="big-score">
            <strong data-testid="score">{t('exams.scoreOf', { score: fmt.number(result.score), max: fmt.number(result.max) })}</strong>{' '}
            <span class="muted">({fmt.number(result.percent)}%)</span>{' '}
            {attempt.mode === 'exam' && (
              <span class={`badge-result ${result.passed ? 'pass' : 'fail'}`}>{t(result.passed ? 'exams.passed' : 'exams.failed')}</span>
            )}
          </p>
        )}
        <dl class="facts">
          {attempt.mode === 'exam' && (
            <>
              <dt>{t('exams.passMark')}</dt>
              <dd>
                {t('exams.passMarkValue', { percent: fmt.number(props.passPercent), points: fmt.number(Math.round(result.max * props.passPercent) / 100) })}
              </dd>
            </>
          )}
          <dt>{t('exams.startedAt')}</dt>
          <dd>{fmt.dateTime(attempt.startedAt)}</dd>
          <dt>{t('exams.submittedAt')}</dt>
          <dd>{attempt.submittedAt ? fmt.dateTime(attempt.submittedAt) : ''}</dd>
          <dt>{t('exams.submittedBy')}</dt>
          <dd data-testid="submitted-by">{t(`exams.by.${attempt.submittedBy ?? 'trainee'}`)}</dd>
        </dl>
        {result.withdrawn.length > 0 && <p class="note">{t('exams.withdrawnNote', { n: result.withdrawn.length })}</p>}
      </section>
      <section aria-labelledby="breakdown-h">
        <h2 id="breakdown-h">{t('exams.breakdown')}</h2>
        {awaiting && <p class="note">{t('exams.awaitingBreakdown')}</p>}
        <Breakdown
          ctx={ctx}
          caption={t('exams.byCourse')}
          first={t('exams.col.course')}
          testid="by-course"
          rows={Object.entries(result.byCourse).map(([slug, tally]) => ({ key: slug, label: props.courseTitle(slug), tally }))}
        />
        <Breakdown
          ctx={ctx}
          caption={t('exams.byType')}
          first={t('exams.col.type')}
          testid="by-type"
          rows={TYPE_ORDER.flatMap((type) => (result.byType[type] ? [{ key: type, label: t(`exams.type.${type}`), tally: result.byType[type]! }] : []))}
          awaitingRow={awaiting ? ('written' satisfies (typeof TYPE_ORDER)[number]) : undefined}
        />
      </section>
      <section aria-labelledby="review-h" class="review">
        <h2 id="review-h">{t('exams.review')}</h2>
        {!review.answers && <p class="note">{t('exams.reviewNoAnswers')}</p>}
        <nav class="review-filter" aria-label={t('exams.review')}>
          <a href={`${here}#review-h`} aria-current={props.onlyWrong ? undefined : 'page'}>
            {t('exams.review.showAll')}
          </a>
          <a href={`${here}?only=wrong#review-h`} aria-current={props.onlyWrong ? 'page' : undefined} data-testid="only-wrong">
            {t('exams.review.onlyWrong')}
          </a>
        </nav>
        <p class="muted small">
          {props.onlyWrong ? (mistakes === 0 ? t('exams.review.noneWrong') : t('exams.review.onlyWrongNote', { n: mistakes })) : t('exams.review.expandHint')}
        </p>
        {props.sections.map((section, i) => {
          const slots = section.items.flatMap((vi) => vi.slots).filter((vs) => vs.part);
          const visible = section.items.filter((vi) => vi.slots.some(shown));
          if (visible.length === 0) return null;
          return (
            <details class="exam-part review-part" open={props.onlyWrong || undefined} data-type={section.type}>
              <summary>
                <SectionHeading ctx={ctx} section={section} index={i} />
                <span class="review-tally">
                  {section.type !== 'written'
                    ? t('exams.review.sectionTally', { right: slots.filter(isRight).length, total: slots.length })
                    : awaiting
                      ? t('exams.awaiting')
                      : t('written.review.sectionScore', {
                          score: fmt.number(result.byType.written?.score ?? 0),
                          max: fmt.number(result.byType.written?.max ?? 0),
                        })}
                </span>
              </summary>
              {visible.map((vi) =>
                vi.item.type === 'case' ? (
                  <>
                    <CaseBlock ctx={ctx} vi={{ ...vi, slots: vi.slots.filter(shown) }} n={section.items.indexOf(vi) + 1} slot={slot} />
                    {review.explanations && vi.question?.type === 'case' && vi.question.explanation && (
                      <p class="case-explanation explanation">{vi.question.explanation}</p>
                    )}
                  </>
                ) : (
                  vi.slots.filter(shown).map(slot)
                ),
              )}
            </details>
          );
        })}
      </section>
      {!props.traineeName && (
        <>
          <div id="exam-done" data-attempt={String(attempt.id)} hidden></div>
          <script src="/static/js/exam.js" defer></script>
        </>
      )}
      <p class="actions">
        <a href="/exams">{t('exams.backToExams')}</a> · <a href="/exams/history">{t('exams.history')}</a> · <a href="/exams/notebook">{t('exams.notebook')}</a>
      </p>
    </Layout>
  );
}

/** Staff opening an attempt still running: when it ends, nothing more (the paper stays private). */
export function InProgressPage(props: { ctx: ViewContext; title: string; traineeName: string; deadlineAt: number | null }) {
  const { t, fmt } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1>{props.title}</h1>
      <p>{t('exams.attemptOf', { name: props.traineeName })}</p>
      <p class="note">{props.deadlineAt ? t('exams.staffInProgress', { when: fmt.dateTime(props.deadlineAt) }) : t('exams.status.open')}</p>
    </Layout>
  );
}
