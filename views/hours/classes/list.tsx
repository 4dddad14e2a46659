import type { ViewContext } from '../../../src/http/view-context.js';
import type { Cohort } from '../../../src/institutions/index.js';
import { attendanceHref, type ClassItem } from '../../../src/hours/index.js';
import { Layout } from '../../layout.js';
import { CohortTabs } from '../../admin/cohort-tabs.js';
import { modeLabel, timeRange } from './common.js';

/** A cohort's class sessions for its instructors and admin: one card per session (phone first). */
export function ClassListPage(props: { ctx: ViewContext; cohort: Cohort; items: ClassItem[]; backHref: string }) {
  const { ctx, cohort } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('sessions.listTitle', { cohort: cohort.name })}>
      <p>
        <a href={props.backHref}>← {cohort.name}</a>
      </p>
      <h1>{t('sessions.listTitle', { cohort: cohort.name })}</h1>
      <CohortTabs ctx={ctx} cohortId={cohort.id} current="attendance" />
      <p>
        <a class="button" href={`/cohorts/${cohort.id}/sessions/new`}>
          {t('sessions.schedule')}
        </a>
      </p>
      {props.items.length === 0 ? (
        <p class="muted">{t('sessions.none')}</p>
      ) : (
        <ul class="session-list">
          {props.items.map(({ session: s, courseTitle }) => (
            <li class="card session-card" data-session-id={String(s.id)}>
              <h2>
                <a href={attendanceHref(s.id)}>{s.title}</a>
              </h2>
              <p class="muted">
                <span class={`mode mode-${s.mode}`}>{modeLabel(ctx, s.mode)}</span> {courseTitle}
              </p>
              <p>
                {timeRange(ctx, s)}
                {s.room && ` · ${s.room}`}
              </p>
              <p class="session-actions">
                <a href={attendanceHref(s.id)}>{t('sessions.attendance')}</a>
                {s.mode === 'faceToFace' && <a href={`/sessions/${s.id}/screen`}>{t('sessions.screen')}</a>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** The trainee's own sessions, upcoming first, then past ones. */
export function TraineeClassesPage(props: { ctx: ViewContext; upcoming: ClassItem[]; past: ClassItem[] }) {
  const { ctx } = props;
  const { t } = ctx;
  const list = (items: ClassItem[]) => (
    <ul class="session-list">
      {items.map(({ session: s, courseTitle }) => (
        <li class="card session-card">
          <h3>
            <a href={`/sessions/${s.id}`}>{s.title}</a>
          </h3>
          <p class="muted">
            <span class={`mode mode-${s.mode}`}>{modeLabel(ctx, s.mode)}</span> {courseTitle}
          </p>
          <p>{timeRange(ctx, s)}</p>
        </li>
      ))}
    </ul>
  );
  return (
    <Layout ctx={ctx} title={t('sessions.mineTitle')}>
      <h1>{t('sessions.mineTitle')}</h1>
      <p>
        <a class="button" href="/checkin">
          {t('sessions.checkIn')}
        </a>
      </p>
      <h2>{t('sessions.upcoming')}</h2>
      {props.upcoming.length ? list(props.upcoming) : <p class="muted">{t('sessions.none')}</p>}
      {props.past.length > 0 && (
        <>
          <h2>{t('sessions.past')}</h2>
          {list(props.past)}
        </>
      )}
    </Layout>
  );
}
