// Exam analytics for the people who teach a cohort: results per exam with the score distribution,
// item statistics, and the results as CSV/XLSX. Every route goes through cohortAccess('teach'):
// the institution's admin or an instructor assigned to the cohort; an unassigned instructor of the
// same institution gets 403, anyone from another institution 404 (as for a missing cohort).
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env.js';
import { cohortAccess, requireRole } from '../auth/index.js';
import { cohortHref } from '../hours/index.js';
import { rosterSize } from '../institutions/index.js';
import { viewContext } from '../http/view-context.js';
import { AnalyticsIndexPage } from '../../views/exams/analytics/index.js';
import { AnalyticsResultsPage } from '../../views/exams/analytics/results.js';
import { AnalyticsItemsPage } from '../../views/exams/analytics/items.js';
import { distribution, itemReport, resultRows } from './analytics.js';
import { EXPORT_TYPES, resultsFile, type ExportFormat } from './analytics-export.js';
import type { Blueprint } from './blueprint.js';
import { courseTitle, examTitle } from './request-context.js';
import { isBasis, type Basis } from './stats.js';
import { cohortExamCounts } from './stats-store.js';

/** The blueprint named by `:exam`, if it is a mock exam of the cohort's level. */
function blueprintOf(c: Context<AppEnv>): Blueprint {
  const bp = c.var.deps.exams.blueprints.byId.get(c.req.param('exam') ?? '');
  if (!bp || bp.level !== c.var.cohort.level) throw new HTTPException(404);
  return bp;
}

const basisOf = (c: Context<AppEnv>, fallback: Basis): Basis => {
  const q = c.req.query('basis');
  return isBasis(q) ? q : fallback;
};

export function analyticsRoutes() {
  const app = new Hono<AppEnv>();
  const guard = [requireRole('admin', 'instructor'), cohortAccess('teach')] as const;
  const base = '/cohorts/:cohortId/exams';

  app.get(base, ...guard, (c) => {
    const { deps } = c.var;
    const cohort = c.var.cohort;
    const counts = cohortExamCounts(deps.db, cohort);
    const exams = deps.exams.blueprints.list
      .filter((b) => b.level === cohort.level)
      .map((b) => ({ id: b.id, title: examTitle(c, b.id), counts: counts.get(b.id), marking: b.draw.some((r) => r.written > 0) }));
    return c.html(
      <AnalyticsIndexPage ctx={viewContext(c)} cohort={cohort} backHref={cohortHref(c, cohort.id)} roster={rosterSize(deps.db, cohort.id)} exams={exams} />,
    );
  });

  app.get(`${base}/:exam`, ...guard, (c) => {
    const bp = blueprintOf(c);
    const cohort = c.var.cohort;
    const { rows, attempts } = resultRows(c.var.deps, cohort, bp.id);
    // The results page shows how the class stands: each trainee's best attempt unless asked otherwise.
    const dist = distribution(attempts, basisOf(c, 'best'));
    return c.html(
      <AnalyticsResultsPage
        ctx={viewContext(c)}
        cohort={cohort}
        backHref={cohortHref(c, cohort.id)}
        exam={{ id: bp.id, title: examTitle(c, bp.id), passPercent: bp.passPercent }}
        rows={rows}
        dist={dist}
      />,
    );
  });

  app.get(`${base}/:exam/items`, ...guard, (c) => {
    const bp = blueprintOf(c);
    const cohort = c.var.cohort;
    // First attempts by default: a retake follows a review that showed the key, which would make
    // every question look easier and less discriminating than it is.
    const basis = basisOf(c, 'first');
    const { items, attempts } = itemReport(c.var.deps, cohort, bp, basis);
    return c.html(
      <AnalyticsItemsPage
        ctx={viewContext(c)}
        cohort={cohort}
        backHref={cohortHref(c, cohort.id)}
        exam={{ id: bp.id, title: examTitle(c, bp.id) }}
        basis={basis}
        attempts={attempts}
        items={items}
        courseTitle={(slug) => courseTitle(c, slug)}
      />,
    );
  });

  const download = (format: ExportFormat) => async (c: Context<AppEnv>) => {
    const bp = blueprintOf(c);
    const { deps, t } = c.var;
    const cohort = c.var.cohort;
    const { rows } = resultRows(deps, cohort, bp.id);
    const bytes = await resultsFile(rows, format, { t, timeZone: deps.config.timeZone, sheetName: examTitle(c, bp.id) });
    c.header('Content-Type', EXPORT_TYPES[format]);
    // ASCII only: the cohort id and the blueprint id (a slug) name the file in every browser.
    c.header('Content-Disposition', `attachment; filename="exam-results-${cohort.id}-${bp.id}.${format}"`);
    return c.body(bytes);
  };
  app.get(`${base}/:exam/results.csv`, ...guard, download('csv'));
  app.get(`${base}/:exam/results.xlsx`, ...guard, download('xlsx'));

  return app;
}
