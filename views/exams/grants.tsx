import type { ViewContext } from '../../src/http/view-context.js';
import { FormErrors, Layout } from '../layout.js';
import { ScrollTable } from '../scroll-table.js';

export type GrantRow = {
  id: number;
  traineeName: string;
  traineeEmail: string;
  examTitle: string;
  extraMinutes: number;
  reason: string | null;
  grantedAt: number;
};

/** Admins grant a trainee of their institution extra minutes for one exam; instructors, a trainee of their cohorts. */
export function GrantsPage(props: {
  ctx: ViewContext;
  /** An instructor's page: the trainees of their own cohorts only. */
  ownCohortsOnly: boolean;
  trainees: { id: number; name: string; email: string }[];
  exams: { id: string; title: string }[];
  grants: GrantRow[];
  errors?: string[];
  values?: Record<string, string>;
}) {
  const { ctx } = props;
  const { t, fmt } = ctx;
  const v = props.values ?? {};
  return (
    <Layout ctx={ctx} title={t('exams.grants.title')}>
      <h1>{t('exams.grants.title')}</h1>
      <p class="muted">{t(props.ownCohortsOnly ? 'exams.grants.introInstructor' : 'exams.grants.intro')}</p>
      <FormErrors ctx={ctx} errors={props.errors ?? []} />
      <form method="post" action="/exams/grants" class="grid-form card">
        <label>
          {t('exams.grants.trainee')}
          <select name="traineeId" required>
            <option value="">—</option>
            {props.trainees.map((p) => (
              <option value={String(p.id)} selected={v.traineeId === String(p.id)}>
                {p.name} · {p.email}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('exams.grants.exam')}
          <select name="examKey" required>
            {props.exams.map((e) => (
              <option value={e.id} selected={v.examKey === e.id}>
                {e.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('exams.grants.minutes')}
          <input type="number" name="minutes" min="1" max="240" step="1" required value={v.minutes ?? ''} />
        </label>
        <label class="wide">
          {t('exams.grants.reason')}
          <input type="text" name="reason" maxlength={200} value={v.reason ?? ''} />
        </label>
        <button type="submit">{t('exams.grants.submit')}</button>
      </form>
      <h2>{t('exams.grants.list')}</h2>
      {props.grants.length === 0 ? (
        <p class="muted">{t('exams.grants.none')}</p>
      ) : (
        <ScrollTable label={t('exams.grants.list')}>
          <table data-testid="grants">
            <thead>
              <tr>
                <th scope="col">{t('exams.grants.trainee')}</th>
                <th scope="col">{t('exams.grants.exam')}</th>
                <th scope="col" class="num">
                  {t('exams.grants.minutes')}
                </th>
                <th scope="col">{t('exams.grants.reason')}</th>
                <th scope="col">{t('exams.grants.when')}</th>
              </tr>
            </thead>
            <tbody>
              {props.grants.map((g) => (
                <tr>
                  <td>
                    {g.traineeName} <span class="muted small">{g.traineeEmail}</span>
                  </td>
                  <td>{g.examTitle}</td>
                  <td class="num">{fmt.number(g.extraMinutes)}</td>
                  <td>{g.reason ?? ''}</td>
                  <td>{fmt.dateTime(g.grantedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </Layout>
  );
}
