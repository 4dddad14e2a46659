import { Hono } from 'hono';
import type { CohortEnv } from '../auth/index.js';
import { adminHoursRoutes } from './admin-hours-routes.js';
import { apiRoutes } from './api-routes.js';
import { auditRoutes } from './audit-routes.js';
import { calendarRoutes } from './calendar-routes.js';

// The institution-side dashboards of the hours ledger. Mounted at '/', so every route names its
// full path and guards itself: no use('*') here, which would reach the whole app.
export function dashboardRoutes() {
  const app = new Hono<CohortEnv>();
  app.route('/', adminHoursRoutes());
  app.route('/', auditRoutes());
  app.route('/', apiRoutes());
  app.route('/', calendarRoutes());
  return app;
}
