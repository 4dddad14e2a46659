import type { ViewContext } from '../../src/http/view-context.js';
import { charCount, MARK_COMMENT_MAX, type AnswerToMark, type Cohort, type MarkingPolicy, type QueueRow } from '../../src/exams/index.js';
import { Layout } from '../layout.js';
import { ScrollTable } from '../scroll-table.js';
import { analyticsHref, Crumbs } from './analytics/common.js';

// Marking (阅卷) for instructors: the exam's written questions with their progress, and one
// candidate's answer at a time with the rubric as levels to pick. Blind: a candidate number only.

export const markingHref = (cohortId: number, exam: string, item?: string) =>
  analyticsHref(cohortId, exam, `/marking${item ? `/answer?item=${encodeURIComponent(item)}` : ''}`);

const candidateNo = (n: number) => String(n).padStart(3, '0');

type ExamRef = { id: string; title: string };

export function MarkingQueuePage(props: {
  ctx: ViewContext;
  cohort: Cohort;
  backHref: string;
  exam: ExamRef;
  policy: MarkingPolicy;
  rows: QueueRow[];
  courseTitle: (slug: string) => string;
}) {
  const { ctx, cohort, exam } = props;
  const { t } = ctx;
  const title = t('marking.title', { exam: exam.title });
  return (
    <Layout ctx={ctx} title={title} wide>
      <Crumbs ctx={ctx} cohort={cohort} backHref={props.backHref} exam={exam} />
      <h1>{title}</h1>
      <p class="muted">{t('marking.intro')}</p>
      {props.policy.second && <p class="muted">{t('marking.secondNote', { percent: props.policy.discrepancyPercent })}</p>}
      {props.rows.length === 0 ? (
        <p class="muted" data-testid="marking-none">
          {t('marking.none')}
        </p>
      ) : (
        <ScrollTable label={title}>
          <table data-testid="marking-queue">
            <thead>
              <tr>
                <th scope="col">{t('marking.col.question')}</th>
                <th scope="col" class="num">
                  {t('marking.col.answers')}
                </th>
                <th scope="col" class="num">
                  {t('marking.col.final')}
                </th>
                <th scope="col" class="num">
                  {t('marking.col.forMe')}
                </th>
                {props.policy.second && (
                  <th scope="col" class="num">
                    {t('marking.col.disputed')}
                  </th>
                )}
                <th scope="col">
                  <span class="visually-hidden">{t('marking.start')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <th scope="row">
                    {r.title}
                    <br />
                    <span class="muted">{props.courseTitle(r.course)}</span>
                  </th>
                  <td class="num">{r.answers}</td>
                  <td class="num">{r.final}</td>
                  <td class="num">{r.forMe}</td>
                  {props.policy.second && <td class="num">{r.disputed}</td>}
                  <td>{r.forMe > 0 && <a href={markingHref(cohort.id, exam.id, r.item)}>{t('marking.start')}</a>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {props.rows.some((r) => r.stats.markers.length > 0) && <MarkingStats ctx={ctx} rows={props.rows} />}
    </Layout>
  );
}

/** How each question was marked so far: final marks, criterion means and each marker's mean, to spot a harsh or lenient marker. */
function MarkingStats(props: { ctx: ViewContext; rows: QueueRow[] }) {
  const { t, fmt } = props.ctx;
  const num = (n: number | null) => (n === null ? '–' : fmt.number(n));
  return (
    <section data-testid="marking-stats">
      <h2>{t('marking.stats.title')}</h2>
      {props.rows
        .filter((r) => r.stats.markers.length > 0)
        .map((r) => (
          <div class="marking-stats">
            <h3>{r.title}</h3>
            <p>{t('marking.stats.finals', { n: r.stats.finals, mean: num(r.stats.mean), sd: num(r.stats.sd), points: r.points })}</p>
            <ScrollTable label={`${r.title} · ${t('marking.stats.criteria')}`}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('marking.stats.criteria')}</th>
                    <th scope="col" class="num">
                      {t('marking.stats.mean')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {r.criteria.map((c, i) => (
                    <tr>
                      <th scope="row">{c}</th>
                      <td class="num">{num(r.stats.criterionMeans[i] ?? null)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
            <ScrollTable label={`${r.title} · ${t('marking.stats.markers')}`}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('marking.stats.markers')}</th>
                    <th scope="col" class="num">
                      {t('marking.col.answers')}
                    </th>
                    <th scope="col" class="num">
                      {t('marking.stats.mean')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {r.stats.markers.map((m) => (
                    <tr>
                      <th scope="row">{r.markerNames.get(m.markerId) ?? `#${m.markerId}`}</th>
                      <td class="num">{m.marks}</td>
                      <td class="num">{num(m.mean)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          </div>
        ))}
    </section>
  );
}

export type MarkFormError = { field: string; message: string };

export function MarkAnswerPage(props: {
  ctx: ViewContext;
  cohort: Cohort;
  backHref: string;
  exam: ExamRef;
  item: string;
  answer: AnswerToMark | null;
  errors?: MarkFormError[];
  /** What the marker picked before a refused submission, so nothing is lost. */
  picked?: (number | undefined)[];
  comment?: string;
}) {
  const { ctx, cohort, exam, answer } = props;
  const { t } = ctx;
  const title = t('marking.title', { exam: exam.title });
  const queue = markingHref(cohort.id, exam.id);
  if (!answer) {
    return (
      <Layout ctx={ctx} title={title}>
        <Crumbs ctx={ctx} cohort={cohort} backHref={props.backHref} exam={exam} />
        <h1>{title}</h1>
        <p data-testid="marking-done">{t('marking.done')}</p>
        <p>
          <a href={queue}>{t('marking.back')}</a>
        </p>
      </Layout>
    );
  }
  const q = answer.question;
  const max = q.points;
  const errors = props.errors ?? [];
  return (
    <Layout ctx={ctx} title={`${title} · ${t('marking.candidate', { number: candidateNo(answer.candidate) })}`}>
      <Crumbs ctx={ctx} cohort={cohort} backHref={props.backHref} exam={exam} />
      <h1>{t('marking.candidate', { number: candidateNo(answer.candidate) })}</h1>
      <p class="muted">
        {t(`marking.stage.${answer.stage}`)} · {t('marking.left', { n: answer.left })} · <a href={queue}>{t('marking.back')}</a>
      </p>
      {errors.length > 0 && (
        <div class="flash flash-error" role="alert" data-testid="marking-errors">
          <ul>
            {errors.map((e) => (
              <li>
                <a href={`#${e.field}`}>{e.message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <section class="marking-question">
        <h2>{t('marking.question')}</h2>
        <div class="marking-text">{q.stem}</div>
      </section>
      <section class="marking-answer">
        <h2>
          {t('marking.answer')} <span class="muted">({t('marking.chars', { n: charCount(answer.answer) })})</span>
        </h2>
        <div class="marking-text" data-testid="marking-answer">
          {answer.answer.trim() ? answer.answer : t('marking.blank')}
        </div>
      </section>
      <form method="post" class="marking-form" data-testid="marking-form">
        <input type="hidden" name="attempt" value={String(answer.attemptId)} />
        <input type="hidden" name="slot" value={answer.slotKey} />
        <h2>{t('marking.rubric')}</h2>
        {q.rubric.map((c, i) => (
          <fieldset id={`criterion-${i}`}>
            <legend>
              {c.criterion} <span class="muted">({t('marking.points', { points: c.levels[c.levels.length - 1]?.points ?? 0 })})</span>
            </legend>
            {c.levels.map((l) => (
              <label class="marking-level">
                <input type="radio" name={`c${i}`} value={String(l.points)} required checked={props.picked?.[i] === l.points} />
                <strong>{t('marking.points', { points: l.points })}</strong> {l.description}
              </label>
            ))}
          </fieldset>
        ))}
        {/* static/js/app.js updates the sum as levels are picked; without script it shows after saving. */}
        <p class="marking-total" data-testid="marking-total">
          {t('marking.total')} <output class="marking-sum">{(props.picked ?? []).reduce<number>((n, p) => n + (p ?? 0), 0)}</output> /{' '}
          {t('marking.points', { points: max })}
        </p>
        <label for="comment">{t('marking.comment')}</label>
        <textarea id="comment" name="comment" rows={3} maxlength={MARK_COMMENT_MAX}>
          {props.comment ?? ''}
        </textarea>
        <p>
          <button type="submit">{t('marking.save')}</button>
        </p>
      </form>
      <details class="marking-model">
        <summary>{t('marking.model')}</summary>
        <div class="marking-text">{q.modelAnswer}</div>
      </details>
    </Layout>
  );
}
