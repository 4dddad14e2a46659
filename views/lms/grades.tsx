import type { ViewContext } from '../../src/http/view-context.js';
import type { GradeListRow } from '../../src/lms/index.js';
import { Layout } from '../layout.js';
import { ScrollTable } from '../scroll-table.js';

const STATUS_KEY = { pending: 'lti.grades.pending', sent: 'lti.grades.sent', failed: 'lti.grades.failed' } as const;

/** Every score on its way to (or refused by) an LMS gradebook, with the last error in full. */
export function GradesPage(props: { ctx: ViewContext; rows: GradeListRow[]; examTitle: (examKey: string) => string }) {
  const { ctx } = props;
  const { t, fmt } = ctx;
  return (
    <Layout ctx={ctx} title={t('lti.grades.title')} wide>
      <h1>{t('lti.grades.title')}</h1>
      <p class="muted">{t('lti.grades.intro')}</p>
      {props.rows.length === 0 ? (
        <p class="muted">{t('lti.grades.none')}</p>
      ) : (
        <ScrollTable label={t('lti.grades.title')}>
          <table class="lti-grades">
            <thead>
              <tr>
                <th scope="col">{t('lti.grades.trainee')}</th>
                <th scope="col">{t('lti.grades.exam')}</th>
                <th scope="col" class="num">
                  {t('lti.grades.score')}
                </th>
                <th scope="col">{t('lti.admin.platform')}</th>
                <th scope="col">{t('lti.grades.status')}</th>
                <th scope="col" class="num">
                  {t('lti.grades.tries')}
                </th>
                <th scope="col">{t('lti.grades.when')}</th>
                <th scope="col">{t('lti.grades.lastError')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr data-testid={`grade-${r.id}`} data-status={r.status}>
                  <th scope="row">{r.traineeName}</th>
                  <td>{props.examTitle(r.examKey)}</td>
                  <td class="num">
                    {fmt.number(r.scoreGiven)} / {fmt.number(r.scoreMaximum)}
                  </td>
                  <td>{r.platformName}</td>
                  <td>
                    <span class={`lti-status lti-status-${r.status}`}>{t(STATUS_KEY[r.status])}</span>
                  </td>
                  <td class="num">{fmt.number(r.tries)}</td>
                  <td>{fmt.dateTime(r.sentAt ?? r.nextTryAt)}</td>
                  <td>
                    {r.lastError && <span class="lti-error-text">{r.lastError}</span>}
                    {r.status === 'failed' && (
                      <form method="post" action={`/lms/grades/${r.id}/retry`} class="inline">
                        <button type="submit" class="small">
                          {t('lti.grades.retry')}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </Layout>
  );
}
