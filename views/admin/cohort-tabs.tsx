import type { ViewContext } from '../../src/http/view-context.js';

export type CohortTab = 'roster' | 'hours' | 'attendance' | 'exams' | 'proof';

// The test ids are the ones the separate links before the tabs had (browser journeys use them).
const TABS: { tab: CohortTab; href: (id: number) => string; testId: string }[] = [
  { tab: 'roster', href: (id) => `/admin/cohorts/${id}`, testId: 'cohort-roster-link' },
  { tab: 'hours', href: (id) => `/admin/cohorts/${id}/hours`, testId: 'cohort-hours-link' },
  { tab: 'attendance', href: (id) => `/cohorts/${id}/sessions`, testId: 'cohort-sessions-link' },
  { tab: 'exams', href: (id) => `/cohorts/${id}/exams`, testId: 'cohort-exams-link' },
  { tab: 'proof', href: (id) => `/admin/cohorts/${id}/proof`, testId: 'cohort-proof-link' },
];

/**
 * The admin's cohort sections as a row of tabs (links to their own pages, so every tab works
 * without JavaScript and has its own address). Only the institution's admin sees it: instructors
 * reach the attendance and exam pages too, but not the admin's roster, hours or proof pages.
 * On a phone the row scrolls sideways inside itself rather than widening the page.
 */
export function CohortTabs(props: { ctx: ViewContext; cohortId: number; current: CohortTab }) {
  const { t, user } = props.ctx;
  if (user?.role !== 'admin') return null;
  return (
    <nav class="cohort-tabs" aria-label={t('admin.tabs.label')} data-testid="cohort-tabs">
      <ul>
        {TABS.map(({ tab, href, testId }) => (
          <li>
            <a href={href(props.cohortId)} data-testid={testId} aria-current={tab === props.current ? 'page' : undefined}>
              {t(`admin.tabs.${tab}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
