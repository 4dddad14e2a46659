import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requireRole } from '../../auth/index.js';
import { viewContext } from '../../http/view-context.js';
import { JoinPage, PresenceStatus, TraineeClassPage, type ClassPhase } from '../../../views/hours/classes/class.js';
import { TraineeClassesPage } from '../../../views/hours/classes/list.js';
import { traineeClasses, type ClassSession } from '../store.js';
import { currentMark } from './store.js';
import { creditedByClass } from '../ledger/totals.js';
import { classAccess, type ClassEnv } from './access.js';
import { attendanceHref, classItem } from './links.js';
import { recordPresence, remoteStanding } from '../attendance/remote-presence.js';
import { isWithinCheckInWindow } from '../rules/attendance.js';

// The trainee's side of class sessions: their list, one session's page, and for remote sessions
// the "join" press and the presence beats that make up the platform's attendance evidence.

type Ctx = Context<ClassEnv>;

const phaseAt = (s: ClassSession, now: number): ClassPhase => (now < s.startsAt ? 'before' : now < s.endsAt ? 'running' : 'ended');

function scope(c: Ctx) {
  return { session: c.var.classSession, cohort: c.var.cohort, rules: c.var.deps.catalog.programme.hoursRules };
}

/** Trainees see the session page; the people who teach it are sent to its attendance view. */
const traineeOrTeacher: MiddlewareHandler<ClassEnv> = (c, next) => classAccess(c.var.user?.role === 'trainee' ? 'attend' : 'teach')(c, next);

export function traineeClassRoutes() {
  const app = new Hono<ClassEnv>();
  const attend = [requireRole('trainee'), classAccess('attend')] as const;

  app.get('/sessions', requireRole('trainee'), (c) => {
    const now = Date.now();
    const items = traineeClasses(c.var.deps.db, c.var.user!.id).map((s) => classItem(c, s));
    const upcoming = items.filter((i) => i.session.endsAt > now);
    const past = items.filter((i) => i.session.endsAt <= now).reverse();
    return c.html(<TraineeClassesPage ctx={viewContext(c)} upcoming={upcoming} past={past} />);
  });

  app.get('/sessions/:sessionId', requireRole('trainee', 'admin', 'instructor'), traineeOrTeacher, (c) => {
    const s = c.var.classSession;
    if (c.var.user!.role !== 'trainee') return c.redirect(attendanceHref(s.id), 303);
    const { db, catalog } = c.var.deps;
    const now = Date.now();
    const traineeId = c.var.user!.id;
    return c.html(
      <TraineeClassPage
        ctx={viewContext(c)}
        item={classItem(c, s)}
        phase={phaseAt(s, now)}
        credited={creditedByClass(db, s.id).get(traineeId) ?? 0}
        mark={currentMark(db, s.id, traineeId)}
        attendedMinutes={s.mode === 'remote' ? remoteStanding(db, s, traineeId, catalog.programme.hoursRules).attendedMinutes : 0}
        checkInOpen={s.mode === 'faceToFace' && isWithinCheckInWindow(now, { start: s.startsAt, end: s.endsAt })}
      />,
    );
  });

  // "Join": the start of presence, then the meeting. The page answers with a Refresh header rather
  // than a redirect, because the CSP's form-action 'self' would block a form redirecting off-site.
  app.post('/sessions/:sessionId/join', ...attend, (c) => {
    const s = c.var.classSession;
    if (s.mode !== 'remote' || !s.meetingUrl) throw new HTTPException(404);
    recordPresence(c.var.deps.db, c.var.deps.lms, scope(c), c.var.user!.id);
    c.header('Refresh', `0; url=${s.meetingUrl}`);
    return c.html(<JoinPage ctx={viewContext(c, null)} title={s.title} meetingUrl={s.meetingUrl} />);
  });

  // A beat from the open session page (hx-trigger="bcm:beat from:body"); answers the status line.
  app.post('/sessions/:sessionId/presence', ...attend, (c) => {
    const s = c.var.classSession;
    if (s.mode !== 'remote') return c.body(null, 204);
    const { db } = c.var.deps;
    const now = Date.now();
    const standing = recordPresence(db, c.var.deps.lms, scope(c), c.var.user!.id, now);
    const credited = creditedByClass(db, s.id).get(c.var.user!.id) ?? 0;
    return c.html(<PresenceStatus ctx={viewContext(c, null)} attendedMinutes={standing.attendedMinutes} credited={credited} phase={phaseAt(s, now)} />);
  });

  return app;
}
