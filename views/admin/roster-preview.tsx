import type { ViewContext } from '../../src/http/view-context.js';
import type { MessageKey } from '../../src/i18n/index.js';
import type { Cohort, ProfileChange, RosterPreviewModel } from '../../src/institutions/index.js';
import { Layout } from '../layout.js';
import { ScrollTable } from '../scroll-table.js';
import { CohortHeader } from './cohort.js';
import { CohortTabs } from './cohort-tabs.js';

// Step 2 of a roster import: what each row of the file will do, then one button that imports
// exactly that (the rows are held on the server, see src/institutions/roster-previews.ts).

function ChangeValue(props: { ctx: ViewContext; field: ProfileChange['field']; value: string }) {
  const { t } = props.ctx;
  if (!props.value) return <span class="muted">{t('admin.preview.empty')}</span>;
  if (props.field === 'education') return <>{t(`education.${props.value}` as MessageKey)}</>;
  return <span class="mono">{props.value}</span>;
}

export function RosterPreviewPage(props: {
  ctx: ViewContext;
  cohort: Cohort;
  fileName: string;
  preview: RosterPreviewModel;
  previewId: string;
  digest: string;
  expiresAt: number;
}) {
  const { ctx, cohort } = props;
  const { rows: plans, counts, changed } = props.preview;
  const { t, fmt } = ctx;
  const base = `/admin/cohorts/${cohort.id}`;
  return (
    <Layout ctx={ctx} title={t('admin.preview.title')} wide>
      <CohortHeader ctx={ctx} cohort={cohort} />
      <CohortTabs ctx={ctx} cohortId={cohort.id} current="roster" />
      <h2>{t('admin.preview.title')}</h2>
      <p class="break">{t('admin.preview.file', { file: props.fileName, rows: fmt.number(plans.length) })}</p>
      <ul class="preview-summary" data-testid="preview-summary">
        <li class="kind-new">{t('admin.preview.countNew', { count: fmt.number(counts.new) })}</li>
        <li class="kind-existing">{t('admin.preview.countExisting', { count: fmt.number(counts.existing) })}</li>
        <li class="kind-enrolled">{t('admin.preview.countEnrolled', { count: fmt.number(counts.enrolled) })}</li>
        {changed > 0 && <li>{t('admin.preview.countChanged', { count: fmt.number(changed) })}</li>}
      </ul>
      <form method="post" action={`${base}/roster/confirm`} class="preview-confirm">
        <input type="hidden" name="previewId" value={props.previewId} />
        <input type="hidden" name="digest" value={props.digest} />
        <button type="submit">{t('admin.preview.confirm', { rows: fmt.number(plans.length) })}</button> <a href={base}>{t('admin.cancel')}</a>
      </form>
      <p class="muted small">{t('admin.preview.expires', { time: fmt.dateTime(props.expiresAt) })}</p>
      <ScrollTable label={t('admin.preview.title')}>
        <table class="preview-table" data-testid="preview-table">
          <thead>
            <tr>
              <th scope="col" class="num">
                {t('admin.preview.col.line')}
              </th>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('field.email')}</th>
              <th scope="col">{t('admin.preview.col.outcome')}</th>
              <th scope="col">{t('admin.preview.col.changes')}</th>
            </tr>
          </thead>
          <tbody>
            {plans.map((p) => {
              const kind = p.kind;
              return (
                <tr data-kind={kind}>
                  <td class="num">{fmt.number(p.line)}</td>
                  <th scope="row">{p.name}</th>
                  <td>{p.email}</td>
                  <td>
                    <span class={`kind kind-${kind}`}>{t(`admin.preview.kind.${kind}`)}</span>
                    {p.newIdentity && (
                      <span class="muted small">
                        {' '}
                        {p.newIdentity.idNumber} {p.newIdentity.phone}
                      </span>
                    )}
                  </td>
                  <td>
                    {p.changes.length === 0 ? (
                      <span class="muted">{kind === 'new' ? '' : t('admin.preview.noChanges')}</span>
                    ) : (
                      <table class="diff">
                        <thead>
                          <tr>
                            <th scope="col">{t('admin.preview.col.field')}</th>
                            <th scope="col">{t('admin.preview.col.onFile')}</th>
                            <th scope="col">{t('admin.preview.col.inFile')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {p.changes.map((ch) => (
                            <tr>
                              <th scope="row">{t(`field.${ch.field}`)}</th>
                              <td>
                                <ChangeValue ctx={ctx} field={ch.field} value={ch.from} />
                              </td>
                              <td>
                                <ChangeValue ctx={ctx} field={ch.field} value={ch.to} />
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollTable>
    </Layout>
  );
}
