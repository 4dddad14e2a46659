import type { ViewContext } from '../../../src/http/view-context.js';
import type { AttendanceMark, ClassItem } from '../../../src/hours/index.js';
import { Layout } from '../../layout.js';
import { ClassFacts } from './common.js';
import { markSummary } from './attendance.js';

// A trainee's page for one session. For a remote session it is also the attendance evidence:
// while it is open, static/js/app.js fires `bcm:beat` and the presence element posts it.

export type ClassPhase = 'before' | 'running' | 'ended';

export function PresenceStatus(props: { ctx: ViewContext; attendedMinutes: number; credited: number; phase: ClassPhase }) {
  const { t } = props.ctx;
  if (props.phase === 'ended') return <>{t('sessions.presenceEnded', { attended: props.attendedMinutes, credited: props.credited })}</>;
  if (props.phase === 'before') return <>{t('sessions.presenceBefore')}</>;
  return <>{t('sessions.presenceRunning', { attended: props.attendedMinutes, credited: props.credited })}</>;
}

export function TraineeClassPage(props: {
  ctx: ViewContext;
  item: ClassItem;
  phase: ClassPhase;
  credited: number;
  mark?: AttendanceMark;
  attendedMinutes: number;
  checkInOpen: boolean;
}) {
  const { ctx, item, phase } = props;
  const { t } = ctx;
  const s = item.session;
  return (
    <Layout ctx={ctx} title={s.title}>
      <p>
        <a href="/sessions">← {t('sessions.mineTitle')}</a>
      </p>
      <h1>{s.title}</h1>
      <ClassFacts ctx={ctx} item={item} />
      {s.mode === 'remote' ? (
        <section class="card remote-actions">
          {s.meetingUrl && phase !== 'ended' && (
            // A form, not a link: pressing it records the start of presence, then opens the meeting
            // in a new tab so this page stays open and keeps the attendance going.
            <form method="post" action={`/sessions/${s.id}/join`} target="_blank">
              <button type="submit" class="join">
                {t('sessions.join')}
              </button>
            </form>
          )}
          {s.recordingUrl && (
            <p>
              <a class="button secondary" href={s.recordingUrl} rel="noopener noreferrer" target="_blank">
                {t('sessions.recording')}
              </a>
            </p>
          )}
          {phase === 'ended' ? (
            <p class="presence">
              <PresenceStatus ctx={ctx} attendedMinutes={props.attendedMinutes} credited={props.credited} phase={phase} />
            </p>
          ) : (
            <p class="presence" role="status" hx-post={`/sessions/${s.id}/presence`} hx-trigger="bcm:beat from:body" data-beat-passive="">
              <PresenceStatus ctx={ctx} attendedMinutes={props.attendedMinutes} credited={props.credited} phase={phase} />
            </p>
          )}
          <p class="muted">{t('sessions.presenceHelp')}</p>
        </section>
      ) : (
        <section class="card">
          <p data-testid="my-status">
            {markSummary(ctx, props.mark)} · {t(phase === 'ended' ? 'sessions.creditedMinutes' : 'sessions.pendingMinutes', { minutes: props.credited })}
          </p>
          {props.checkInOpen && !props.mark && (
            <p>
              <a class="button" href="/checkin">
                {t('sessions.checkIn')}
              </a>
            </p>
          )}
        </section>
      )}
    </Layout>
  );
}

/** Shown in the new tab after "join": the Refresh header opens the meeting; the link is the fallback. */
export function JoinPage(props: { ctx: ViewContext; title: string; meetingUrl: string }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <div class="card narrow">
        <h1>{t('sessions.joining')}</h1>
        <p>
          <a class="button" href={props.meetingUrl} rel="noopener noreferrer">
            {t('sessions.openMeeting')}
          </a>
        </p>
      </div>
    </Layout>
  );
}
