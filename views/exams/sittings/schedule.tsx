import type { ViewContext } from '../../../src/http/view-context.js';
import { REVIEW_POLICIES, type Cohort, type SittingFormValues, type SittingListItem } from '../../../src/exams/index.js';
import { Layout } from '../../layout.js';
import { ScrollTable } from '../../scroll-table.js';

export type SittingFormError = { field: string; message: string };

/** The fields typed in (the others are chosen from a list). */
type TypedField = 'opensAt' | 'closesAt' | 'latestStartMinutes' | 'timeLimitMinutes' | 'maxDepartures' | 'maxAwaySeconds';

const sittingsHref = (cohortId: number) => `/cohorts/${cohortId}/sittings`;

/** A cohort's sittings (统一模拟考) and the form that schedules one. Refused input names its field. */
export function SittingsPage(props: {
  ctx: ViewContext;
  cohort: Cohort;
  backHref: string;
  exams: { id: string; title: string; timeLimitMinutes: number }[];
  roster: { id: number; name: string }[];
  sittings: SittingListItem[];
  values: SittingFormValues;
  errors: SittingFormError[];
}) {
  const { ctx, cohort, values } = props;
  const { t, fmt } = ctx;
  const title = t('sittings.title', { cohort: cohort.name });
  const err = (field: string) => props.errors.find((e) => e.field === field);
  const fieldProps = (field: string) => {
    const e = err(field);
    return e ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${field}-error` } : {};
  };
  const FieldError = (p: { field: string }) => {
    const e = err(p.field);
    return e ? (
      <span class="field-error" id={`${p.field}-error`}>
        {e.message}
      </span>
    ) : null;
  };
  /** A date-time or whole-number field: its label, the input and, when refused, why. */
  const Field = (p: { field: TypedField; type: 'datetime-local' | 'number'; min?: string; required?: boolean }) => (
    <>
      <label for={p.field}>{t(`sittings.field.${p.field}`)}</label>
      <input
        type={p.type}
        id={p.field}
        name={p.field}
        min={p.min}
        inputmode={p.type === 'number' ? 'numeric' : undefined}
        value={values[p.field]}
        required={p.required}
        {...fieldProps(p.field)}
      />
      <FieldError field={p.field} />
    </>
  );
  const chosen = new Set(values.candidates);
  return (
    <Layout ctx={ctx} title={title}>
      <p class="crumbs">
        <a href={props.backHref}>← {cohort.name}</a>
      </p>
      <h1>{title}</h1>
      <p class="muted">{t('sittings.intro')}</p>

      <section aria-labelledby="sittings-h">
        <h2 id="sittings-h">{t('sittings.listTitle')}</h2>
        {props.sittings.length === 0 ? (
          <p class="muted">{t('sittings.none')}</p>
        ) : (
          <ScrollTable label={t('sittings.listTitle')}>
            <table data-testid="sittings">
              <thead>
                <tr>
                  <th scope="col">{t('sittings.col.exam')}</th>
                  <th scope="col">{t('sittings.col.window')}</th>
                  <th scope="col">{t('sittings.col.latestStart')}</th>
                  <th scope="col">{t('sittings.col.phase')}</th>
                  <th scope="col">{t('sittings.col.links')}</th>
                </tr>
              </thead>
              <tbody>
                {props.sittings.map((s) => (
                  <tr data-sitting={String(s.id)}>
                    <th scope="row">{s.title}</th>
                    <td>{fmt.dateTimeRange(s.opensAt, s.closesAt)}</td>
                    <td>{fmt.dateTime(s.latestStartAt)}</td>
                    <td>{t(`sittings.phase.${s.phase}`)}</td>
                    <td class="links">
                      <a href={`${sittingsHref(cohort.id)}/${s.id}`}>{t('sittings.liveRoom')}</a>{' '}
                      <a href={`${sittingsHref(cohort.id)}/${s.id}/results`}>{t('sittings.results')}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>

      <section aria-labelledby="schedule-h" class="card">
        <h2 id="schedule-h">{t('sittings.scheduleTitle')}</h2>
        {props.errors.length > 0 && (
          <div class="form-errors" role="alert" data-testid="sitting-errors">
            <p>{t('form.errors')}</p>
            <ul>
              {props.errors.map((e) => (
                <li>
                  <a href={`#${e.field}`}>{e.message}</a>
                </li>
              ))}
            </ul>
          </div>
        )}
        <form method="post" action={sittingsHref(cohort.id)} class="stack sitting-form">
          <label for="exam">{t('sittings.field.exam')}</label>
          <select id="exam" name="exam" required {...fieldProps('exam')}>
            {props.exams.map((e) => (
              <option value={e.id} selected={values.exam === e.id}>
                {e.title} ({t('exams.minutes', { n: fmt.number(e.timeLimitMinutes) })})
              </option>
            ))}
          </select>
          <FieldError field="exam" />
          <Field field="opensAt" type="datetime-local" required />
          <Field field="closesAt" type="datetime-local" required />
          <p class="muted small">{t('sittings.timeZoneNote')}</p>
          <Field field="latestStartMinutes" type="number" min="0" required />
          <Field field="timeLimitMinutes" type="number" min="1" required />
          <p class="muted small">{t('sittings.timeLimitNote')}</p>
          <fieldset id="review" class="choice" {...fieldProps('review')}>
            <legend>{t('sittings.field.review')}</legend>
            {REVIEW_POLICIES.map((p) => (
              <label class="inline-choice">
                <input type="radio" name="review" value={p} checked={values.review === p} required />
                {t(`sittings.review.${p}`)}
              </label>
            ))}
            <FieldError field="review" />
          </fieldset>
          <fieldset id="who" class="choice" {...fieldProps('who')}>
            <legend>{t('sittings.field.who')}</legend>
            <label class="inline-choice">
              <input type="radio" name="who" value="all" checked={values.who !== 'chosen'} />
              {t('sittings.who.all')}
            </label>
            <label class="inline-choice">
              <input type="radio" name="who" value="chosen" checked={values.who === 'chosen'} />
              {t('sittings.who.chosen')}
            </label>
            <FieldError field="who" />
          </fieldset>
          <fieldset id="candidates" class="choice candidates" {...fieldProps('candidates')}>
            <legend>{t('sittings.field.candidates')}</legend>
            {props.roster.map((r) => (
              <label class="inline-choice">
                <input type="checkbox" name="candidates" value={String(r.id)} checked={chosen.has(String(r.id))} />
                {r.name}
              </label>
            ))}
            <FieldError field="candidates" />
          </fieldset>
          <fieldset class="choice">
            <legend>{t('sittings.field.integrity')}</legend>
            <p class="muted small">{t('sittings.integrityNote')}</p>
            <Field field="maxDepartures" type="number" min="0" />
            <Field field="maxAwaySeconds" type="number" min="0" />
          </fieldset>
          <p>
            <button type="submit">{t('sittings.schedule')}</button>
          </p>
        </form>
      </section>
    </Layout>
  );
}
