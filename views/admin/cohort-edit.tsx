import type { ViewContext } from '../../src/http/view-context.js';
import { COHORT_NAME_MAX, type Cohort, type CohortForm } from '../../src/institutions/index.js';
import { FormErrors, Layout } from '../layout.js';
import { CohortHeader } from './cohort.js';
import { CohortTabs } from './cohort-tabs.js';

/** A cohort's name and dates; its level and institution stay (trainees' hours count toward the level). */
export function CohortEditPage(props: { ctx: ViewContext; cohort: Cohort; form: CohortForm; errors?: string[] }) {
  const { ctx, cohort, form } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.cohortEdit.title', { name: cohort.name })}>
      <CohortHeader ctx={ctx} cohort={cohort} />
      <CohortTabs ctx={ctx} cohortId={cohort.id} current="roster" />
      <h2>{t('admin.cohortEdit.title', { name: cohort.name })}</h2>
      <p class="muted">{t('admin.cohortEdit.levelFixed', { level: t(`level.${cohort.level}`) })}</p>
      <FormErrors ctx={ctx} errors={props.errors ?? []} />
      <form method="post" action={`/admin/cohorts/${cohort.id}/edit`} class="grid-form">
        <label>
          {t('field.cohortName')}
          <input name="name" value={form.name} required maxlength={COHORT_NAME_MAX} />
        </label>
        <label>
          {t('field.startsOn')}
          <input type="date" name="startsOn" value={form.startsOn} required />
        </label>
        <label>
          {t('field.endsOn')}
          <input type="date" name="endsOn" value={form.endsOn} required />
        </label>
        <button type="submit">{t('common.save')}</button>
      </form>
      <p>
        <a href={`/admin/cohorts/${cohort.id}`}>{t('admin.cancel')}</a>
      </p>
    </Layout>
  );
}
