import type { ViewContext } from '../../src/http/view-context.js';
import type { MessageKey } from '../../src/i18n/index.js';
import type { LedgerRow } from '../../src/hours/index.js';
import { ScrollTable } from '../scroll-table.js';
import { describeEvidence } from '../../src/hours/index.js';

// The hours ledger of one trainee as a table: shared by the admin's trainee page and the trainee's
// own progress page. Rows come from report-store.ledgerRows (newest first); a correction shows its
// reason and links to the row it corrects (#entry-<id> on the same page).

/**
 * Every row is listed, including those of a class session still running; those (`pending`, decided
 * by hours' ledgerRows) say they count only once the session has ended, as the totals above do.
 */
export function LedgerTable(props: { ctx: ViewContext; rows: LedgerRow[]; courseTitle?: (slug: string) => string }) {
  const { t, fmt } = props.ctx;
  const courseTitle = props.courseTitle ?? ((slug: string) => slug);
  if (props.rows.length === 0) return <p class="muted">{t('dashboards.ledger.empty')}</p>;
  return (
    <ScrollTable label={t('dashboards.ledger.title')}>
      <table class="ledger" data-testid="ledger">
        <thead>
          <tr>
            <th scope="col" class="num">
              {t('dashboards.ledger.id')}
            </th>
            <th scope="col">{t('dashboards.ledger.time')}</th>
            <th scope="col">{t('dashboards.ledger.level')}</th>
            <th scope="col">{t('dashboards.ledger.mode')}</th>
            <th scope="col" class="num">
              {t('dashboards.ledger.minutes')}
            </th>
            <th scope="col">{t('dashboards.ledger.source')}</th>
            <th scope="col">{t('dashboards.ledger.what')}</th>
            <th scope="col">{t('dashboards.ledger.recorder')}</th>
            <th scope="col">{t('dashboards.ledger.note')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map(({ entry: e, recorderName, sessionTitle, pending }) => {
            const what = [e.courseSlug && courseTitle(e.courseSlug), e.lessonSlug, sessionTitle].filter(Boolean).join(' / ');
            return (
              <tr id={`entry-${e.id}`} class={e.source === 'correction' ? 'is-correction' : undefined} data-entry={e.id}>
                <td class="num mono">{e.id}</td>
                <td>{fmt.dateTime(e.recordedAt)}</td>
                <td>{t(`level.${e.level}`)}</td>
                <td>{t(`dashboards.mode.${e.mode}` as MessageKey)}</td>
                <td class={`num ${e.minutes < 0 ? 'negative' : ''}`}>
                  {e.minutes > 0 && e.source === 'correction' ? `+${e.minutes}` : e.minutes}
                  {pending && (
                    <span class="muted" data-testid="ledger-pending">
                      {' '}
                      ({t('dashboards.ledger.pending')})
                    </span>
                  )}
                </td>
                <td>{t(`dashboards.source.${e.source}` as MessageKey)}</td>
                <td>{what}</td>
                <td>{recorderName ?? t('dashboards.ledger.system')}</td>
                <td>
                  {e.source === 'correction' ? (
                    <>
                      {e.correctsId !== null && (
                        <>
                          <a href={`#entry-${e.correctsId}`}>{t('wording.evidence.correctionOf', { id: e.correctsId })}</a>
                          {e.reason && t('wording.comma')}
                        </>
                      )}
                      {e.reason && <span>{t('wording.evidence.reason', { reason: e.reason })}</span>}
                    </>
                  ) : (
                    describeEvidence(t, e)
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollTable>
  );
}
