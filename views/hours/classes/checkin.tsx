import type { ViewContext } from '../../../src/http/view-context.js';
import type { ClassItem } from '../../../src/hours/index.js';
import { Layout } from '../../layout.js';
import { ClassFacts } from './common.js';

// The trainee's check-in: type the code from the classroom screen, or confirm the one the QR
// code carried. Scanning only opens this page; the POST of the button is what records anything.

export type CheckInMessage = { kind: 'ok' | 'error' | 'info'; text: string };

export function CheckInPage(props: { ctx: ViewContext; message?: CheckInMessage; confirm?: { item: ClassItem; code: string } }) {
  const { ctx, message, confirm } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('sessions.checkIn')}>
      <div class="card narrow checkin">
        <h1>{t('sessions.checkIn')}</h1>
        {message && (
          <p
            class={`flash flash-${message.kind === 'error' ? 'error' : 'ok'}`}
            role={message.kind === 'error' ? 'alert' : 'status'}
            data-testid="checkin-message"
          >
            {message.text}
          </p>
        )}
        {confirm ? (
          <form method="post" action="/checkin" class="stack">
            <h2>{confirm.item.session.title}</h2>
            <ClassFacts ctx={ctx} item={confirm.item} />
            <input type="hidden" name="session" value={String(confirm.item.session.id)} />
            <input type="hidden" name="code" value={confirm.code} />
            <button type="submit">{t('sessions.confirmCheckIn')}</button>
          </form>
        ) : (
          <form method="post" action="/checkin" class="stack">
            <label>
              {t('sessions.field.code')}
              <input name="code" class="code-input mono" inputmode="numeric" pattern="[0-9]{6}" maxlength={6} autocomplete="one-time-code" required autofocus />
            </label>
            <p class="muted">{t('sessions.checkInHelp')}</p>
            <button type="submit">{t('sessions.checkInButton')}</button>
          </form>
        )}
        <p>
          <a href="/sessions">{t('sessions.mineTitle')}</a>
        </p>
      </div>
    </Layout>
  );
}
