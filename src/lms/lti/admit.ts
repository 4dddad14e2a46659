import { inTransaction, type Db } from '../../db/client.js';
import { homeFor } from '../../auth/index.js';
import { assignInstructor, enrol, findCohort, listUserEnrolments, writeAudit, type Person } from '../../institutions/index.js';
import type { LmsRuntime } from '../settings.js';
import * as store from '../store.js';
import { parseTargetParam, targetExists, targetFromUrl, targetPath, TARGET_PARAM, type Target } from '../targets.js';
import { CLAIM, mapRoles } from './claims.js';
import { LtiError } from './errors.js';
import type { VerifiedLaunch } from './launch.js';
import { matchOrProvision } from './provision.js';

// What a verified launch does here: the person (matched or provisioned), the LMS course (context)
// and its cohort, the placement (resource link) and where to land. The session is started by the
// route, which owns the cookies.

export type Admission = {
  user: Person;
  /** Where a resource-link launch lands (the placement's target, else the user's home page). */
  landing: string;
  target: Target | null;
  deepLinking: boolean;
  /**
   * The LMS course a trainee launched from when no cohort is linked to it yet: they are told their
   * institution still has to link it (the admin page lists it) rather than meet an empty page.
   */
  unlinkedCourse: string | null;
};

/** The placement's target: what it was first linked to, else the custom parameter, else the URL. */
function resolveTarget(rt: LmsRuntime, existing: store.ResourceLink | undefined, v: VerifiedLaunch): Target | null {
  const candidates = [
    existing?.target,
    parseTargetParam(v.claims[CLAIM.custom]?.[TARGET_PARAM]),
    targetFromUrl(v.claims[CLAIM.targetLinkUri], rt.settings.publicUrl),
    targetFromUrl(v.targetLinkUri, rt.settings.publicUrl),
  ];
  for (const t of candidates) if (t && (!rt.catalog || targetExists(rt.catalog, rt.blueprints, t))) return t;
  return null;
}

export function admit(rt: LmsRuntime, db: Db, v: VerifiedLaunch, now = Date.now()): Admission {
  const { platform, claims } = v;
  const roles = claims[CLAIM.roles];
  const deepLinking = v.messageType === 'LtiDeepLinkingRequest';
  // Checked before anyone is provisioned: a learner cannot place content, so do not create them here.
  if (deepLinking && mapRoles(roles) !== 'instructor') throw new LtiError(403, 'lti.error.deepLinkRole', roles.join(' '));

  const { user } = matchOrProvision(
    db,
    platform,
    {
      sub: claims.sub,
      email: claims.email,
      name: claims.name,
      givenName: claims.given_name,
      familyName: claims.family_name,
      roles,
      locale: claims.locale,
    },
    now,
  );
  if (deepLinking && user.role !== 'instructor') throw new LtiError(403, 'lti.error.deepLinkRole', `account role ${user.role}`);

  return inTransaction(db, () => {
    const context = claims[CLAIM.context];
    let unlinkedCourse: string | null = null;
    if (context) {
      const row = store.upsertContext(db, {
        platformId: platform.id,
        contextId: context.id,
        title: context.title ?? context.label ?? null,
        membershipsUrl: claims[CLAIM.nrps]?.context_memberships_url ?? null,
        lineItemsUrl: claims[CLAIM.ags]?.lineitems ?? null,
      });
      // A course the admin linked to a cohort brings its people into that cohort.
      const cohort = row.cohortId != null ? findCohort(db, row.cohortId) : undefined;
      if (cohort && cohort.institutionId === platform.institutionId) {
        if (user.role === 'trainee') enrol(db, cohort.id, user.id, now);
        else if (user.role === 'instructor') assignInstructor(db, cohort.id, user.id);
      } else if (user.role === 'trainee' && !deepLinking && listUserEnrolments(db, user.id).length === 0) {
        // In no cohort, the exams and hours pages would only say there is nothing for them.
        unlinkedCourse = row.title ?? row.contextId;
      }
    }

    let target: Target | null = null;
    const link = claims[CLAIM.resourceLink];
    if (link && !deepLinking) {
      const existing = store.findResourceLink(db, platform.id, link.id);
      target = resolveTarget(rt, existing, v);
      if (target) {
        store.upsertResourceLink(db, {
          platformId: platform.id,
          resourceLinkId: link.id,
          contextId: context?.id ?? null,
          target: existing?.target ?? target,
          lineItemUrl: claims[CLAIM.ags]?.lineitem ?? null,
        });
      }
    }

    writeAudit(
      db,
      {
        actorId: user.id,
        institutionId: platform.institutionId,
        action: store.LAUNCH_ACTION,
        subject: `lti:${platform.id}:${link?.id ?? 'deep-linking'}`,
        detail: {
          platformId: platform.id,
          resourceLinkId: link?.id ?? null,
          messageType: v.messageType,
          target: target?.kind ?? null,
          examKey: target?.kind === 'exam' ? target.examKey : undefined,
        },
      },
      now,
    );
    return { user, target, deepLinking, unlinkedCourse, landing: target ? targetPath(target) : homeFor(user.role) };
  });
}
