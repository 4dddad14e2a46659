import { randomBytes } from 'node:crypto';
import { examAttempts } from '../../src/db/schema.js';
import type { Db } from '../../src/db/client.js';
import { appendEntry } from '../../src/hours/ledger/ledger.js';
import { insertMark, insertClass } from '../../src/hours/store.js';
import * as people from '../../src/institutions/store.js';
import { makeTestApp, passwordHash } from '../helpers/app.js';

// A small world for proof tests: institution A's assistant cohort with one trainee who meets the
// 16-hour requirement (李晓梅) and one who does not (赵小刚), sessions with roster marks, a mock
// exam, and institution B next door for tenancy checks. Times are fixed in March 2026.

export const T0 = Date.parse('2026-03-02T01:00:00Z'); // 09:00 in Shanghai
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export type World = Awaited<ReturnType<typeof proofWorld>>;

export function addSession(db: Db, cohort: people.Cohort, mode: 'faceToFace' | 'remote', startsAt: number, minutes: number, title: string) {
  return insertClass(db, {
    cohortId: cohort.id,
    institutionId: cohort.institutionId,
    mode,
    courseSlug: 'bcm-intro',
    title,
    room: mode === 'faceToFace' ? '301' : null,
    meetingUrl: null,
    recordingUrl: null,
    startsAt,
    endsAt: startsAt + minutes * 60_000,
    checkInSecret: randomBytes(16),
    createdBy: null,
    createdAt: startsAt - DAY,
  });
}

export function credit(
  db: Db,
  cohort: people.Cohort,
  traineeId: number,
  mode: 'faceToFace' | 'remote' | 'selfStudy',
  minutes: number,
  at: number,
  sessionId: number | null = null,
  courseSlug = 'bcm-intro',
) {
  return appendEntry(db, {
    traineeId,
    institutionId: cohort.institutionId,
    cohortId: cohort.id,
    level: cohort.level,
    courseSlug,
    lessonSlug: null,
    sessionId,
    mode,
    minutes,
    source: sessionId ? 'roster' : 'heartbeat',
    evidence: null,
    recordedBy: null,
    recordedAt: at,
    correctsId: null,
    reason: null,
  });
}

export async function proofWorld(env: Record<string, string> = {}) {
  const app = await makeTestApp(env);
  const { a, b } = await app.twoInstitutions();
  const { db } = app;
  const hash = await passwordHash();
  const make = (name: string, email: string, nationalId: string) => {
    const p = people.createUser(db, { email, name, role: 'trainee', institutionId: a.inst.id, passwordHash: hash });
    people.upsertProfile(db, { userId: p.id, nationalId, phone: '13800138000', education: 'bachelor', yearsInFinance: 2 });
    people.enrol(db, a.cohort.id, p.id);
    return p;
  };
  const ready = make('李晓梅', 'lixiaomei@a.example', '11010519491231002X');
  const behind = make('赵小刚', 'zhaoxiaogang@a.example', '110105194912310021');

  // Three face-to-face days of 3 hours, one remote session, some self-study: 750 minutes in all.
  const sessions = [0, 1, 2].map((d) => addSession(db, a.cohort, 'faceToFace', T0 + d * DAY, 180, `第 ${d + 1} 讲`));
  const remote = addSession(db, a.cohort, 'remote', T0 + 3 * DAY, 90, '远程答疑');
  for (const s of sessions) {
    insertMark(db, {
      sessionId: s.id,
      traineeId: ready.id,
      status: 'present',
      minutes: 180,
      note: null,
      source: 'roster',
      recordedBy: a.admin.id,
      recordedAt: s.endsAt,
    });
    credit(db, a.cohort, ready.id, 'faceToFace', 180, s.endsAt, s.id);
  }
  // 赵小刚 was late on day one, absent on day two, and has a few minutes of self-study.
  insertMark(db, {
    sessionId: sessions[0]!.id,
    traineeId: behind.id,
    status: 'late',
    minutes: 150,
    note: null,
    source: 'roster',
    recordedBy: a.admin.id,
    recordedAt: sessions[0]!.endsAt,
  });
  credit(db, a.cohort, behind.id, 'faceToFace', 150, sessions[0]!.endsAt, sessions[0]!.id);
  insertMark(db, {
    sessionId: sessions[1]!.id,
    traineeId: behind.id,
    status: 'absent',
    minutes: 0,
    note: null,
    source: 'roster',
    recordedBy: a.admin.id,
    recordedAt: sessions[1]!.endsAt,
  });
  credit(db, a.cohort, behind.id, 'selfStudy', 45, T0 + 4 * DAY);
  // Remote attendance is credited from presence, without a roster mark.
  credit(db, a.cohort, ready.id, 'remote', 90, remote.endsAt, remote.id);
  credit(db, a.cohort, ready.id, 'selfStudy', 60, T0 + 4 * DAY, null, 'theory-regulation');
  credit(db, a.cohort, ready.id, 'selfStudy', 60, T0 + 5 * DAY, null, 'marketing-practice');

  // A submitted mock exam counts; a better practice run and an open attempt do not.
  const attempt = (mode: 'exam' | 'practice', status: 'open' | 'submitted', score: number, examKey = 'assistant-mock') =>
    db
      .insert(examAttempts)
      .values({
        traineeId: ready.id,
        institutionId: a.inst.id,
        cohortId: a.cohort.id,
        examKey,
        mode,
        seed: 's',
        paper: [],
        startedAt: T0 + 5 * DAY,
        deadlineAt: null,
        status,
        submittedAt: status === 'submitted' ? T0 + 5 * DAY + HOUR : null,
        submittedBy: status === 'submitted' ? 'trainee' : null,
        score,
        maxScore: 100,
        passed: score >= 60,
        result: null,
      })
      .run();
  attempt('exam', 'submitted', 72);
  attempt('exam', 'submitted', 85);
  attempt('practice', 'submitted', 98, 'practice:bcm-intro');
  attempt('exam', 'open', 99);

  return { ...app, a, b, ready, behind, sessions, remote };
}
