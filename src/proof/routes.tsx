import { Hono } from 'hono';
import type { CohortEnv } from '../auth/index.js';
import { adminProofRoutes } from './admin-routes.js';
import { downloadRoutes } from './downloads.js';
import { verifyRoutes } from './verify-routes.js';

// Training proof. Mounted at '/', so every route names its full path and guards itself: no
// use('*') here, which would reach the whole app.
export function proofRoutes() {
  const app = new Hono<CohortEnv>();
  app.route('/', verifyRoutes());
  app.route('/', adminProofRoutes());
  app.route('/', downloadRoutes());
  return app;
}
