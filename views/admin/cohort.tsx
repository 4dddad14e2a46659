import type { ViewContext } from '../../src/http/view-context.js';
import type { Cohort, Person, RosterRow, TraineeInput } from '../../src/institutions/index.js';
import { FormErrors, Layout } from '../layout.js';
import { RosterTable } from '../people.js';
import { InviteNotice } from './dashboard.js';
import { CohortTabs } from './cohort-tabs.js';
import { TraineeFields } from './trainee-fields.js';

export function CohortHeader(props: { ctx: ViewContext; cohort: Cohort }) {
  const { t, fmt } = props.ctx;
  const c = props.cohort;
  return (
    <>
      <h1>{c.name}</h1>
      <p class="muted">
        {t(`level.${c.level}`)} · {fmt.isoDate(c.startsOn)} – {fmt.isoDate(c.endsOn)}
      </p>
    </>
  );
}

export function AdminCohortPage(props: {
  ctx: ViewContext;
  cohort: Cohort;
  roster: RosterRow[];
  assigned: { id: number; name: string; email: string }[];
  /** The institution's instructors not assigned to this cohort yet (the assign form's choices). */
  assignable: Person[];
  /** How many on the roster have not activated their account yet. */
  pending: number;
  enrolForm?: Partial<TraineeInput>;
  enrolErrors?: string[];
  importErrors?: string[];
  /** How many problems there were in all, when importErrors lists only the first ones. */
  importErrorCount?: number;
  invite?: { name: string; url: string; reset?: boolean };
}) {
  const { ctx, cohort } = props;
  const { t } = ctx;
  const f = props.enrolForm ?? {};
  const base = `/admin/cohorts/${cohort.id}`;
  const unassigned = props.assignable;
  return (
    <Layout ctx={ctx} title={cohort.name} wide>
      <p>
        <a href="/admin">← {t('admin.title')}</a>
      </p>
      <CohortHeader ctx={ctx} cohort={cohort} />
      <CohortTabs ctx={ctx} cohortId={cohort.id} current="roster" />
      <p class="cohort-links no-print">
        <a href={`${base}/edit`} data-testid="cohort-edit-link">
          {t('admin.cohortEdit.link')}
        </a>{' '}
        · <a href={`/lms/cohorts/${cohort.id}`}>{t('lti.link.roster')}</a>
      </p>
      {props.invite && <InviteNotice ctx={ctx} invite={props.invite} />}

      <section aria-labelledby="roster-h">
        <h2 id="roster-h">
          {t('admin.roster')} ({ctx.fmt.number(props.roster.length)})
        </h2>
        <RosterTable ctx={ctx} roster={props.roster} inviteAction={(id) => `${base}/trainees/${id}/invite`} personHref={(id) => `${base}/trainees/${id}`} />
      </section>

      <PendingLinks ctx={ctx} base={base} pending={props.pending} />

      <section aria-labelledby="import-h">
        <h2 id="import-h">{t('admin.importRoster')}</h2>
        <p class="muted">{t('admin.importHelp')}</p>
        <p>
          <a href="/admin/roster-template.csv" download>
            {t('admin.downloadTemplate')}
          </a>
        </p>
        {props.importErrors && props.importErrors.length > 0 && (
          <div class="form-errors" role="alert" data-testid="import-errors">
            <p>{t('admin.importFailed', { count: props.importErrorCount ?? props.importErrors.length })}</p>
            <ul>
              {props.importErrors.map((e) => (
                <li>{e}</li>
              ))}
            </ul>
          </div>
        )}
        <form method="post" action={`${base}/roster/preview`} enctype="multipart/form-data" class="file-form">
          <label>
            {t('field.file')}
            <input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
          </label>
          <button type="submit">{t('admin.preview.upload')}</button>
        </form>
      </section>

      <section aria-labelledby="enrol-h">
        <h2 id="enrol-h">{t('admin.enrolOne')}</h2>
        <FormErrors ctx={ctx} errors={props.enrolErrors ?? []} />
        <form method="post" action={`${base}/enrol`} class="grid-form">
          <TraineeFields ctx={ctx} values={f} withEmail />
          <button type="submit">{t('admin.enrol')}</button>
        </form>
      </section>

      <section aria-labelledby="instr-h">
        <h2 id="instr-h">{t('field.instructors')}</h2>
        {props.assigned.length === 0 ? (
          <p class="muted">{t('common.none')}</p>
        ) : (
          <ul class="people">
            {props.assigned.map((i) => (
              <li>
                {i.name} <span class="muted">{i.email}</span>
              </li>
            ))}
          </ul>
        )}
        {unassigned.length > 0 && (
          <form method="post" action={`${base}/instructors`} class="grid-form">
            <label>
              {t('admin.assignInstructor')}
              <select name="instructorId">
                {unassigned.map((i) => (
                  <option value={String(i.id)}>{i.name}</option>
                ))}
              </select>
            </label>
            <button type="submit">{t('admin.assign')}</button>
          </form>
        )}
      </section>
    </Layout>
  );
}

/** Activation links for everyone on the roster who has not activated yet: a CSV, or a sheet to print. */
function PendingLinks(props: { ctx: ViewContext; base: string; pending: number }) {
  const { t, fmt } = props.ctx;
  return (
    <section aria-labelledby="links-h">
      <h2 id="links-h">{t('admin.bulk.title')}</h2>
      {props.pending === 0 ? (
        <p class="muted">{t('admin.bulk.none')}</p>
      ) : (
        <>
          <p>{t('admin.bulk.pending', { count: fmt.number(props.pending) })}</p>
          <p class="muted small">{t('admin.bulk.replaces')}</p>
          <div class="bulk-actions">
            <form method="post" action={`${props.base}/invites`}>
              <input type="hidden" name="format" value="sheet" />
              <button type="submit">{t('admin.bulk.sheet')}</button>
            </form>
            <form method="post" action={`${props.base}/invites`}>
              <input type="hidden" name="format" value="csv" />
              <button type="submit" class="secondary">
                {t('admin.bulk.csv')}
              </button>
            </form>
          </div>
        </>
      )}
    </section>
  );
}
