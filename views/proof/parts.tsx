import type { ViewContext } from '../../src/http/view-context.js';
import type { CertificateFacts } from '../../src/proof/facts.js';
import type { Certificate } from '../../src/proof/store.js';

// Small pieces the proof pages share.

export function hours(ctx: ViewContext, minutes: number, classHourMinutes: number): string {
  return ctx.t('proof.hoursUnit', { hours: ctx.fmt.number(Math.round((minutes / classHourMinutes) * 10) / 10) });
}

export function HoursList(props: { ctx: ViewContext; hours: CertificateFacts['hours'] }) {
  const { ctx } = props;
  const { t } = ctx;
  const h = props.hours;
  const chm = h.classHourMinutes;
  return (
    <ul class="proof-hours">
      <li>
        {t('proof.mode.faceToFace')} {hours(ctx, h.minutes.faceToFace, chm)}
      </li>
      <li>
        {t('proof.mode.remote')} {hours(ctx, h.minutes.remote, chm)}
      </li>
      <li>
        {t('proof.mode.selfStudy')} {hours(ctx, h.minutes.selfStudy, chm)}
      </li>
      {h.creditedMinutes > 0 && (
        <li>
          {t('proof.pdf.credited')} {hours(ctx, h.creditedMinutes, chm)}
        </li>
      )}
      <li class="proof-total">
        {t('proof.pdf.total')} {hours(ctx, h.totalMinutes, chm)}
      </li>
    </ul>
  );
}

export function StatusBadge(props: { ctx: ViewContext; cert: Pick<Certificate, 'status'> }) {
  const s = props.cert.status;
  return <span class={`badge proof-badge proof-${s}`}>{props.ctx.t(`proof.certStatus.${s}`)}</span>;
}

/** PDF (Chinese, English) and the signed JSON of one certificate. */
export function DownloadLinks(props: { ctx: ViewContext; serial: string }) {
  const { t } = props.ctx;
  const base = `/proof/certificates/${props.serial}`;
  return (
    <span class="proof-downloads">
      <a href={`${base}/pdf`} download data-testid="download-pdf">
        {t('proof.download.pdfZh')}
      </a>{' '}
      <a href={`${base}/pdf?lang=en`} download>
        {t('proof.download.pdfEn')}
      </a>{' '}
      <a href={`${base}/json`} download>
        {t('proof.download.json')}
      </a>{' '}
      <a href={`/verify/${props.serial}`} data-testid="verify-link">
        {t('proof.download.verify')}
      </a>
    </span>
  );
}
