import type { ViewContext } from '../../src/http/view-context.js';
import type { AttemptSummary } from '../../src/exams/index.js';
import { Layout } from '../layout.js';
import { ScrollTable } from '../scroll-table.js';
import type { SelfCheckMiss } from '../../src/hours/index.js';
import { NotebookSelfChecks } from './notebook-self-checks.js';

export function HistoryPage(props: { ctx: ViewContext; attempts: AttemptSummary[]; titleOf: (examKey: string) => string }) {
  const { ctx } = props;
  const { t, fmt } = ctx;
  return (
    <Layout ctx={ctx} title={t('exams.history')}>
      <h1>{t('exams.history')}</h1>
      {props.attempts.length === 0 ? (
        <p class="muted">{t('exams.noHistory')}</p>
      ) : (
        <ScrollTable label={t('exams.history')}>
          <table data-testid="history">
            <thead>
              <tr>
                <th scope="col">{t('exams.col.exam')}</th>
                <th scope="col">{t('exams.startedAt')}</th>
                <th scope="col">{t('exams.col.status')}</th>
                <th scope="col" class="num">
                  {t('exams.col.score')}
                </th>
                <th scope="col">{t('exams.col.result')}</th>
              </tr>
            </thead>
            <tbody>
              {props.attempts.map((a) => (
                <tr>
                  <td>
                    <a href={`/exams/attempts/${a.id}`}>{props.titleOf(a.examKey)}</a>
                    {a.mode === 'practice' && <span class="badge">{t('exams.practiceBadge')}</span>}
                  </td>
                  <td>{fmt.dateTime(a.startedAt)}</td>
                  <td>{a.status === 'open' ? t('exams.status.open') : t(`exams.by.${a.submittedBy ?? 'trainee'}`)}</td>
                  <td class="num">{a.score === null ? '' : `${fmt.number(a.score)} / ${fmt.number(a.maxScore ?? 0)}`}</td>
                  <td>
                    {a.awaitingMarking ? (
                      <span data-testid="history-awaiting">{t('exams.awaiting')}</span>
                    ) : a.mode === 'exam' && a.passed !== null ? (
                      t(a.passed ? 'exams.passed' : 'exams.failed')
                    ) : (
                      ''
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <p>
        <a href="/exams">{t('exams.backToExams')}</a>
      </p>
    </Layout>
  );
}

/** `href`: the review of the attempt with the last miss, at that question. */
export type NotebookRow = { key: string; course: string; courseTitle: string; stem: string; type: string; missedAt: number; misses: number; href: string };

export function NotebookPage(props: {
  ctx: ViewContext;
  rows: NotebookRow[];
  openId?: number;
  selfChecks?: SelfCheckMiss[];
  courseTitle?: (slug: string) => string;
}) {
  const { ctx } = props;
  const { t, fmt } = ctx;
  const courses = [...new Map(props.rows.map((r) => [r.course, r.courseTitle])).entries()];
  return (
    <Layout ctx={ctx} title={t('exams.notebook')}>
      <h1>{t('exams.notebook')}</h1>
      <p class="muted">{t('exams.notebookIntro')}</p>
      {props.rows.length === 0 && !props.selfChecks?.length ? (
        <p class="flash flash-ok">{t('exams.notebookEmpty')}</p>
      ) : props.rows.length === 0 ? null : (
        <>
          <form method="post" action="/exams/notebook/practice">
            <button type="submit">{t(props.openId ? 'exams.resumePractice' : 'exams.notebookPractice')}</button>
          </form>
          {courses.map(([slug, title]) => (
            <section aria-labelledby={`nb-${slug}`}>
              <h2 id={`nb-${slug}`}>{title}</h2>
              <ol class="notebook" data-testid={`notebook-${slug}`}>
                {props.rows
                  .filter((r) => r.course === slug)
                  .map((r) => (
                    <li>
                      <span class="badge">{t(`exams.type.${r.type as 'single'}`)}</span> <a href={r.href}>{r.stem}</a>
                      <span class="muted small"> · {t('exams.missed', { n: r.misses, when: fmt.dateTime(r.missedAt) })}</span>
                    </li>
                  ))}
              </ol>
            </section>
          ))}
        </>
      )}
      <NotebookSelfChecks ctx={ctx} misses={props.selfChecks ?? []} courseTitle={props.courseTitle ?? ((slug) => slug)} />
      <p>
        <a href="/exams">{t('exams.backToExams')}</a>
      </p>
    </Layout>
  );
}
