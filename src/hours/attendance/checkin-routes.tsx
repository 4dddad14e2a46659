import { formText } from '../../http/form-text.js';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../env.js';
import { requireRole } from '../../auth/index.js';
import { viewContext } from '../../http/view-context.js';
import { setFlash } from '../../http/flash.js';
import { CheckInPage, type CheckInMessage } from '../../../views/hours/classes/checkin.js';
import { checkIn, checkInTarget, type CheckInOutcome } from './face-to-face.js';
import { DEFAULT_OPENS_BEFORE_MS, isWithinCheckInWindow } from '../rules/attendance.js';
import type { AttendanceMark } from '../store.js';
import { classItem } from '../classes/links.js';

// Classroom check-in for trainees: GET /checkin shows the code form, or (from the QR code) a
// confirmation button; only the POST records anything.

function statusText(c: Context<AppEnv>, mark: AttendanceMark): string {
  const t = c.var.t;
  const status = t(`sessions.status.${mark.status}`);
  return mark.status === 'late' || mark.status === 'leftEarly' ? t('sessions.statusMinutes', { status, minutes: mark.minutes }) : status;
}

function page(c: Context<AppEnv>, message: CheckInMessage, status: 200 | 400 | 403 | 429) {
  return c.html(<CheckInPage ctx={viewContext(c)} message={message} />, status);
}

function answer(c: Context<AppEnv>, outcome: CheckInOutcome) {
  const t = c.var.t;
  const fmt = c.var.fmt;
  switch (outcome.kind) {
    case 'recorded':
      setFlash(c, 'ok', 'sessions.checkedIn', { title: outcome.session.title, status: statusText(c, outcome.mark) });
      return c.redirect(`/sessions/${outcome.session.id}`, 303);
    case 'already':
      return page(c, { kind: 'info', text: t('sessions.checkIn.already', { title: outcome.session.title, status: statusText(c, outcome.mark) }) }, 200);
    case 'notFound':
      throw new HTTPException(404);
    case 'notEnrolled':
      return page(c, { kind: 'error', text: t('sessions.checkIn.notEnrolled') }, 403);
    case 'outsideWindow': {
      const s = outcome.session;
      const text = s
        ? t('sessions.checkIn.outsideWindow', { title: s.title, opens: fmt.dateTime(s.startsAt - DEFAULT_OPENS_BEFORE_MS), closes: fmt.dateTime(s.endsAt) })
        : t('sessions.checkIn.noneOpen');
      return page(c, { kind: 'error', text }, 400);
    }
    case 'wrongCode':
      return page(c, { kind: 'error', text: t('sessions.checkIn.wrongCode') }, 400);
    case 'locked':
      return page(c, { kind: 'error', text: t('sessions.checkIn.locked', { minutes: outcome.minutes }) }, 429);
  }
}

export function checkInRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/checkin', requireRole('trainee'), (c) => {
    const sessionParam = c.req.query('session');
    const code = (c.req.query('code') ?? '').trim();
    if (!sessionParam) return c.html(<CheckInPage ctx={viewContext(c)} />);
    const target = checkInTarget(c.var.deps.db, c.var.user!, Number(sessionParam));
    if (target.kind !== 'ok') return answer(c, target);
    const s = target.session;
    if (!isWithinCheckInWindow(Date.now(), { start: s.startsAt, end: s.endsAt })) return answer(c, { kind: 'outsideWindow', session: s });
    // A scanned link without a well-formed code falls back to typing it.
    if (!/^\d{6}$/.test(code)) return c.html(<CheckInPage ctx={viewContext(c)} />);
    return c.html(<CheckInPage ctx={viewContext(c)} confirm={{ item: classItem(c, s), code }} />);
  });

  app.post('/checkin', requireRole('trainee'), async (c) => {
    const t = c.var.t;
    const body = await c.req.parseBody();
    const code = formText(body.code).normalize('NFKC').replace(/\s+/g, '');
    const sessionParam = formText(body.session);
    if (!/^\d{6}$/.test(code)) return page(c, { kind: 'error', text: t('sessions.checkIn.codeFormat', { field: t('sessions.field.code') }) }, 400);
    return answer(c, checkIn(c.var.deps.db, c.var.deps.lms, c.var.user!, code, sessionParam ? Number(sessionParam) : null));
  });

  return app;
}
