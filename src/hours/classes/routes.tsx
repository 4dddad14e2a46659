import { Hono } from 'hono';
import type { SessionEnv } from './access.js';
import { instructorSessionRoutes } from './instructor-routes.js';
import { attendanceRoutes } from '../attendance/routes.js';
import { remoteRoutes } from './trainee-routes.js';
import { checkInRoutes } from '../attendance/checkin-routes.js';

// Face-to-face and remote class sessions of the hours ledger (mounted at '/' in app.tsx):
//   /cohorts/:cohortId/sessions[/new]           list and schedule (admin, assigned instructors)
//   /sessions/:sessionId/attendance|roster|import   attendance (same people)
//   /sessions/:sessionId/screen[/code]          classroom check-in screen (same people)
//   /sessions, /sessions/:sessionId[/join|/presence]   the trainee's side
//   /checkin                                    classroom check-in (trainees)
// Each route carries its own role and access middleware: nothing here is applied to '*', which
// under a '/' mount would reach every other route of the app.

export function sessionRoutes() {
  const app = new Hono<SessionEnv>();
  app.route('/', instructorSessionRoutes());
  app.route('/', attendanceRoutes());
  app.route('/', remoteRoutes());
  app.route('/', checkInRoutes());
  return app;
}
