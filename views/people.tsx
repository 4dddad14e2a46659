import type { ViewContext } from '../src/http/view-context.js';
import type { RosterRow } from '../src/institutions/index.js';
import { ScrollTable } from './scroll-table.js';

/** A roster table. Its rows come masked for this viewer already (institutions' rosterRows, PIPL). */
export function RosterTable(props: { ctx: ViewContext; roster: RosterRow[]; inviteAction?: (id: number) => string; personHref?: (id: number) => string }) {
  const { t } = props.ctx;
  if (props.roster.length === 0) return <p class="muted">{t('admin.noTrainees')}</p>;
  return (
    <ScrollTable label={t('admin.roster')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('field.name')}</th>
            <th scope="col">{t('field.idNumber')}</th>
            <th scope="col">{t('field.email')}</th>
            <th scope="col">{t('field.phone')}</th>
            <th scope="col">{t('field.education')}</th>
            <th scope="col">{t('field.yearsInFinance')}</th>
            <th scope="col">{t('field.status')}</th>
            {props.inviteAction && <th scope="col">{t('common.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {props.roster.map((p) => (
            <tr>
              <th scope="row">{props.personHref ? <a href={props.personHref(p.id)}>{p.name}</a> : p.name}</th>
              <td class="mono">{p.idNumber}</td>
              <td>{p.email}</td>
              <td class="mono">{p.phone}</td>
              <td>{p.education ? t(`education.${p.education}`) : ''}</td>
              <td>{p.yearsInFinance ?? ''}</td>
              <td>{p.activated ? t('status.active') : t('status.pending')}</td>
              {props.inviteAction && (
                <td>
                  {/* One link for both: activation before a password is set, a reset after. */}
                  <form method="post" action={props.inviteAction(p.id)} class="inline">
                    <button type="submit" class="small">
                      {t(p.activated ? 'account.resetLink' : 'admin.inviteLink')}
                    </button>
                  </form>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
