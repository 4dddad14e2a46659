import * as people from '../../src/institutions/store.js';
import { appendEntry } from '../../src/hours/ledger/ledger.js';
import * as store from '../../src/hours/store.js';
import { calendarDay } from '../../src/platform/zoned-time.js';
import type { TestApp } from '../helpers/app.js';
import type { cohortHoursJson } from '../../src/hours/api-routes.js';

export type HoursJson = ReturnType<typeof cohortHoursJson> & { error?: string };

// Building blocks for the dashboards tests: cohorts dated around today, trainees, ledger rows.

export const todayInShanghai = () => calendarDay(Date.now(), 'Asia/Shanghai');

export function isoPlus(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

type Level = people.Level;
type ProfileOver = Partial<Omit<people.Profile, 'userId'>>;

export async function traineeIn(t: TestApp, cohort: people.Cohort, name: string, profile: ProfileOver = {}) {
  const person = await t.user('trainee', cohort.institutionId);
  t.db.$client.prepare('update users set name = ? where id = ?').run(name, person.id);
  people.upsertProfile(t.db, { userId: person.id, education: 'bachelor', yearsInFinance: 3, ...profile });
  people.enrol(t.db, cohort.id, person.id);
  return { ...person, name };
}

export function cohortOf(t: TestApp, institutionId: number, level: Level, dates?: { startsOn: string; endsOn: string }) {
  return people.createCohort(t.db, {
    institutionId,
    name: `${level} 班 ${Math.random().toString(36).slice(2, 6)}`,
    level,
    startsOn: dates?.startsOn ?? '2026-03-01',
    endsOn: dates?.endsOn ?? '2026-06-30',
  });
}

export function log(
  t: TestApp,
  cohort: people.Cohort,
  traineeId: number,
  mode: store.Mode,
  minutes: number,
  extra: Partial<store.NewHourEntry> = {},
): store.HourEntry {
  return appendEntry(t.db, {
    traineeId,
    institutionId: cohort.institutionId,
    cohortId: cohort.id,
    level: cohort.level,
    courseSlug: 'bcm-intro',
    lessonSlug: null,
    sessionId: null,
    mode,
    minutes,
    source: mode === 'selfStudy' ? 'heartbeat' : 'roster',
    evidence: null,
    recordedBy: null,
    recordedAt: Date.UTC(2026, 2, 10, 2, 0),
    correctsId: null,
    reason: null,
    ...extra,
  });
}

/** A class session of a cohort at the given instant (epoch ms). */
export function sessionAt(t: TestApp, cohort: people.Cohort, startsAt: number, over: Partial<store.ClassSession> = {}) {
  return store.insertClass(t.db, {
    cohortId: cohort.id,
    institutionId: cohort.institutionId,
    mode: 'faceToFace',
    courseSlug: 'bcm-intro',
    title: '开班第一课',
    room: '302 教室',
    meetingUrl: null,
    recordingUrl: null,
    startsAt,
    endsAt: startsAt + 3 * 3_600_000,
    checkInSecret: Buffer.alloc(32, 7),
    createdBy: null,
    createdAt: startsAt - 86_400_000,
    ...over,
  });
}

export const count = (t: TestApp, table: string) => (t.db.$client.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;

/** Pulls the JSON body of the cohort hours API as the given session. */
export async function cohortJson(t: TestApp, cohortId: number, cookie: string) {
  const res = await t.request(`/api/v1/cohorts/${cohortId}/hours`, { cookie });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as HoursJson };
}
