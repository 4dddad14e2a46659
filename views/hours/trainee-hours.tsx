import type { ViewContext } from '../../src/http/view-context.js';
import type { MessageKey } from '../../src/i18n/index.js';
import type { Cohort } from '../../src/institutions/index.js';
import { STUDY_MODES, type LevelPosition, type LedgerRow } from '../../src/hours/index.js';
import { FormErrors, Layout } from '../layout.js';
import { CohortHeader } from '../admin/cohort.js';
import { LedgerTable } from './ledger-table.js';
import { classHours, ReasonList } from './reasons.js';

export type CorrectionValues = { mode: string; minutes: string; reason: string; correctsId: string };

export type TraineeHoursProps = {
  ctx: ViewContext;
  cohort: Cohort;
  trainee: { id: number; name: string };
  position: LevelPosition;
  rows: LedgerRow[];
  courseTitle: (slug: string) => string;
  classHourMinutes: number;
  flags: { assistantCertificate: boolean; majorViolation: boolean };
  correction?: { values: CorrectionValues; errors: string[] };
};

export function TraineeHoursPage(props: TraineeHoursProps) {
  const { ctx, cohort, trainee } = props;
  const { t } = ctx;
  const base = `/admin/cohorts/${cohort.id}/trainees/${trainee.id}`;
  const title = t('dashboards.trainee.title', { name: trainee.name });
  return (
    <Layout ctx={ctx} title={title} wide>
      <p>
        <a href={`/admin/cohorts/${cohort.id}/hours`}>← {t('dashboards.hours.pageTitle', { cohort: cohort.name })}</a>
      </p>
      <CohortHeader ctx={ctx} cohort={cohort} />
      <h2>{title}</h2>
      <Position {...props} />
      <CorrectionForm ctx={ctx} action={`${base}/corrections`} correction={props.correction} />
      <section aria-labelledby="flags-h">
        <h2 id="flags-h">{t('dashboards.flags.title')}</h2>
        <p class="muted">{t('dashboards.flags.help')}</p>
        <form method="post" action={`${base}/flags`} class="grid-form">
          <label class="check">
            <input type="checkbox" name="assistantCertificate" value="1" checked={props.flags.assistantCertificate} />
            {t('dashboards.flags.assistantCertificate')}
          </label>
          <label class="check">
            <input type="checkbox" name="majorViolation" value="1" checked={props.flags.majorViolation} />
            {t('dashboards.flags.majorViolation')}
          </label>
          <button type="submit">{t('dashboards.flags.submit')}</button>
        </form>
      </section>
      <section aria-labelledby="ledger-h">
        <h2 id="ledger-h">{t('dashboards.ledger.title')}</h2>
        <LedgerTable ctx={ctx} rows={props.rows} courseTitle={props.courseTitle} />
      </section>
    </Layout>
  );
}

function Position(props: TraineeHoursProps) {
  const { ctx, position: p, classHourMinutes: chm } = props;
  const { t, fmt } = ctx;
  const h = (minutes: number) => t('dashboards.hoursUnit', { hours: classHours(fmt, minutes, chm) });
  return (
    <section aria-labelledby="position-h" class="card">
      <h2 id="position-h">{t('dashboards.trainee.position')}</h2>
      <dl class="facts" data-testid="position">
        {STUDY_MODES.map((m) => (
          <>
            <dt>{t(`dashboards.mode.${m}` as MessageKey)}</dt>
            <dd data-col={m}>{h(p.minutes[m])}</dd>
          </>
        ))}
        <dt>{t('dashboards.col.credited')}</dt>
        <dd data-col="credited">{h(p.hours.creditedMinutes)}</dd>
        <dt>{t('dashboards.col.total')}</dt>
        <dd data-col="total">
          {h(p.hours.earnedMinutes)} / {h(p.hours.requiredMinutes)}
        </dd>
        <dt>{t('dashboards.col.mayApply')}</dt>
        <dd data-col="mayApply">{p.mayApply ? t('dashboards.mayApply') : t('dashboards.mayNotApply')}</dd>
      </dl>
      <ReasonList t={t} fmt={fmt} reasons={p.blockers} classHourMinutes={chm} />
    </section>
  );
}

function CorrectionForm(props: { ctx: ViewContext; action: string; correction?: { values: CorrectionValues; errors: string[] } }) {
  const { ctx } = props;
  const { t } = ctx;
  const v = props.correction?.values ?? { mode: 'faceToFace', minutes: '', reason: '', correctsId: '' };
  return (
    <section aria-labelledby="correction-h">
      <h2 id="correction-h">{t('dashboards.correction.title')}</h2>
      <p class="muted">{t('dashboards.correction.help')}</p>
      <FormErrors ctx={ctx} errors={props.correction?.errors ?? []} />
      <form method="post" action={props.action} class="grid-form" data-testid="correction-form">
        <label>
          {t('dashboards.correction.mode')}
          <select name="mode" required>
            {STUDY_MODES.map((m) => (
              <option value={m} selected={v.mode === m}>
                {t(`dashboards.mode.${m}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dashboards.correction.minutes')}
          <input type="number" name="minutes" step={1} value={v.minutes} required />
        </label>
        <label class="wide">
          {t('dashboards.correction.reason')}
          <input name="reason" value={v.reason} required maxlength={500} />
        </label>
        <label>
          {t('dashboards.correction.correctsId')}
          <input type="number" name="correctsId" min={1} step={1} value={v.correctsId} />
        </label>
        <button type="submit">{t('dashboards.correction.submit')}</button>
      </form>
    </section>
  );
}
