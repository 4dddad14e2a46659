import type { ViewContext } from '../../../src/http/view-context.js';
import { letter, MIN_DISCRIMINATION_N, type Basis, type Cohort, type ItemView } from '../../../src/exams/index.js';
import { Layout } from '../../layout.js';
import { analyticsHref, BasisForm, Crumbs, Tabs } from './common.js';
import { ScrollTable } from '../../scroll-table.js';

/** Below this a question separates strong from weak trainees too little (or the wrong way round). */
const REVIEW_BELOW = 0.2;

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * How many picked the option, as a bar: green for the key, grey for a distractor (a <meter> is
 * green whatever it measures). The count beside it and the ✓ carry the same facts without colour.
 */
function OptionBar(props: { share: number; isKey: boolean }) {
  const width = Math.round(Math.min(1, Math.max(0, props.share)) * 1000) / 10;
  return (
    <svg
      class={`opt-bar ${props.isKey ? 'opt-bar-key' : 'opt-bar-distractor'}`}
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <rect class="opt-bar-track" x="0" y="0" width="100" height="10" />
      <rect class="opt-bar-fill" x="0" y="0" width={String(width)} height="10" />
    </svg>
  );
}

function Picks(props: { ctx: ViewContext; item: ItemView }) {
  const { ctx, item } = props;
  const { t, fmt } = ctx;
  const choices =
    item.type === 'truefalse'
      ? [
          { value: 'true', label: t('exams.true'), text: '' },
          { value: 'false', label: t('exams.false'), text: '' },
        ]
      : item.options.length
        ? item.options.map((text, i) => ({ value: letter(i), label: letter(i), text }))
        : // A question gone from the bank: only the letters its answers used are known.
          Object.keys(item.picks)
            .sort()
            .map((l) => ({ value: l, label: l, text: '' }));
  return (
    <ul class="opt-dist">
      {choices.map((c) => {
        const count = item.picks[c.value] ?? 0;
        const isKey = item.type === 'truefalse' ? item.answerKey === c.value : item.answerKey.includes(c.value);
        return (
          <li class={isKey ? 'is-key' : undefined} data-option={c.value}>
            <b class="opt-label">
              {c.label}
              {isKey && (
                <span class="key-mark" aria-hidden="true">
                  {' ✓'}
                </span>
              )}
              {isKey && <span class="visually-hidden">{t('exams.analytics.isKey')}</span>}
            </b>{' '}
            <span class="opt-count">{fmt.number(count)}</span> <OptionBar share={count / Math.max(1, item.n)} isKey={isKey} />
            {c.text && <span class="opt-text muted small"> {short(c.text, 40)}</span>}
          </li>
        );
      })}
      {item.blanks > 0 && <li class="muted">{t('exams.analytics.blanks', { n: fmt.number(item.blanks) })}</li>}
    </ul>
  );
}

function Discrimination(props: { ctx: ViewContext; item: ItemView }) {
  const { t } = props.ctx;
  const { discrimination: d, note } = props.item;
  if (d === null) return <span class="muted">{t(note === 'flat' ? 'exams.analytics.flat' : 'exams.analytics.nTooSmall')}</span>;
  return (
    <>
      {d.toFixed(2)}
      {d < REVIEW_BELOW && <span class="badge badge-review">{t('exams.analytics.review')}</span>}
    </>
  );
}

/** Facility, discrimination and option distribution per question (case parts one by one). */
export function AnalyticsItemsPage(props: {
  ctx: ViewContext;
  cohort: Cohort;
  backHref: string;
  exam: { id: string; title: string };
  basis: Basis;
  attempts: number;
  items: ItemView[];
  courseTitle: (slug: string) => string;
}) {
  const { ctx, cohort, exam } = props;
  const { t, fmt } = ctx;
  const title = t('exams.analytics.itemsTitle', { exam: exam.title });
  return (
    <Layout ctx={ctx} title={title} wide>
      <Crumbs ctx={ctx} cohort={cohort} backHref={props.backHref} exam={exam} />
      <h1>{title}</h1>
      <Tabs ctx={ctx} cohortId={cohort.id} exam={exam.id} current="items" />
      <p class="muted">{t('exams.analytics.itemsIntro', { min: MIN_DISCRIMINATION_N })}</p>
      <BasisForm ctx={ctx} action={analyticsHref(cohort.id, exam.id, '/items')} basis={props.basis} />
      <p>{t('exams.analytics.itemsBasis', { n: fmt.number(props.attempts), basis: t(`exams.analytics.basis.${props.basis}`) })}</p>
      {props.items.length === 0 ? (
        <p class="muted">{t('exams.analytics.noAttempts')}</p>
      ) : (
        <ScrollTable label={t('exams.analytics.items')}>
          <table class="item-stats" data-testid="item-stats">
            <thead>
              <tr>
                <th scope="col">{t('exams.analytics.question')}</th>
                <th scope="col" class="num">
                  {t('exams.analytics.n')}
                </th>
                <th scope="col" class="num">
                  {t('exams.analytics.facility')}
                </th>
                <th scope="col" class="num">
                  {t('exams.analytics.discrimination')}
                </th>
                <th scope="col">{t('exams.analytics.options')}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((item) => (
                <tr data-key={item.key}>
                  <th scope="row" class="item-q">
                    <span class="muted small">
                      {props.courseTitle(item.course)} · {t(`exams.type.${item.type}`)} · <code>{item.key}</code>
                    </span>
                    {item.caseStem !== undefined && <span class="case-of small">{t('exams.analytics.caseOf', { stem: short(item.caseStem, 60) })}</span>}
                    <span class="item-stem">{item.missing ? t('exams.analytics.missing') : item.stem}</span>
                  </th>
                  <td class="num">{fmt.number(item.n)}</td>
                  <td class="num">{item.facility.toFixed(2)}</td>
                  <td class="num">
                    <Discrimination ctx={ctx} item={item} />
                  </td>
                  <td>
                    <Picks ctx={ctx} item={item} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </Layout>
  );
}
