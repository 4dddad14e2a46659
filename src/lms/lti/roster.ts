import type { Db } from '../../db/client.js';
import { assignInstructor, enrol, isAssignedInstructor, writeAudit } from '../../institutions/index.js';
import type { LmsRuntime } from '../settings.js';
import * as store from '../store.js';
import { LtiError } from './errors.js';
import { matchOrProvision } from './provision.js';
import { fetchMembers, ServiceError } from './services.js';

// Names and Role Provisioning: bring an LMS course's members into the cohort it is linked to.
// Learners are matched or created (same rules as a launch) and enrolled; instructors are assigned
// to the cohort. Members the LMS marks inactive, with no usable role, or whose e-mail belongs to
// an account we will not link (another institution, an admin) are counted and left alone.

export type RosterReport = {
  members: number;
  created: number;
  enrolled: number;
  alreadyEnrolled: number;
  instructors: number;
  skipped: number;
};

export class RosterError extends Error {}

export async function syncRoster(rt: LmsRuntime, db: Db, ctx: store.LtiContext, actorId: number, now = Date.now()): Promise<RosterReport> {
  if (ctx.cohortId == null) throw new RosterError('context is not linked to a cohort');
  if (!ctx.membershipsUrl) throw new RosterError('the LMS has not sent a memberships URL for this course yet');
  const platform = store.findPlatform(db, ctx.platformId);
  if (!platform || platform.removedAt !== null) throw new RosterError('the platform registration was removed');
  let fetched: Awaited<ReturnType<typeof fetchMembers>>;
  try {
    fetched = await fetchMembers(rt, platform, ctx.membershipsUrl);
  } catch (err) {
    throw new RosterError(err instanceof ServiceError ? err.message : `memberships endpoint unreachable: ${err instanceof Error ? err.message : String(err)}`);
  }
  const report: RosterReport = {
    members: fetched.members.length + fetched.skipped,
    created: 0,
    enrolled: 0,
    alreadyEnrolled: 0,
    instructors: 0,
    skipped: fetched.skipped,
  };
  for (const m of fetched.members) {
    if (m.status && m.status !== 'Active') {
      report.skipped++;
      continue;
    }
    let provisioned;
    try {
      provisioned = matchOrProvision(
        db,
        platform,
        { sub: m.user_id, email: m.email, name: m.name, givenName: m.given_name, familyName: m.family_name, roles: m.roles },
        now,
      );
    } catch (err) {
      if (err instanceof LtiError) {
        report.skipped++;
        continue;
      }
      throw err;
    }
    const { user, created } = provisioned;
    if (created) report.created++;
    if (user.role === 'trainee') {
      if (enrol(db, ctx.cohortId, user.id, now)) report.enrolled++;
      else report.alreadyEnrolled++;
    } else if (user.role === 'instructor') {
      if (!isAssignedInstructor(db, ctx.cohortId, user.id)) assignInstructor(db, ctx.cohortId, user.id);
      report.instructors++;
    }
  }
  writeAudit(
    db,
    {
      actorId,
      institutionId: platform.institutionId,
      action: 'lti.roster.sync',
      subject: `cohort:${ctx.cohortId}`,
      detail: { platformId: platform.id, contextId: ctx.contextId, ...report },
    },
    now,
  );
  return report;
}
