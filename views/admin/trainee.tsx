import type { ViewContext } from '../../src/http/view-context.js';
import type { Cohort, CohortSummary, ProfileForm, RosterEntry } from '../../src/institutions/index.js';
import { FormErrors, Layout } from '../layout.js';
import { CohortHeader } from './cohort.js';
import { CohortTabs } from './cohort-tabs.js';
import { InviteNotice } from './dashboard.js';
import { TraineeFields } from './trainee-fields.js';

// One trainee of a cohort, for the institution's admin: edit the profile, a new activation link,
// move to another cohort, remove from this one.

export function TraineePage(props: {
  ctx: ViewContext;
  cohort: Cohort;
  entry: RosterEntry;
  form: ProfileForm;
  errors?: string[];
  moveTargets: CohortSummary[];
  moveErrors?: string[];
  invite?: { name: string; url: string };
}) {
  const { ctx, cohort, entry } = props;
  const { t } = ctx;
  const f = props.form;
  const base = `/admin/cohorts/${cohort.id}/trainees/${entry.id}`;
  return (
    <Layout ctx={ctx} title={`${entry.name} · ${cohort.name}`}>
      <CohortHeader ctx={ctx} cohort={cohort} />
      <CohortTabs ctx={ctx} cohortId={cohort.id} current="roster" />
      <p>
        <a href={`/admin/cohorts/${cohort.id}`}>← {t('admin.person.back')}</a> · <a href={`${base}/hours`}>{t('admin.person.hours')}</a>
      </p>
      {props.invite && <InviteNotice ctx={ctx} invite={props.invite} />}
      <h2 id="profile-h">{t('admin.person.title', { name: entry.name })}</h2>
      <p class="muted">
        {entry.email} · {entry.activated ? t('status.active') : t('status.pending')}
      </p>
      <section aria-labelledby="profile-h">
        <FormErrors ctx={ctx} errors={props.errors ?? []} />
        <form method="post" action={base} class="grid-form" data-testid="profile-form">
          <TraineeFields ctx={ctx} values={f} withEmail={false} />
          <button type="submit">{t('admin.person.save')}</button>
        </form>
        <p class="muted small">{t('admin.person.audited')}</p>
      </section>

      <section aria-labelledby="link-h">
        <h2 id="link-h">{t('admin.person.linkTitle')}</h2>
        <p class="muted">{entry.activated ? t('admin.person.linkActivated') : t('admin.person.linkPending')}</p>
        <form method="post" action={`${base}/invite`}>
          <input type="hidden" name="back" value="trainee" />
          <button type="submit" class="secondary">
            {t('admin.inviteLink')}
          </button>
        </form>
      </section>

      <section aria-labelledby="move-h">
        <h2 id="move-h">{t('admin.person.moveTitle')}</h2>
        <FormErrors ctx={ctx} errors={props.moveErrors ?? []} />
        {props.moveTargets.length === 0 ? (
          <p class="muted">{t('admin.person.noMoveTargets', { level: t(`level.${cohort.level}`) })}</p>
        ) : (
          <form method="post" action={`${base}/move`} class="grid-form">
            <label>
              {t('admin.person.moveTo')}
              <select name="targetCohortId" required>
                {props.moveTargets.map((c) => (
                  <option value={String(c.id)}>
                    {c.name} ({ctx.fmt.isoDate(c.startsOn)} – {ctx.fmt.isoDate(c.endsOn)})
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" class="secondary">
              {t('admin.person.move')}
            </button>
          </form>
        )}
        <p class="muted small">{t('admin.person.recordsStay')}</p>
      </section>

      <section aria-labelledby="remove-h">
        <h2 id="remove-h">{t('admin.person.removeTitle')}</h2>
        <p>
          <a class="button secondary" href={`${base}/remove`}>
            {t('admin.person.remove')}
          </a>
        </p>
      </section>
    </Layout>
  );
}

/** The confirmation asked before a trainee leaves a cohort's roster. */
export function RemoveTraineePage(props: { ctx: ViewContext; cohort: Cohort; entry: RosterEntry }) {
  const { ctx, cohort, entry } = props;
  const { t } = ctx;
  const base = `/admin/cohorts/${cohort.id}/trainees/${entry.id}`;
  return (
    <Layout ctx={ctx} title={t('admin.person.removeTitle')}>
      <CohortHeader ctx={ctx} cohort={cohort} />
      <CohortTabs ctx={ctx} cohortId={cohort.id} current="roster" />
      <section class="card" aria-labelledby="confirm-h">
        <h2 id="confirm-h">{t('admin.person.removeConfirm', { name: entry.name, cohort: cohort.name })}</h2>
        <p>{t('admin.person.removeExplain')}</p>
        <form method="post" action={`${base}/remove`} class="actions">
          <button type="submit">{t('admin.person.removeYes')}</button> <a href={base}>{t('admin.cancel')}</a>
        </form>
      </section>
    </Layout>
  );
}
