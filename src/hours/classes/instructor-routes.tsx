import { formText } from '../../http/form-text.js';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../env.js';
import { requireRole, cohortAccess } from '../../auth/index.js';
import { viewContext } from '../../http/view-context.js';
import { setFlash } from '../../http/flash.js';
import { ClassListPage } from '../../../views/hours/classes/list.js';
import { SchedulePage } from '../../../views/hours/classes/schedule.js';
import { CodePanel, ScreenPage, type CodePanelState } from '../../../views/hours/classes/screen.js';
import { cohortClasses, type ClassSession } from '../store.js';
import { classAccess, type ClassEnv } from './access.js';
import { scheduleClass, validateSchedule, type ScheduleForm } from './schedule.js';
import { cohortHref, courseTitle, classItem, classesHref, attendanceHref } from './links.js';
import { DEFAULT_OPENS_BEFORE_MS, isWithinCheckInWindow } from '../rules/attendance.js';
import { checkInCode, msUntilRotation } from '../rules/checkin-code.js';

// Instructors and the institution's admin: a cohort's session list, scheduling, and the classroom
// check-in screen. Every route goes through cohortAccess('teach') or classAccess('teach').

const EMPTY_FORM: ScheduleForm = { mode: 'faceToFace', courseSlug: '', title: '', room: '', startsAt: '', endsAt: '', meetingUrl: '', recordingUrl: '' };

function levelCourses(c: Context<AppEnv>) {
  const level = c.var.deps.catalog.level(c.var.cohort.level);
  return (level?.courses ?? []).map((slug) => ({ slug, title: courseTitle(c, slug) }));
}

/** The code panel for now: the code only while check-in is open, so an early peek shows nothing. */
async function codePanel(c: Context<AppEnv>, s: ClassSession, now: number): Promise<CodePanelState> {
  const window = { start: s.startsAt, end: s.endsAt };
  if (now < s.startsAt - DEFAULT_OPENS_BEFORE_MS) return { state: 'notYet', opensAt: s.startsAt - DEFAULT_OPENS_BEFORE_MS };
  if (!isWithinCheckInWindow(now, window)) return { state: 'ended' };
  const code = checkInCode(s.checkInSecret, now);
  // ASCII only, so any phone's scanner opens it as a plain link.
  const url = new URL('/checkin', c.var.deps.config.publicUrl);
  url.searchParams.set('session', String(s.id));
  url.searchParams.set('code', code);
  const { default: QRCode } = await import('qrcode'); // loaded on the first classroom screen, not with the app
  const qrSvg = await QRCode.toString(url.toString(), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { state: 'open', code, qrSvg, seconds: Math.ceil(msUntilRotation(now) / 1000) };
}

export function instructorClassRoutes() {
  const app = new Hono<ClassEnv>();
  const teachCohort = [requireRole('admin', 'instructor'), cohortAccess('teach')] as const;

  app.get('/cohorts/:cohortId/sessions', ...teachCohort, (c) => {
    const cohort = c.var.cohort;
    const items = cohortClasses(c.var.deps.db, cohort.id).map((s) => classItem(c, s));
    return c.html(<ClassListPage ctx={viewContext(c)} cohort={cohort} items={items} backHref={cohortHref(c, cohort.id)} />);
  });

  app.get('/cohorts/:cohortId/sessions/new', ...teachCohort, (c) => {
    const courses = levelCourses(c);
    const form = { ...EMPTY_FORM, courseSlug: courses[0]?.slug ?? '' };
    return c.html(<SchedulePage ctx={viewContext(c)} cohort={c.var.cohort} courses={courses} form={form} errors={[]} />);
  });

  app.post('/cohorts/:cohortId/sessions', ...teachCohort, async (c) => {
    const body = await c.req.parseBody();
    const form: ScheduleForm = {
      mode: formText(body.mode),
      courseSlug: formText(body.courseSlug),
      title: formText(body.title),
      room: formText(body.room),
      startsAt: formText(body.startsAt),
      endsAt: formText(body.endsAt),
      meetingUrl: formText(body.meetingUrl),
      recordingUrl: formText(body.recordingUrl),
    };
    const courses = levelCourses(c);
    const checked = validateSchedule(form, { courses: courses.map((x) => x.slug), timeZone: c.var.deps.config.timeZone, t: c.var.t });
    if (!checked.ok) {
      return c.html(<SchedulePage ctx={viewContext(c)} cohort={c.var.cohort} courses={courses} form={form} errors={checked.errors} />, 400);
    }
    const session = scheduleClass(c.var.deps.db, c.var.cohort, checked.values, c.var.user!.id);
    setFlash(c, 'ok', 'sessions.created', { title: session.title });
    return c.redirect(classesHref(c.var.cohort.id), 303);
  });

  app.get('/sessions/:sessionId/screen', requireRole('admin', 'instructor'), classAccess('teach'), async (c) => {
    const s = c.var.classSession;
    if (s.mode !== 'faceToFace') return c.redirect(attendanceHref(s.id), 303);
    return c.html(<ScreenPage ctx={viewContext(c)} item={classItem(c, s)} panel={await codePanel(c, s, Date.now())} />);
  });

  // Polled every 5 s by the screen (hx-trigger="every 5s"); returns only the panel's inside.
  app.get('/sessions/:sessionId/screen/code', requireRole('admin', 'instructor'), classAccess('teach'), async (c) => {
    const s = c.var.classSession;
    if (s.mode !== 'faceToFace') return c.body(null, 204);
    return c.html(<CodePanel ctx={viewContext(c, null)} panel={await codePanel(c, s, Date.now())} />);
  });

  return app;
}
