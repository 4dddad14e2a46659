import type { ViewContext } from '../../src/http/view-context.js';
import type { MessageKey } from '../../src/i18n/index.js';
import type { Cohort } from '../../src/institutions/index.js';
import { STUDY_MODES, type ClassSession, type AttendanceStatus, type Behind, type TraineePosition } from '../../src/hours/index.js';
import { Layout } from '../layout.js';
import { CohortHeader } from '../admin/cohort.js';
import { CohortTabs } from '../admin/cohort-tabs.js';
import { classHours, ReasonList } from './reasons.js';
import { FeedSection, type FeedUrls } from './calendar.js';
import { ScrollTable } from '../scroll-table.js';
import { TableHead } from '../table-head.js';

export type CohortHoursProps = {
  ctx: ViewContext;
  cohort: Cohort;
  rows: TraineePosition[];
  /** How many of the rows may apply for the assessment. */
  mayApply: number;
  behind: Behind[];
  /** Share of the cohort's period already over (0–1). */
  share: number;
  /** expectedMinutes: the share of requiredMinutes a trainee should have by now (hours' expectedMinutesBy). */
  requirement: { studyHours: number; minimumHours: number; requiredMinutes: number; expectedMinutes: number };
  sessions: ClassSession[];
  status: (sessionId: number, traineeId: number) => AttendanceStatus | null;
  classHourMinutes: number;
  feed?: FeedUrls;
};

export function CohortHoursPage(props: CohortHoursProps) {
  const { ctx, cohort } = props;
  const { t } = ctx;
  const base = `/admin/cohorts/${cohort.id}`;
  return (
    <Layout ctx={ctx} title={t('dashboards.hours.pageTitle', { cohort: cohort.name })} wide>
      <p>
        <a href={base}>← {t('dashboards.hours.back')}</a> · <a href={`/api/v1/cohorts/${cohort.id}/hours`}>{t('dashboards.hours.json')}</a> ·{' '}
        <a href="/admin/audit">{t('dashboards.hours.audit')}</a>
      </p>
      <CohortHeader ctx={ctx} cohort={cohort} />
      <CohortTabs ctx={ctx} cohortId={cohort.id} current="hours" />
      <HoursTable {...props} />
      <BehindSection {...props} />
      <AttendanceMatrix {...props} />
      <FeedSection ctx={ctx} action={`${base}/calendar-feed`} intro={t('dashboards.feed.cohortIntro')} created={props.feed} />
    </Layout>
  );
}

