import { Hono } from 'hono';
import type { ClassEnv } from './access.js';
import { instructorClassRoutes } from './instructor-routes.js';
import { attendanceRoutes } from '../attendance/routes.js';
import { traineeClassRoutes } from './trainee-routes.js';
import { checkInRoutes } from '../attendance/checkin-routes.js';

// Face-to-face and remote classes of the hours ledger (mounted at '/' in app.tsx). The URLs keep
// their word "sessions" (bookmarks, QR codes); in the code a class is a class, and "session" is a
// login session (auth/sessions.ts):
//   /cohorts/:cohortId/sessions[/new]           list and schedule (admin, assigned instructors)
//   /sessions/:sessionId/attendance|roster|import   attendance (same people)
//   /sessions/:sessionId/screen[/code]          classroom check-in screen (same people)
//   /sessions, /sessions/:sessionId[/join|/presence]   the trainee's side
//   /checkin                                    classroom check-in (trainees)
// Each route carries its own role and access middleware: nothing here is applied to '*', which
// under a '/' mount would reach every other route of the app.

export function classRoutes() {
  const app = new Hono<ClassEnv>();
  app.route('/', instructorClassRoutes());
  app.route('/', attendanceRoutes());
  app.route('/', traineeClassRoutes());
  app.route('/', checkInRoutes());
  return app;
}
