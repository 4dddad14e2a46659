import type { ViewContext } from '../../src/http/view-context.js';
import { courseLines, modeHours, type CertificateFacts, type Certificate } from '../../src/proof/index.js';

// Small pieces the proof pages share.

export function hours(ctx: ViewContext, minutes: number, classHourMinutes: number): string {
  return ctx.t('proof.hoursUnit', { hours: ctx.fmt.number(Math.round((minutes / classHourMinutes) * 10) / 10) });
}

/** Class hours already apportioned (see facts.apportionHours), in the page's number format. */
const shown = (ctx: ViewContext, value: number) => ctx.t('proof.hoursUnit', { hours: ctx.fmt.number(value) });

/** Hours by mode as the PDF prints them: figures that add up to the printed total. */
export function HoursList(props: { ctx: ViewContext; hours: CertificateFacts['hours'] }) {
  const { ctx } = props;
  const { t } = ctx;
  const h = props.hours;
  const m = modeHours(h);
  return (
    <ul class="proof-hours">
      <li>
        {t('proof.mode.faceToFace')} {shown(ctx, m.faceToFace)}
      </li>
      <li>
        {t('proof.mode.remote')} {shown(ctx, m.remote)}
      </li>
      <li>
        {t('proof.mode.selfStudy')} {shown(ctx, m.selfStudy)}
      </li>
      {h.creditedMinutes > 0 && (
        <li>
          {t('proof.pdf.credited')} {shown(ctx, m.credited)}
        </li>
      )}
      <li class="proof-total">
        {t('proof.pdf.total')} {shown(ctx, m.total)}
      </li>
    </ul>
  );
}

/** The certificate's course lines (with credit and "other / corrections"), as the PDF prints them. */
export function CourseList(props: { ctx: ViewContext; facts: Pick<CertificateFacts, 'courses' | 'hours' | 'otherMinutes'> }) {
  const { ctx } = props;
  const { t, locale } = ctx;
  const { lines } = courseLines(props.facts);
  return (
    <ul class="proof-courses" data-testid="certificate-courses">
      {lines.map((l) => (
        <li data-line={l.key}>
          {l.title ? (locale === 'en' ? l.title.en : l.title.zh) : l.key === 'credited' ? t('proof.pdf.credited') : t('proof.pdf.other')} {shown(ctx, l.hours)}
        </li>
      ))}
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

/** How IT staff check a signed file offline: folded away, so the page reads in plain words first. */
export function VerifyForItStaff(props: { ctx: ViewContext }) {
  const { t } = props.ctx;
  return (
    <details class="for-it" data-testid="verify-for-it">
      <summary>{t('proof.tech.summary')}</summary>
      <p>{t('proof.tech.format')}</p>
      <p>
        {t('proof.tech.keys')} <a href="/.well-known/bcm-proof-keys.json">/.well-known/bcm-proof-keys.json</a>
      </p>
      <p>{t('proof.tech.command')}</p>
      <pre>
        <code>npx bcm proof:verify bundle.json --key bcm-proof-keys.json</code>
      </pre>
    </details>
  );
}
