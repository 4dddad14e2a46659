import { randomBytes } from 'node:crypto';
import { vi } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import type { Db } from '../../src/db/client.js';
import type { Cohort } from '../../src/institutions/store.js';
import { insertClass, type ClassSession } from '../../src/hours/store.js';

// Shared set-up for the class-session tests: a fixed clock, sessions at known times, and readers
// for what the database holds.

export const MIN = 60_000;
/** Monday 2026-03-02 09:00 in Beijing (01:00 UTC). */
export const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);

/** Fakes only Date (the server's clock), so timers and I/O keep running. */
export function clockAt(ms: number): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(ms);
}

export function addSession(
  t: { db: Db },
  cohort: Cohort,
  opts: { mode?: ClassSession['mode']; startsAt?: number; minutes?: number; title?: string; meetingUrl?: string | null; recordingUrl?: string | null } = {},
): ClassSession {
  const mode = opts.mode ?? 'faceToFace';
  const startsAt = opts.startsAt ?? T0;
  return insertClass(t.db, {
    cohortId: cohort.id,
    institutionId: cohort.institutionId,
    mode,
    courseSlug: 'bcm-intro',
    title: opts.title ?? (mode === 'faceToFace' ? '面授：客户经理的角色' : '远程：客户经理制度'),
    room: mode === 'faceToFace' ? '301 教室' : null,
    meetingUrl: mode === 'remote' ? (opts.meetingUrl === undefined ? 'https://meeting.tencent.com/dm/abc123' : opts.meetingUrl) : null,
    recordingUrl: mode === 'remote' ? (opts.recordingUrl ?? null) : null,
    startsAt,
    endsAt: startsAt + (opts.minutes ?? 90) * MIN,
    checkInSecret: randomBytes(32),
    createdBy: null,
    createdAt: startsAt - 24 * 60 * MIN,
  });
}

type EntryRow = {
  minutes: number;
  source: string;
  mode: string;
  level: string;
  course_slug: string;
  cohort_id: number;
  recorded_by: number | null;
  evidence: string | null;
};

/** Ledger rows for one trainee in one session, oldest first. */
export function entries(t: TestApp, sessionId: number, traineeId: number): EntryRow[] {
  return t.db.$client
    .prepare(
      'select minutes, source, mode, level, course_slug, cohort_id, recorded_by, evidence from hour_entries where session_id = ? and trainee_id = ? order by id',
    )
    .all(sessionId, traineeId) as EntryRow[];
}

export const total = (rows: { minutes: number }[]) => rows.reduce((sum, r) => sum + r.minutes, 0);

export function marks(t: TestApp, sessionId: number, traineeId: number) {
  return t.db.$client
    .prepare('select status, minutes, note, source from attendance_marks where session_id = ? and trainee_id = ? order by id')
    .all(sessionId, traineeId) as { status: string; minutes: number; note: string | null; source: string }[];
}

export function presence(t: TestApp, sessionId: number, traineeId: number) {
  return t.db.$client
    .prepare('select start_at startAt, end_at endAt, source from remote_presence where session_id = ? and trainee_id = ? order by start_at')
    .all(sessionId, traineeId) as { startAt: number; endAt: number; source: string }[];
}

export const count = (t: TestApp, table: string): number => (t.db.$client.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
