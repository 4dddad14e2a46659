import type { Db } from '../../db/client.js';
import * as people from '../../institutions/index.js';
import { cohortClasses } from '../store.js';
import { scheduleClass } from './schedule.js';
import { recordMark } from '../attendance/face-to-face.js';
import type { AttendanceEvents } from './credit.js';
import { calendarDay, dayStartMs, DEFAULT_TIME_ZONE } from '../../platform/zoned-time.js';

const DAY = 24 * 60 * 60_000;

/** Demo attendance is made up: none of it is reported to an LMS. */
const NO_LMS: AttendanceEvents = { onSessionAttended: () => {} };

/**
 * Demo classes for the assistant cohort, so a first look shows real hours: a face-to-face class
 * yesterday that the demo trainee attended, and a remote class tomorrow. Idempotent: only seeds
 * a cohort that has no sessions yet.
 */
export function seedDemoClasses(db: Db, timeZone = DEFAULT_TIME_ZONE, now = Date.now()): void {
  const institution = people.findInstitutionByCode(db, 'DEMO');
  if (!institution) return;
  const cohort = people.listCohorts(db, institution.id).find((c) => c.level === 'assistant');
  const instructor = people.findPersonByEmail(db, 'instructor@example.com');
  const trainee = people.findPersonByEmail(db, 'trainee@example.com');
  if (!cohort || !instructor || !trainee || cohortClasses(db, cohort.id).length > 0) return;
  // Midnight of today on the TIME_ZONE calendar, so the classes fall at 09:00 and 14:00 there.
  const today = dayStartMs(calendarDay(now, timeZone), timeZone);
  const past = scheduleClass(
    db,
    cohort,
    {
      mode: 'faceToFace',
      courseSlug: 'bcm-intro',
      title: '银行客户经理的角色与职责（面授）',
      room: '培训楼 301',
      startsAt: today - DAY + 9 * 3600_000,
      endsAt: today - DAY + 12 * 3600_000,
      meetingUrl: null,
      recordingUrl: null,
    },
    instructor.id,
    now,
  );
  recordMark(
    db,
    NO_LMS,
    { session: past, cohort, traineeId: trainee.id, status: 'present', minutes: null, note: null, source: 'roster', recordedBy: instructor.id },
    now,
  );
  scheduleClass(
    db,
    cohort,
    {
      mode: 'remote',
      courseSlug: 'theory-regulation',
      title: '反洗钱与客户身份识别（远程直播）',
      room: null,
      startsAt: today + DAY + 14 * 3600_000,
      endsAt: today + DAY + 15.5 * 3600_000,
      meetingUrl: 'https://meeting.tencent.com/dm/bcm-demo',
      recordingUrl: null,
    },
    instructor.id,
    now,
  );
}
