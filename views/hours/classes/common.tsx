import type { ViewContext } from '../../../src/http/view-context.js';
import type { ClassSession, ClassItem } from '../../../src/hours/index.js';

// Pieces every session page shows the same way.

export function modeLabel(ctx: ViewContext, mode: ClassSession['mode']): string {
  return ctx.t(mode === 'faceToFace' ? 'mode.face-to-face' : 'mode.remote');
}

export function timeRange(ctx: ViewContext, s: Pick<ClassSession, 'startsAt' | 'endsAt'>): string {
  return ctx.fmt.dateTimeRange(s.startsAt, s.endsAt);
}

/** Course, time, mode and place of one session, as a definition list. */
export function ClassFacts(props: { ctx: ViewContext; item: ClassItem; links?: boolean }) {
  const { ctx, item } = props;
  const { t } = ctx;
  const s = item.session;
  return (
    <dl class="facts">
      <dt>{t('sessions.field.course')}</dt>
      <dd>{item.courseTitle}</dd>
      <dt>{t('sessions.field.time')}</dt>
      <dd>{timeRange(ctx, s)}</dd>
      <dt>{t('sessions.field.mode')}</dt>
      <dd>
        <span class={`mode mode-${s.mode}`}>{modeLabel(ctx, s.mode)}</span>
      </dd>
      {s.room && (
        <>
          <dt>{t('sessions.field.room')}</dt>
          <dd>{s.room}</dd>
        </>
      )}
      {props.links && s.meetingUrl && (
        <>
          <dt>{t('sessions.field.meetingUrl')}</dt>
          <dd class="break">
            <a href={s.meetingUrl} rel="noopener noreferrer" target="_blank">
              {s.meetingUrl}
            </a>
          </dd>
        </>
      )}
      {props.links && s.recordingUrl && (
        <>
          <dt>{t('sessions.field.recordingUrl')}</dt>
          <dd class="break">
            <a href={s.recordingUrl} rel="noopener noreferrer" target="_blank">
              {s.recordingUrl}
            </a>
          </dd>
        </>
      )}
    </dl>
  );
}