function HoursTable(props: CohortHoursProps) {
  const { ctx, cohort, classHourMinutes: chm } = props;
  const { t, fmt } = ctx;
  const h = (minutes: number) => classHours(fmt, minutes, chm);
  const ready = props.mayApply;
  return (
    <section aria-labelledby="hours-h">
      <h2 id="hours-h">{t('dashboards.hours.summary')}</h2>
      <p class="muted">
        {t('dashboards.hours.requirement', {
          hours: fmt.number(props.requirement.studyHours),
          minimum: fmt.number(props.requirement.minimumHours),
          minutes: chm,
        })}
      </p>
      {props.rows.length === 0 ? (
        <p class="muted">{t('dashboards.hours.none')}</p>
      ) : (
        <>
          <p data-testid="hours-count">{t('dashboards.hours.count', { count: fmt.number(props.rows.length), ready: fmt.number(ready) })}</p>
          <ScrollTable label={t('dashboards.hours.title')}>
            <table class="hours-table" data-testid="hours-table">
              <TableHead
                columns={[
                  { label: t('field.name') },
                  { label: t('field.employeeNo') },
                  ...STUDY_MODES.map((m) => ({ label: t(`dashboards.mode.${m}` as MessageKey), num: true })),
                  { label: t('dashboards.col.credited'), num: true },
                  { label: t('dashboards.col.total'), num: true },
                  { label: t('dashboards.col.required'), num: true },
                  { label: t('dashboards.col.progress') },
                  { label: t('dashboards.col.mayApply') },
                  { label: t('dashboards.col.reasons') },
                ]}
              />
              <tbody>
                {props.rows.map(({ trainee, position: p }) => (
                  <tr data-trainee={trainee.id}>
                    <th scope="row">
                      <a href={`/admin/cohorts/${cohort.id}/trainees/${trainee.id}/hours`}>{trainee.name}</a>
                    </th>
                    <td class="mono">{trainee.employeeNo ?? ''}</td>
                    {STUDY_MODES.map((m) => (
                      <td class="num" data-col={m}>
                        {h(p.minutes[m])}
                      </td>
                    ))}
                    <td class="num" data-col="credited">
                      {h(p.hours.creditedMinutes)}
                    </td>
                    <td class="num" data-col="total">
                      {h(p.hours.earnedMinutes)}
                    </td>
                    <td class="num">{h(p.hours.requiredMinutes)}</td>
                    <td>
                      <meter min={0} max={p.hours.requiredMinutes} value={Math.min(p.hours.earnedMinutes, p.hours.requiredMinutes)}>
                        {h(p.hours.earnedMinutes)}
                      </meter>
                    </td>
                    <td data-col="mayApply" class={p.mayApply ? 'ok' : 'not-yet'}>
                      {p.mayApply ? t('dashboards.mayApply') : t('dashboards.mayNotApply')}
                    </td>
                    <td>
                      <ReasonList t={t} fmt={fmt} reasons={p.blockers} classHourMinutes={chm} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </>
      )}
    </section>
  );
}

function BehindSection(props: CohortHoursProps) {
  const { ctx, cohort, classHourMinutes: chm } = props;
  const { t, fmt } = ctx;
  const h = (minutes: number) => classHours(fmt, minutes, chm);
  return (
    <section aria-labelledby="behind-h">
      <h2 id="behind-h">{t('dashboards.behind.title')}</h2>
      {props.share === 0 ? (
        <p class="muted">{t('dashboards.behind.notStarted')}</p>
      ) : (
        <>
          <p class="muted">
            {t('dashboards.behind.intro', {
              percent: fmt.number(Math.round(props.share * 100)),
              hours: h(props.requirement.expectedMinutes),
            })}
          </p>
          {props.behind.length === 0 ? (
            <p>{t('dashboards.behind.none')}</p>
          ) : (
            <ScrollTable label={t('dashboards.behind.title')}>
              <table data-testid="behind-table">
                <TableHead
                  columns={[
                    { label: t('field.name') },
                    { label: t('dashboards.col.earned'), num: true },
                    { label: t('dashboards.col.expected'), num: true },
                    { label: t('dashboards.col.gap'), num: true },
                  ]}
                />
                <tbody>
                  {props.behind.map((b) => (
                    <tr data-trainee={b.trainee.id}>
                      <th scope="row">
                        <a href={`/admin/cohorts/${cohort.id}/trainees/${b.trainee.id}/hours`}>{b.trainee.name}</a>
                      </th>
                      <td class="num">{h(b.earnedMinutes)}</td>
                      <td class="num">{h(b.expectedMinutes)}</td>
                      <td class="num gap">{h(b.gapMinutes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          )}
        </>
      )}
    </section>
  );
}

function AttendanceMatrix(props: CohortHoursProps) {
  const { ctx } = props;
  const { t, fmt } = ctx;
  return (
    <section aria-labelledby="attendance-h">
      <h2 id="attendance-h">{t('dashboards.attendance.title')}</h2>
      {props.sessions.length === 0 ? (
        <p class="muted">{t('dashboards.attendance.none')}</p>
      ) : (
        <ScrollTable label={t('dashboards.attendance.title')}>
          <table class="attendance-matrix" data-testid="attendance-matrix">
            <thead>
              <tr>
                <th scope="col">{t('field.name')}</th>
                {props.sessions.map((s) => (
                  <th scope="col" data-session={s.id}>
                    <span class="session-title">{s.title}</span>
                    <br />
                    <span class="muted">
                      {fmt.dateTime(s.startsAt)} · {t(`dashboards.mode.${s.mode}` as MessageKey)}
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.rows.map(({ trainee }) => (
                <tr data-trainee={trainee.id}>
                  <th scope="row">{trainee.name}</th>
                  {props.sessions.map((s) => {
                    const status = props.status(s.id, trainee.id);
                    return (
                      <td class={status ? `att att-${status}` : 'att att-none'} data-session={s.id}>
                        {status ? t(`dashboards.attendance.${status}` as MessageKey) : '—'}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </section>
  );
}
