import type { ViewContext } from '../../src/http/view-context.js';
import type { Cohort } from '../../src/institutions/index.js';
import { missingText, REASON_MAX, type AdminProofRow, type Certificate } from '../../src/proof/index.js';
import { Layout } from '../layout.js';
import { CohortHeader } from '../admin/cohort.js';
import { CohortTabs } from '../admin/cohort-tabs.js';
import { DownloadLinks, StatusBadge, VerifyForItStaff, hours } from './parts.js';
import { DateRangeFields } from './date-range.js';
import { ScrollTable } from '../scroll-table.js';

// The institution admin's proof page for one cohort: who meets the requirements, their
// certificates with issue / revoke / reissue, interim statements, and the cohort's exports.

export type AdminProofProps = {
  ctx: ViewContext;
  cohort: Cohort;
  institutionCode: string;
  rows: AdminProofRow[];
  /** How many rows have their hours complete. */
  ready: number;
  classHourMinutes: number;
};

export function AdminProofPage(props: AdminProofProps) {
  const { ctx, cohort } = props;
  const { t } = ctx;
  const ready = props.ready;
  return (
    <Layout ctx={ctx} title={t('proof.admin.title', { cohort: cohort.name })} wide>
      <p>
        <a href={`/admin/cohorts/${cohort.id}`}>← {t('proof.admin.back')}</a>
      </p>
      <CohortHeader ctx={ctx} cohort={cohort} />
      <CohortTabs ctx={ctx} cohortId={cohort.id} current="proof" />
      <section aria-labelledby="proof-h">
        <h2 id="proof-h">{t('proof.admin.certificates')}</h2>
        <p class="muted">{t('proof.admin.summary', { ready, total: props.rows.length })}</p>
        {props.rows.length === 0 ? <p class="muted">{t('proof.admin.noTrainees')}</p> : <ProofTable {...props} />}
      </section>
      <ExportSection {...props} />
    </Layout>
  );
}

