import type { ViewContext } from '../../src/http/view-context.js';
import type { Cohort } from '../../src/institutions/index.js';
import { Layout } from '../layout.js';
import { CopyButton, CopyScript } from './copy.js';

export type SheetLink = { name: string; email: string; url: string; qrSvg: string };

/**
 * Activation links of a cohort's trainees who have not activated yet, one card each with a QR code
 * to scan in class; printable (the site's header and buttons are left off the paper).
 */
export function InviteSheetPage(props: { ctx: ViewContext; cohort: Cohort; links: SheetLink[]; expiresAt: number; csvHref: string }) {
  const { ctx, cohort } = props;
  const { t, fmt } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.sheet.title', { cohort: cohort.name })} wide>
      <p class="no-print">
        <a href={`/admin/cohorts/${cohort.id}`}>← {t('admin.person.back')}</a>
      </p>
      <h1>{t('admin.sheet.title', { cohort: cohort.name })}</h1>
      <p>{t('admin.sheet.intro', { count: props.links.length, expires: fmt.dateTime(props.expiresAt) })}</p>
      <p class="no-print sheet-actions">
        <a class="button secondary" href={props.csvHref} download={`activation-links-${cohort.id}.csv`} data-testid="sheet-csv">
          {t('admin.sheet.csv')}
        </a>
      </p>
      <p class="muted no-print">{t('admin.sheet.print')}</p>
      <ul class="invite-sheet" data-testid="invite-sheet">
        {props.links.map((l, i) => (
          <li class="invite-card">
            {/* The SVG comes from the qrcode library (path data only, no text or script). */}
            <div class="invite-qr" role="img" aria-label={t('admin.sheet.qr', { name: l.name })} dangerouslySetInnerHTML={{ __html: l.qrSvg }} />
            <div class="invite-text">
              <p class="invite-name">{l.name}</p>
              <p class="muted">{l.email}</p>
              <p>
                <code class="copy" id={`link-${i}`}>
                  {l.url}
                </code>{' '}
                <CopyButton ctx={ctx} targetId={`link-${i}`} />
              </p>
            </div>
          </li>
        ))}
      </ul>
      <CopyScript />
    </Layout>
  );
}
