import ical from 'ical-generator';
import type { Translate } from '../i18n/index.js';
import type { ClassSession } from './store.js';

// Sessions as an iCalendar feed. Every time is written in UTC (DTSTART:…Z): ical-generator reads
// a native Date with its own timezone option through the server's local getters, which on a UTC
// server puts Asia/Shanghai events 8 hours off. Calendar apps show UTC in the reader's own zone.

export type FeedClass = Pick<ClassSession, 'id' | 'cohortId' | 'title' | 'courseSlug' | 'room' | 'meetingUrl' | 'startsAt' | 'endsAt'>;

export function classesCalendar(opts: {
  name: string;
  host: string;
  sessions: readonly FeedClass[];
  t: Translate;
  courseTitle: (slug: string) => string;
  cohortName?: (cohortId: number) => string | undefined;
  now?: number;
}): string {
  const { t } = opts;
  const cal = ical({ name: opts.name, prodId: { company: 'BCM Academy', product: 'bcm-academy', language: 'ZH' } });
  for (const s of opts.sessions) {
    const course = opts.courseTitle(s.courseSlug);
    const cohort = opts.cohortName?.(s.cohortId);
    const lines = [t('dashboards.feed.event.course', { course })];
    if (cohort) lines.push(t('dashboards.feed.event.cohort', { cohort }));
    if (s.room) lines.push(t('dashboards.feed.event.room', { room: s.room }));
    if (s.meetingUrl) lines.push(t('dashboards.feed.event.meeting', { url: s.meetingUrl }));
    cal.createEvent({
      // Stable per session, so an edited session updates the event instead of duplicating it.
      id: `session-${s.id}@${opts.host}`,
      start: new Date(s.startsAt),
      end: new Date(s.endsAt),
      stamp: new Date(opts.now ?? Date.now()),
      summary: `${s.title} · ${course}`,
      description: lines.join('\n'),
      location: s.room ?? s.meetingUrl ?? null,
      url: s.meetingUrl ?? null,
    });
  }
  // RFC 5545 ends every content line, the last one too, with CRLF; the library leaves the last bare.
  const text = cal.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
