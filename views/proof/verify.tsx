import type { ViewContext } from '../../src/http/view-context.js';
import { examRow, type PublicCertificate, type Verdict } from '../../src/proof/index.js';
import { Layout } from '../layout.js';
import { CourseList, HoursList } from './parts.js';

// The public verification page: anyone holding a certificate types or scans its serial and sees
// whether it is genuine and still valid.

export type VerifyOutcome =
  | { kind: 'form' }
  | { kind: 'badFormat'; input: string }
  | { kind: 'badCheck'; input: string }
  | { kind: 'notFound'; serial: string }
  | { kind: 'limited'; retryAfterSeconds: number }
  | { kind: 'found'; cert: PublicCertificate; verdict: Verdict };

function LookupForm(props: { ctx: ViewContext; value?: string }) {
  const { t } = props.ctx;
  return (
    <form method="get" action="/verify" class="proof-lookup" role="search">
      <label>
        {t('proof.verify.serialLabel')}
        <input name="serial" value={props.value ?? ''} required autocomplete="off" spellcheck={false} placeholder="BCM-2026-XXXXXXXX-X" class="mono" />
      </label>
      <button type="submit">{t('proof.verify.check')}</button>
    </form>
  );
}

export function VerifyPage(props: { ctx: ViewContext; outcome: VerifyOutcome }) {
  const { ctx, outcome } = props;
  const { t } = ctx;
  const typed = outcome.kind === 'badFormat' || outcome.kind === 'badCheck' ? outcome.input : outcome.kind === 'notFound' ? outcome.serial : undefined;
  return (
    <Layout ctx={ctx} title={t('proof.verify.title')}>
      <h1>{t('proof.verify.title')}</h1>
      <p class="muted">{t('proof.verify.intro')}</p>
      {outcome.kind === 'found' ? <Found ctx={ctx} cert={outcome.cert} verdict={outcome.verdict} /> : <Problem ctx={ctx} outcome={outcome} />}
      <section aria-labelledby="lookup-h" class="proof-another">
        <h2 id="lookup-h">{outcome.kind === 'form' ? t('proof.verify.lookup') : t('proof.verify.another')}</h2>
        <LookupForm ctx={ctx} value={outcome.kind === 'found' ? undefined : typed} />
        <p class="muted">
          {t('proof.verify.keys')} <a href="/.well-known/bcm-proof-keys.json">/.well-known/bcm-proof-keys.json</a>
        </p>
      </section>
    </Layout>
  );
}

function Problem(props: { ctx: ViewContext; outcome: Exclude<VerifyOutcome, { kind: 'found' }> }) {
  const { t } = props.ctx;
  const o = props.outcome;
  if (o.kind === 'form') return null;
  const text =
    o.kind === 'badFormat'
      ? t('proof.verify.badFormat')
      : o.kind === 'badCheck'
        ? t('proof.verify.badCheck')
        : o.kind === 'notFound'
          ? t('proof.verify.notFound', { serial: o.serial })
          : t('proof.verify.limited', { seconds: o.retryAfterSeconds });
  return (
    <p class="proof-verdict proof-verdict-bad" role="alert" data-testid="verify-verdict" data-result={o.kind}>
      {text}
    </p>
  );
}

function Found(props: { ctx: ViewContext; cert: PublicCertificate; verdict: Verdict }) {
  const { ctx, cert } = props;
  const { t, locale } = ctx;
  const f = cert.facts;
  const pick = (b: { zh: string; en: string }) => (locale === 'en' ? b.en : b.zh);
  const found = props.verdict;
  const good = found === 'valid';
  const exam = examRow(t, f, (p) => ctx.fmt.number(p));
  const verdict =
    found === 'badSignature'
      ? t('proof.verify.signatureBad')
      : found === 'valid'
        ? t('proof.verify.valid')
        : found === 'revoked'
          ? t('proof.verify.revoked', { reason: cert.revokeReason ?? '' })
          : t('proof.verify.superseded');
  return (
    <section aria-labelledby="cert-h">
      <p
        class={`proof-verdict ${good ? 'proof-verdict-ok' : 'proof-verdict-bad'}`}
        role="status"
        data-testid="verify-verdict"
        data-result={good ? 'valid' : cert.status}
      >
        {verdict}
        {cert.status === 'superseded' && cert.supersededBy && (
          <>
            {' '}
            <a href={`/verify/${cert.supersededBy}`} class="mono">
              {cert.supersededBy}
            </a>
          </>
        )}
      </p>
      <h2 id="cert-h" class="mono">
        {cert.serial}
      </h2>
      <dl class="facts">
        <dt>{t('proof.pdf.name')}</dt>
        <dd data-testid="verify-name">{f.trainee.name}</dd>
        <dt>{t('proof.pdf.idNumber')}</dt>
        <dd class="mono">{f.trainee.idNumber ?? t('proof.none')}</dd>
        <dt>{t('proof.pdf.institution')}</dt>
        <dd>
          {f.institution.name} ({f.institution.code})
        </dd>
        <dt>{t('proof.pdf.level')}</dt>
        <dd>{pick(f.level.name)}</dd>
        <dt>{t('proof.pdf.cohort')}</dt>
        <dd>{f.cohort?.name ?? t('proof.none')}</dd>
        <dt>{t('proof.pdf.period')}</dt>
        <dd>
          {ctx.fmt.isoDate(f.period.from)} – {ctx.fmt.isoDate(f.period.to)}
        </dd>
        <dt>{t('proof.pdf.hoursTitle')}</dt>
        <dd>
          <HoursList ctx={ctx} hours={f.hours} />
        </dd>
        <dt>{t('proof.pdf.courses')}</dt>
        <dd>
          <CourseList ctx={ctx} facts={f} />
        </dd>
        <dt>{t('proof.pdf.sessions')}</dt>
        <dd>{t('proof.pdf.sessionsValue', { attended: f.sessions.attended, held: f.sessions.held })}</dd>
        {exam && (
          <>
            <dt>{exam[0]}</dt>
            <dd data-testid="verify-exam">{exam[1]}</dd>
          </>
        )}
        <dt>{t('proof.pdf.issueDate')}</dt>
        <dd>{ctx.fmt.isoDate(f.issueDate)}</dd>
        {f.supersedes && (
          <>
            <dt>{t('proof.pdf.replaces')}</dt>
            <dd class="mono">{f.supersedes}</dd>
          </>
        )}
        {cert.revokedAt && (
          <>
            <dt>{t('proof.verify.revokedAt')}</dt>
            <dd>{ctx.fmt.dateTime(Date.parse(cert.revokedAt))}</dd>
          </>
        )}
        <dt>{t('proof.verify.signature')}</dt>
        <dd data-testid="verify-signature">
          {cert.signature.valid ? t('proof.verify.signatureOk') : t('proof.verify.signatureBad')}{' '}
          <span class="muted mono proof-kid">{t('proof.verify.keyId', { kid: cert.signature.keyId })}</span>
        </dd>
      </dl>
      <p class="muted">{t('proof.verify.maskNote')}</p>
    </section>
  );
}
