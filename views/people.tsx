import type { ViewContext } from '../src/http/view-context.js';
import { maskNationalId, maskPhone, type RosterEntry } from '../src/institutions/index.js';
import { canSeeSensitive } from '../src/auth/index.js';
import { ScrollTable } from './scroll-table.js';

/** A roster table; national ID and phone are masked unless the viewer may see them (PIPL). */
export function RosterTable(props: { ctx: ViewContext; roster: RosterEntry[]; inviteAction?: (id: number) => string; personHref?: (id: number) => string }) {
  const { t, user } = props.ctx;
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
          {props.roster.map((p) => {
            const clear = user !== null && canSeeSensitive(user, p);
            const id = p.profile?.nationalId ?? null;
            return (
              <tr>
                <th scope="row">{props.personHref ? <a href={props.personHref(p.id)}>{p.name}</a> : p.name}</th>
                <td class="mono">{id ? (clear ? id : maskNationalId(id)) : (p.profile?.employeeNo ?? '')}</td>
                <td>{p.email}</td>
                <td class="mono">{clear ? (p.profile?.phone ?? '') : maskPhone(p.profile?.phone)}</td>
                <td>{p.profile?.education ? t(`education.${p.profile.education}`) : ''}</td>
                <td>{p.profile?.yearsInFinance ?? ''}</td>
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
            );
          })}
        </tbody>
      </table>
    </ScrollTable>
  );
}
