import type { ViewContext } from '../../src/http/view-context.js';
import type { AuditRow } from '../../src/institutions/index.js';
import { Layout } from '../layout.js';
import { ScrollTable } from '../scroll-table.js';
import { auditActionLabel, describeAudit } from '../../src/hours/index.js';

export type AuditSubjects = {
  users: ReadonlyMap<number, { name: string; cohortId: number | null }>;
  cohorts: ReadonlyMap<number, string>;
};

export type AuditPageProps = {
  ctx: ViewContext;
  scope: 'admin' | 'office';
  rows: AuditRow[];
  subjects: AuditSubjects;
  page: number;
  pageSize: number;
  hasNext: boolean;
};

function Subject(props: { scope: AuditPageProps['scope']; subject: string; subjects: AuditSubjects }) {
  const [kind, raw] = props.subject.split(':');
  const id = Number(raw);
  if (kind === 'user' && Number.isSafeInteger(id)) {
    const person = props.subjects.users.get(id);
    if (!person) return <span class="mono">{props.subject}</span>;
    // A trainee's hours page is where their records can be checked; the office reads, not edits.
    if (props.scope === 'admin' && person.cohortId !== null) {
      return <a href={`/admin/cohorts/${person.cohortId}/trainees/${id}/hours`}>{person.name}</a>;
    }
    return <span>{person.name}</span>;
  }
  if (kind === 'cohort' && Number.isSafeInteger(id)) {
    const name = props.subjects.cohorts.get(id);
    if (!name) return <span class="mono">{props.subject}</span>;
    return <a href={`/${props.scope}/cohorts/${id}`}>{name}</a>;
  }
  if (kind === 'certificate' && raw) {
    return (
      <a class="mono" href={`/verify/${encodeURIComponent(raw)}`}>
        {raw}
      </a>
    );
  }
  return <span class="mono">{props.subject}</span>;
}

export function AuditPage(props: AuditPageProps) {
  const { ctx, scope, page } = props;
  const { t, fmt } = ctx;
  const title = scope === 'office' ? t('dashboards.audit.officeTitle') : t('dashboards.audit.title');
  const base = `/${scope}/audit`;
  return (
    <Layout ctx={ctx} title={title} wide>
      <p>
        <a href={`/${scope}`}>← {scope === 'office' ? t('office.title') : t('admin.title')}</a>
      </p>
      <h1>{title}</h1>
      <p class="muted">{t('dashboards.audit.intro', { size: props.pageSize })}</p>
      {props.rows.length === 0 ? (
        <p class="muted">{t('dashboards.audit.empty')}</p>
      ) : (
        <ScrollTable label={t('dashboards.audit.title')}>
          <table class="audit" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboards.audit.at')}</th>
                {scope === 'office' && <th scope="col">{t('dashboards.audit.institution')}</th>}
                <th scope="col">{t('dashboards.audit.actor')}</th>
                <th scope="col">{t('dashboards.audit.action')}</th>
                <th scope="col">{t('dashboards.audit.subject')}</th>
                <th scope="col">{t('dashboards.audit.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr data-audit={r.id} data-action={r.action}>
                  <td>{fmt.dateTime(r.at)}</td>
                  {scope === 'office' && <td>{r.institutionName ?? ''}</td>}
                  <td>{r.actorName ?? t('dashboards.audit.system')}</td>
                  <td>{auditActionLabel(t, r.action)}</td>
                  <td>
                    <Subject scope={scope} subject={r.subject} subjects={props.subjects} />
                  </td>
                  <td>
                    <span class="detail">{describeAudit(t, r, (id) => props.subjects.users.get(id)?.name)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <nav class="pager" aria-label={t('dashboards.audit.pages')}>
        {page > 1 ? <a href={page === 2 ? base : `${base}?page=${page - 1}`}>{t('dashboards.audit.newer')}</a> : <span />}
        <span class="muted">{t('dashboards.audit.page', { page: fmt.number(page) })}</span>
        {props.hasNext ? <a href={`${base}?page=${page + 1}`}>{t('dashboards.audit.older')}</a> : <span />}
      </nav>
    </Layout>
  );
}
