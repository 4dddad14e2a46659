import { randomBytes } from 'node:crypto';
import { inTransaction, type Db } from '../../db/client.js';
import type { Translate } from '../../i18n/index.js';
import { writeAudit, type Cohort } from '../../institutions/index.js';
import { insertClass, type ClassSession } from '../store.js';
import { parseZonedDateTime } from '../../platform/zoned-time.js';

// Scheduling a class session for a cohort: the form's fields checked one by one (every message
// names its field), then one row plus the audit line. A failed form writes nothing.

export type ScheduleForm = {
  mode: string;
  courseSlug: string;
  title: string;
  room: string;
  startsAt: string;
  endsAt: string;
  meetingUrl: string;
  recordingUrl: string;
};

export type ScheduleValues = {
  mode: ClassSession['mode'];
  courseSlug: string;
  title: string;
  room: string | null;
  startsAt: number;
  endsAt: number;
  meetingUrl: string | null;
  recordingUrl: string | null;
};

const MAX_TITLE = 120;
const MAX_ROOM = 60;
const MAX_URL = 500;
/** Longer than a teaching day is a typo in the date, not a session. */
const MAX_DURATION_MS = 12 * 60 * 60_000;

/** Only https: the link is opened from our page and shown to trainees; no http, no javascript:. */
function httpsUrl(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname.includes('.') && !url.username && !url.password ? url.toString() : null;
  } catch {
    return null;
  }
}

export function validateSchedule(
  form: ScheduleForm,
  opts: { courses: readonly string[]; timeZone: string; t: Translate },
): { ok: true; values: ScheduleValues } | { ok: false; errors: string[] } {
  const { t } = opts;
  const errors: string[] = [];
  const field = (key: Parameters<Translate>[0]) => t(key);
  const mode = form.mode === 'faceToFace' || form.mode === 'remote' ? form.mode : null;
  if (!mode) errors.push(t('form.invalidChoice', { field: field('sessions.field.mode') }));
  if (!opts.courses.includes(form.courseSlug)) errors.push(t('form.invalidChoice', { field: field('sessions.field.course') }));

  const title = form.title.trim();
  if (!title) errors.push(t('form.required', { field: field('sessions.field.title') }));
  else if (title.length > MAX_TITLE) errors.push(t('form.tooLong', { field: field('sessions.field.title'), max: MAX_TITLE }));

  const startsAt = parseZonedDateTime(form.startsAt, opts.timeZone);
  const endsAt = parseZonedDateTime(form.endsAt, opts.timeZone);
  if (!form.startsAt.trim()) errors.push(t('form.required', { field: field('sessions.field.startsAt') }));
  else if (startsAt === null) errors.push(t('sessions.form.invalidDateTime', { field: field('sessions.field.startsAt') }));
  if (!form.endsAt.trim()) errors.push(t('form.required', { field: field('sessions.field.endsAt') }));
  else if (endsAt === null) errors.push(t('sessions.form.invalidDateTime', { field: field('sessions.field.endsAt') }));
  if (startsAt !== null && endsAt !== null) {
    if (endsAt <= startsAt) errors.push(t('sessions.form.endBeforeStart', { field: field('sessions.field.endsAt'), start: field('sessions.field.startsAt') }));
    else if (endsAt - startsAt > MAX_DURATION_MS)
      errors.push(t('sessions.form.tooLongSession', { field: field('sessions.field.endsAt'), hours: MAX_DURATION_MS / 3_600_000 }));
  }

  const room = form.room.trim();
  let meetingUrl: string | null = null;
  let recordingUrl: string | null = null;
  if (mode === 'faceToFace') {
    if (!room) errors.push(t('form.required', { field: field('sessions.field.room') }));
    else if (room.length > MAX_ROOM) errors.push(t('form.tooLong', { field: field('sessions.field.room'), max: MAX_ROOM }));
  }
  if (mode === 'remote') {
    for (const [key, text] of [
      ['sessions.field.meetingUrl', form.meetingUrl.trim()],
      ['sessions.field.recordingUrl', form.recordingUrl.trim()],
    ] as const) {
      if (!text) continue;
      const url = text.length <= MAX_URL ? httpsUrl(text) : null;
      if (!url) errors.push(t('sessions.form.httpsUrl', { field: field(key) }));
      else if (key === 'sessions.field.meetingUrl') meetingUrl = url;
      else recordingUrl = url;
    }
    if (!form.meetingUrl.trim() && !form.recordingUrl.trim()) {
      errors.push(t('sessions.form.needLink', { meeting: field('sessions.field.meetingUrl'), recording: field('sessions.field.recordingUrl') }));
    }
  }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    values: {
      mode: mode!,
      courseSlug: form.courseSlug,
      title,
      // Each mode keeps only its own place: a room for the classroom, links for the meeting.
      room: mode === 'faceToFace' ? room : null,
      startsAt: startsAt!,
      endsAt: endsAt!,
      meetingUrl,
      recordingUrl,
    },
  };
}

/** Creates the session with its own random check-in secret (32 bytes), and audits it. */
export function scheduleClass(db: Db, cohort: Cohort, values: ScheduleValues, actorId: number, now = Date.now()): ClassSession {
  return inTransaction(db, () => {
    const session = insertClass(db, {
      ...values,
      cohortId: cohort.id,
      institutionId: cohort.institutionId,
      checkInSecret: randomBytes(32),
      createdBy: actorId,
      createdAt: now,
    });
    writeAudit(
      db,
      {
        actorId,
        institutionId: cohort.institutionId,
        action: 'session.create',
        subject: `session:${session.id}`,
        detail: { cohortId: cohort.id, mode: values.mode },
      },
      now,
    );
    return session;
  });
}
