import type { ViewContext } from '../../src/http/view-context.js';
import type { Cohort } from '../../src/institutions/index.js';
import type { LevelPosition } from '../../src/hours/index.js';
import type { CertificateStanding } from '../../src/proof/index.js';
import { Layout } from '../layout.js';
import { DownloadLinks, StatusBadge, hours } from './parts.js';

// A trainee's own proof: each enrolment's certificate (download, verify) or, until it is issued,
// the interim statement that says plainly it is not one.

/** current and past: proof's certificateStanding of the trainee's certificates of the cohort's level. */
export type MyProofRow = CertificateStanding & { cohort: Cohort; institutionName: string; position: LevelPosition | null };

export function MyProofPage(props: { ctx: ViewContext; rows: MyProofRow[]; classHourMinutes: number }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('proof.me.title')}>
      <p>
        <a href="/me">← {t('proof.me.back')}</a>
      </p>
      <h1>{t('proof.me.title')}</h1>
      <p class="muted">{t('proof.me.intro')}</p>
      {props.rows.length === 0 && <p class="muted">{t('proof.me.none')}</p>}
      {props.rows.map(({ cohort, institutionName, position, current: valid, past: others }) => {
        const hp = position?.hours;
        return (
          <section class="card proof-card" aria-labelledby={`level-${cohort.id}`}>
            <h2 id={`level-${cohort.id}`}>{t(`level.${cohort.level}`)}</h2>
            <p class="muted">
              {cohort.name} · {institutionName}
            </p>
            {hp && (
              <p>
                {t('proof.me.hours', {
                  earned: hours(ctx, hp.earnedMinutes, props.classHourMinutes),
                  required: hours(ctx, hp.requiredMinutes, props.classHourMinutes),
                })}
              </p>
            )}
            {valid ? (
              <p data-testid="my-certificate">
                <span class="mono">{valid.serial}</span> <StatusBadge ctx={ctx} cert={valid} />
                <br />
                <DownloadLinks ctx={ctx} serial={valid.serial} />
              </p>
            ) : (
              <p class="muted">{hp?.complete ? t('proof.me.askInstitution') : t('proof.me.notYet')}</p>
            )}
            <p class="proof-interim">
              {t('proof.admin.interim')}
              {t('label.colon')}
              <a href={`/me/certificates/interim/${cohort.id}`} lang="zh-CN">
                {t('proof.lang.zh')}
              </a>{' '}
              ·{' '}
              <a href={`/me/certificates/interim/${cohort.id}?lang=en`} lang="en">
                {t('proof.lang.en')}
              </a>
            </p>
            {others.length > 0 && (
              <ul class="proof-past">
                {others.map((c) => (
                  <li>
                    <a href={`/verify/${c.serial}`} class="mono">
                      {c.serial}
                    </a>{' '}
                    <StatusBadge ctx={ctx} cert={c} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </Layout>
  );
}