function ProofTable(props: AdminProofProps) {
  const { ctx, cohort, classHourMinutes: chm } = props;
  const { t } = ctx;
  const base = `/admin/cohorts/${cohort.id}/proof`;
  return (
    <ScrollTable label={t('proof.admin.certificates')}>
      <table class="proof-table">
        <thead>
          <tr>
            <th scope="col">{t('proof.admin.col.trainee')}</th>
            <th scope="col" class="num">
              {t('proof.admin.col.hours')}
            </th>
            <th scope="col">{t('proof.admin.col.requirement')}</th>
            <th scope="col">{t('proof.admin.col.certificate')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map(({ trainee, position, current: valid, past, missing, mayIssue }) => {
            const hp = position.hours;
            return (
              <tr data-testid={`proof-row-${trainee.id}`}>
                <th scope="row">{trainee.name}</th>
                <td class="num">
                  {hours(ctx, hp.earnedMinutes, chm)} / {hours(ctx, hp.requiredMinutes, chm)}
                </td>
                <td>
                  {hp.complete ? (
                    <span class="badge proof-badge proof-valid">{t('proof.admin.met')}</span>
                  ) : (
                    <ul class="proof-missing">
                      {missing.map((m) => (
                        <li>{missingText(t, m, (n) => ctx.fmt.number(Math.round((n / chm) * 10) / 10))}</li>
                      ))}
                    </ul>
                  )}
                  <p class="proof-interim">
                    {t('proof.admin.interim')}
                    {t('label.colon')}
                    <a href={`${base}/trainees/${trainee.id}/interim`} lang="zh-CN">
                      {t('proof.lang.zh')}
                    </a>{' '}
                    ·{' '}
                    <a href={`${base}/trainees/${trainee.id}/interim?lang=en`} lang="en">
                      {t('proof.lang.en')}
                    </a>
                  </p>
                </td>
                <td>
                  {valid ? (
                    <CertificateCell ctx={ctx} base={base} cert={valid} />
                  ) : mayIssue ? (
                    <form method="post" action={`${base}/trainees/${trainee.id}/issue`} class="inline">
                      <button type="submit" data-testid={`issue-${trainee.id}`}>
                        {t('proof.admin.issue')}
                      </button>
                    </form>
                  ) : (
                    <span class="muted">{t('proof.admin.notYet')}</span>
                  )}
                  {past.length > 0 && (
                    <ul class="proof-past">
                      {past.map((c) => (
                        <li>
                          <a href={`/verify/${c.serial}`} class="mono">
                            {c.serial}
                          </a>{' '}
                          <StatusBadge ctx={ctx} cert={c} />
                          {c.status === 'revoked' && c.revokeReason && <span class="muted"> {c.revokeReason}</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollTable>
  );
}

function CertificateCell(props: { ctx: ViewContext; base: string; cert: Certificate }) {
  const { ctx, base, cert } = props;
  const { t } = ctx;
  return (
    <div class="proof-cert">
      <p>
        <span class="mono" data-testid="serial">
          {cert.serial}
        </span>{' '}
        <StatusBadge ctx={ctx} cert={cert} />
      </p>
      <p>
        <DownloadLinks ctx={ctx} serial={cert.serial} />
      </p>
      <details>
        <summary>{t('proof.admin.revoke')}</summary>
        <form method="post" action={`${base}/certificates/${cert.serial}/revoke`} class="grid-form">
          <label>
            {t('proof.admin.reason')}
            <input name="reason" required maxlength={REASON_MAX} />
          </label>
          <button type="submit" class="secondary">
            {t('proof.admin.revokeConfirm')}
          </button>
        </form>
      </details>
      <details>
        <summary>{t('proof.admin.reissue')}</summary>
        <p class="muted">{t('proof.admin.reissueHelp')}</p>
        <form method="post" action={`${base}/certificates/${cert.serial}/reissue`} class="grid-form">
          <label>
            {t('proof.admin.reasonOptional')}
            <input name="reason" maxlength={REASON_MAX} />
          </label>
          <button type="submit" class="secondary">
            {t('proof.admin.reissueConfirm')}
          </button>
        </form>
      </details>
    </div>
  );
}

function ExportSection(props: AdminProofProps) {
  const { ctx, cohort } = props;
  const { t } = ctx;
  return (
    <section aria-labelledby="export-h">
      <h2 id="export-h">{t('proof.export.title')}</h2>
      <p class="muted">{t('proof.export.help')}</p>
      <form method="get" action={`/admin/cohorts/${cohort.id}/proof/export`} class="grid-form" data-testid="export-form">
        <label>
          {t('proof.export.kind')}
          <select name="kind">
            <option value="attendance">{t('proof.export.kind.attendance')}</option>
            <option value="hours">{t('proof.export.kind.hours')}</option>
          </select>
        </label>
        <label>
          {t('proof.export.format')}
          <select name="format">
            <option value="xlsx">{t('proof.export.format.xlsx')}</option>
            <option value="csv">{t('proof.export.format.csv')}</option>
            <option value="json">{t('proof.export.format.json')}</option>
          </select>
        </label>
        <DateRangeFields t={t} from={cohort.startsOn} to={cohort.endsOn} />
        <button type="submit">{t('proof.export.download')}</button>
      </form>
      <h3>{t('proof.bundle.title')}</h3>
      <p class="muted">{t('proof.bundle.help')}</p>
      <form method="get" action="/proof/bundle" class="grid-form">
        <input type="hidden" name="institution" value={props.institutionCode} />
        <DateRangeFields t={t} from={cohort.startsOn} to={cohort.endsOn} />
        <button type="submit">{t('proof.bundle.download')}</button>
      </form>
      <p class="muted">{t('proof.bundle.verifyHint')}</p>
      <VerifyForItStaff ctx={ctx} />
    </section>
  );
}
