import type { ViewContext } from '../../src/http/view-context.js';
import type { LevelPosition, LedgerRow } from '../../src/hours/index.js';
import { ReasonList } from './reasons.js';
import { LedgerTable } from './ledger-table.js';
import { Layout } from '../layout.js';
import { ProgressChart } from './progress-chart.js';

const MODES = ['faceToFace', 'remote', 'selfStudy'] as const;

export function ProgressPage(props: {
  ctx: ViewContext;
  positions: LevelPosition[];
  entries: LedgerRow[];
  classHourMinutes: number;
  courseTitle: (slug: string) => string;
}) {
  const { ctx, classHourMinutes } = props;
  const { t, fmt } = ctx;
  const h = (min: number) => fmt.number(Math.round((min / classHourMinutes) * 10) / 10);
  return (
    <Layout ctx={ctx} title={t('study.progress.title')}>
      <h1>{t('study.progress.title')}</h1>
      {props.positions.length === 0 && <p class="muted">{t('study.progress.none')}</p>}
      {props.positions.map((p) => {
        const levelName = ctx.locale === 'en' ? p.level.name.en : p.level.name.zh;
        return (
          <section class="card progress" aria-labelledby={`lv-${p.level.id}`} data-testid={`progress-${p.level.id}`}>
            <h2 id={`lv-${p.level.id}`}>{levelName}</h2>
            <div class="progress-grid">
              <ProgressChart ctx={ctx} position={p} levelName={levelName} classHourMinutes={classHourMinutes} />
              <table class="progress-table">
                <thead>
                  <tr>
                    <th scope="col"></th>
                    <th scope="col" class="num">
                      {t('study.progress.earned')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {MODES.map((m) => (
                    <tr>
                      <th scope="row">{t(`study.mode.${m}`)}</th>
                      <td class="num" data-testid={`hours-${m}`}>
                        {t('study.progress.hoursUnit', { hours: h(p.minutes[m]) })}
                      </td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">{t('study.progress.total')}</th>
                    <td class="num" data-testid="hours-total">
                      {t('study.progress.hoursUnit', { hours: h(p.hours.earnedMinutes) })} /{' '}
                      {t('study.progress.hoursUnit', { hours: h(p.hours.requiredMinutes) })}
                    </td>
                  </tr>
                </tbody>
              </table>
            </div>
            {p.hours.creditedMinutes > 0 && <p class="muted">{t('study.progress.credited', { hours: h(p.hours.creditedMinutes) })}</p>}
            <p>
              <strong>
                {p.hours.remainingMinutes > 0 ? t('study.progress.remaining', { hours: h(p.hours.remainingMinutes) }) : t('study.progress.complete')}
              </strong>
            </p>
            {p.mayApply ? (
              <p class="flash flash-ok">{t('study.progress.mayApply')}</p>
            ) : (
              <div class="note">
                <p>{t('study.progress.mayNotApply')}</p>
                <ReasonList t={t} fmt={fmt} classHourMinutes={classHourMinutes} reasons={p.blockers} />
              </div>
            )}
          </section>
        );
      })}
      {props.entries.length > 0 && (
        <section aria-labelledby="entries-h">
          <h2 id="entries-h">{t('study.progress.entries')}</h2>
          <LedgerTable ctx={ctx} rows={props.entries} courseTitle={props.courseTitle} />
        </section>
      )}
    </Layout>
  );
}
