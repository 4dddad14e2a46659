import type { ViewContext } from '../../../src/http/view-context.js';
import type { ClassItem } from '../../../src/hours/index.js';
import { Layout } from '../../layout.js';
import { timeRange } from './common.js';

// The classroom screen (projector or the instructor's phone): the rotating code, its QR code and
// how long it stays. Only the panel is refreshed, by htmx polling its fragment route.

export type CodePanelState = { state: 'open'; code: string; qrSvg: string; seconds: number } | { state: 'notYet'; opensAt: number } | { state: 'ended' };

export function CodePanel(props: { ctx: ViewContext; panel: CodePanelState }) {
  const { ctx, panel } = props;
  const { t } = ctx;
  if (panel.state === 'notYet') return <p class="screen-note">{t('sessions.screenNotYet', { time: ctx.fmt.dateTime(panel.opensAt) })}</p>;
  if (panel.state === 'ended') return <p class="screen-note">{t('sessions.screenEnded')}</p>;
  return (
    <>
      <p class="screen-code mono" aria-label={t('sessions.codeLabel')} data-testid="checkin-code">
        {panel.code}
      </p>
      {/* The SVG comes from the qrcode library (path data only, no text or script). */}
      <div class="screen-qr" role="img" aria-label={t('sessions.qrLabel')} dangerouslySetInnerHTML={{ __html: panel.qrSvg }} />
      <p class="screen-note">{t('sessions.rotatesIn', { seconds: panel.seconds })}</p>
    </>
  );
}

export function ScreenPage(props: { ctx: ViewContext; item: ClassItem; panel: CodePanelState }) {
  const { ctx, item } = props;
  const { t } = ctx;
  const s = item.session;
  return (
    <Layout ctx={ctx} title={t('sessions.screen')}>
      <p class="no-print">
        <a href={`/sessions/${s.id}/attendance`}>← {s.title}</a>
      </p>
      <div class="screen">
        <h1>{s.title}</h1>
        <p class="muted">
          {item.courseTitle} · {timeRange(ctx, s)}
          {s.room && ` · ${s.room}`}
        </p>
        <p class="screen-howto">{t('sessions.screenHowTo')}</p>
        <div class="screen-panel" hx-get={`/sessions/${s.id}/screen/code`} hx-trigger="every 5s">
          <CodePanel ctx={ctx} panel={props.panel} />
        </div>
      </div>
    </Layout>
  );
}
