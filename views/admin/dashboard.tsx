import type { ViewContext } from '../../src/http/view-context.js';
import { LEVEL_IDS, type CohortSummary, type Person } from '../../src/institutions/index.js';
import { FormErrors, Layout } from '../layout.js';
import { ScrollTable } from '../scroll-table.js';
import { CopyButton, CopyScript } from './copy.js';

export type CohortForm = { name?: string; level?: string; startsOn?: string; endsOn?: string };

export function CohortTable(props: { ctx: ViewContext; cohorts: CohortSummary[]; hrefBase: string }) {
  const { t, fmt } = props.ctx;
  if (props.cohorts.length === 0) return <p class="muted">{t('admin.noCohorts')}</p>;
  return (
    <ScrollTable label={t('admin.cohorts')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('field.cohortName')}</th>
            <th scope="col">{t('field.level')}</th>
            <th scope="col">{t('field.startsOn')}</th>
            <th scope="col">{t('field.endsOn')}</th>
            <th scope="col" class="num">
              {t('field.trainees')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.cohorts.map((c) => (
            <tr>
              <th scope="row">
                <a href={`${props.hrefBase}/${c.id}`}>{c.name}</a>
              </th>
              <td>{t(`level.${c.level}`)}</td>
              <td>{fmt.isoDate(c.startsOn)}</td>
              <td>{fmt.isoDate(c.endsOn)}</td>
              <td class="num">{fmt.number(c.trainees)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

export function AdminDashboard(props: {
  ctx: ViewContext;
  institutionName: string;
  cohorts: CohortSummary[];
  instructors: Person[];
  cohortForm?: CohortForm;
  cohortErrors?: string[];
  instructorForm?: { name?: string; email?: string };
  instructorErrors?: string[];
  invite?: { name: string; url: string; reset?: boolean };
}) {
  const { ctx } = props;
  const { t } = ctx;
  const f = props.cohortForm ?? {};
  return (
    <Layout ctx={ctx} title={t('admin.title')}>
      <h1>
        {t('admin.title')} · {props.institutionName}
      </h1>
      {props.invite && <InviteNotice ctx={ctx} invite={props.invite} />}
      <p class="no-print">
        <a href="/admin/lms" data-testid="lms-link">
          {t('lti.nav.admin')}
        </a>
      </p>
      <section aria-labelledby="cohorts-h">
        <h2 id="cohorts-h">{t('admin.cohorts')}</h2>
        <CohortTable ctx={ctx} cohorts={props.cohorts} hrefBase="/admin/cohorts" />
        <details open={(props.cohortErrors?.length ?? 0) > 0 || props.cohorts.length === 0}>
          <summary>{t('admin.newCohort')}</summary>
          <FormErrors ctx={ctx} errors={props.cohortErrors ?? []} />
          <form method="post" action="/admin/cohorts" class="grid-form">
            <label>
              {t('field.cohortName')}
              <input name="name" value={f.name ?? ''} required maxlength={80} />
            </label>
            <label>
              {t('field.level')}
              <select name="level" required>
                {LEVEL_IDS.map((l) => (
                  <option value={l} selected={f.level === l}>
                    {t(`level.${l}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('field.startsOn')}
              <input type="date" name="startsOn" value={f.startsOn ?? ''} required />
            </label>
            <label>
              {t('field.endsOn')}
              <input type="date" name="endsOn" value={f.endsOn ?? ''} required />
            </label>
            <button type="submit">{t('admin.createCohort')}</button>
          </form>
        </details>
      </section>
      <section aria-labelledby="instructors-h">
        <h2 id="instructors-h">{t('admin.instructors')}</h2>
        {props.instructors.length === 0 ? (
          <p class="muted">{t('admin.noInstructors')}</p>
        ) : (
          <ul class="people">
            {props.instructors.map((p) => (
              <li>
                {p.name} <span class="muted">{p.email}</span> · {p.activated ? t('status.active') : t('status.pending')}{' '}
                <form method="post" action={`/admin/users/${p.id}/invite`} class="inline">
                  <button type="submit" class="small">
                    {t(p.activated ? 'account.resetLink' : 'admin.inviteLink')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <details open={(props.instructorErrors?.length ?? 0) > 0}>
          <summary>{t('admin.newInstructor')}</summary>
          <FormErrors ctx={ctx} errors={props.instructorErrors ?? []} />
          <form method="post" action="/admin/instructors" class="grid-form">
            <label>
              {t('field.name')}
              <input name="name" value={props.instructorForm?.name ?? ''} required maxlength={60} />
            </label>
            <label>
              {t('field.email')}
              <input type="email" name="email" value={props.instructorForm?.email ?? ''} required maxlength={254} />
            </label>
            <button type="submit">{t('common.add')}</button>
          </form>
        </details>
      </section>
    </Layout>
  );
}

/** A fresh one-time link; `reset` when the account already has a password (a password reset). */
export function InviteNotice(props: { ctx: ViewContext; invite: { name: string; url: string; reset?: boolean } }) {
  return (
    <div class="flash flash-ok" role="status">
      <p>{props.ctx.t(props.invite.reset ? 'account.resetCreated' : 'admin.inviteCreated', { name: props.invite.name })}</p>
      <p class="copy-line">
        <code class="copy" id="invite-url" data-testid="invite-url">
          {props.invite.url}
        </code>{' '}
        <CopyButton ctx={props.ctx} targetId="invite-url" />
      </p>
      <CopyScript />
    </div>
  );
}
