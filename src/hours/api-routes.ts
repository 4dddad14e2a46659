import { Hono } from 'hono';
import { requireRole, cohortAccess, type CohortEnv } from '../auth/index.js';
import type { Cohort } from '../institutions/index.js';
import { positionJson } from './ledger/position-json.js';
import { cohortPositions, type TraineePosition } from './ledger/cohort-report.js';

// JSON for integrations, authenticated by the session cookie. Errors are JSON too (app.onError
// answers /api/ paths with { error, requestId }): 401 anonymous, 403 wrong role, 404 for a cohort
// of another institution, exactly as for one that does not exist.

export function cohortHoursJson(cohort: Cohort, rows: readonly TraineePosition[], now = Date.now()) {
  return {
    cohort: { id: cohort.id, name: cohort.name, level: cohort.level },
    generatedAt: new Date(now).toISOString(),
    trainees: rows.map(({ trainee, position }) => ({
      id: trainee.id,
      name: trainee.name,
      ...(trainee.employeeNo ? { employeeNo: trainee.employeeNo } : {}),
      ...positionJson(position),
    })),
  };
}

export function apiRoutes() {
  const app = new Hono<CohortEnv>();
  // The programme office reads every institution's cohorts; an admin only their own.
  app.get('/api/v1/cohorts/:cohortId/hours', requireRole('admin', 'office'), cohortAccess('view'), (c) => {
    const { db, catalog } = c.var.deps;
    return c.json(cohortHoursJson(c.var.cohort, cohortPositions(db, catalog, c.var.cohort)));
  });
  return app;
}
