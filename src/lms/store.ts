import { and, asc, count, desc, eq, gte, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cohortNames, latestAuditDetail } from '../institutions/index.js';
import { ltiContexts, ltiNonces, ltiPlatforms, ltiResourceLinks, ltiStates, ltiUsers } from './schema.js';
import type { Target } from './targets.js';

// Every query of the LTI side: platforms, login states, nonces, linked users, contexts and
// resource links. The work queues (grades, xAPI) are in queue-store.ts. Nothing here decides
// access; callers pass the institution they are scoped to.

export type Platform = typeof ltiPlatforms.$inferSelect;
export type NewPlatform = Omit<typeof ltiPlatforms.$inferInsert, 'id' | 'createdAt'>;
export type LtiState = typeof ltiStates.$inferSelect;
export type LtiContext = typeof ltiContexts.$inferSelect;
export type ResourceLink = Omit<typeof ltiResourceLinks.$inferSelect, 'target'> & { target: Target };

// --- platforms --------------------------------------------------------------------------------

export function insertPlatform(db: Db, values: NewPlatform, now = Date.now()): Platform {
  return db
    .insert(ltiPlatforms)
    .values({ ...values, createdAt: now })
    .returning()
    .get();
}

/** The institution's live registrations (removed ones are kept for history, listed apart). */
export function listPlatforms(db: Db, institutionId: number): Platform[] {
  return db
    .select()
    .from(ltiPlatforms)
    .where(and(eq(ltiPlatforms.institutionId, institutionId), isNull(ltiPlatforms.removedAt)))
    .orderBy(asc(ltiPlatforms.name), asc(ltiPlatforms.id))
    .all();
}

export function listRemovedPlatforms(db: Db, institutionId: number): Platform[] {
  return db
    .select()
    .from(ltiPlatforms)
    .where(and(eq(ltiPlatforms.institutionId, institutionId), isNotNull(ltiPlatforms.removedAt)))
    .orderBy(desc(ltiPlatforms.removedAt), desc(ltiPlatforms.id))
    .all();
}

/** Any registration, live or removed (history: grades, links and audit rows name it). */
export function findPlatform(db: Db, id: number): Platform | undefined {
  return db.select().from(ltiPlatforms).where(eq(ltiPlatforms.id, id)).get();
}

/** Live registrations for an issuer, narrowed by client id and deployment id when given. */
export function findPlatformsFor(db: Db, issuer: string, clientId?: string, deploymentId?: string): Platform[] {
  const conds = [eq(ltiPlatforms.issuer, issuer), isNull(ltiPlatforms.removedAt)];
  if (clientId) conds.push(eq(ltiPlatforms.clientId, clientId));
  if (deploymentId) conds.push(eq(ltiPlatforms.deploymentId, deploymentId));
  return db
    .select()
    .from(ltiPlatforms)
    .where(and(...conds))
    .orderBy(asc(ltiPlatforms.id))
    .all();
}

/** The live registration of exactly this deployment, if any. */
export function findDeployment(db: Db, issuer: string, clientId: string, deploymentId: string, exceptId?: number): Platform | undefined {
  return findPlatformsFor(db, issuer, clientId, deploymentId).find((p) => p.id !== exceptId);
}

/** Does another institution hold a live registration of this (issuer, client id) pair? */
export function clientHeldElsewhere(db: Db, issuer: string, clientId: string, institutionId: number): boolean {
  return (
    db
      .select({ id: ltiPlatforms.id })
      .from(ltiPlatforms)
      .where(
        and(
          eq(ltiPlatforms.issuer, issuer),
          eq(ltiPlatforms.clientId, clientId),
          ne(ltiPlatforms.institutionId, institutionId),
          isNull(ltiPlatforms.removedAt),
        ),
      )
      .get() !== undefined
  );
}

export type PlatformChanges = Pick<Platform, 'name' | 'deploymentId' | 'jwksUrl' | 'authUrl' | 'tokenUrl'>;

/** Issuer and client id are not changed: the LMS user ids linked to this row are only unique per issuer. */
export function updatePlatform(db: Db, id: number, changes: PlatformChanges): Platform | undefined {
  return db
    .update(ltiPlatforms)
    .set(changes)
    .where(and(eq(ltiPlatforms.id, id), isNull(ltiPlatforms.removedAt)))
    .returning()
    .get();
}

/** Takes the registration out of use; the row stays for what refers to it. */
export function removePlatform(db: Db, id: number, now: number): boolean {
  return (
    db
      .update(ltiPlatforms)
      .set({ removedAt: now })
      .where(and(eq(ltiPlatforms.id, id), isNull(ltiPlatforms.removedAt)))
      .run().changes > 0
  );
}

// --- OIDC login state and nonces ----------------------------------------------------------------

export function insertState(db: Db, row: Omit<LtiState, 'usedAt'>): void {
  db.insert(ltiStates).values(row).run();
}

export function findState(db: Db, state: string): LtiState | undefined {
  return db.select().from(ltiStates).where(eq(ltiStates.state, state)).get();
}

/** Marks a state used; false when it already was (a replayed launch). */
export function consumeState(db: Db, state: string, now: number): boolean {
  return (
    db
      .update(ltiStates)
      .set({ usedAt: now })
      .where(and(eq(ltiStates.state, state), isNull(ltiStates.usedAt)))
      .run().changes > 0
  );
}

/** Records an accepted id_token nonce; false when it was seen before. */
export function recordNonce(db: Db, nonce: string, platformId: number, expiresAt: number): boolean {
  return db.insert(ltiNonces).values({ nonce, platformId, expiresAt }).onConflictDoNothing().run().changes > 0;
}

/** Login states of this platform that could still be used (unused, unexpired). */
export function countLiveStates(db: Db, platformId: number, now: number): number {
  return (
    db
      .select({ n: count() })
      .from(ltiStates)
      .where(and(eq(ltiStates.platformId, platformId), gte(ltiStates.expiresAt, now), isNull(ltiStates.usedAt)))
      .get()?.n ?? 0
  );
}

/** Drops login states and nonces nobody can use any more (a nonce outlives its token's expiry). */
export function purgeExpiredLogin(db: Db, now: number): void {
  db.delete(ltiStates)
    .where(lt(ltiStates.expiresAt, now - 60 * 60_000))
    .run();
  db.delete(ltiNonces).where(lt(ltiNonces.expiresAt, now)).run();
}

/** A platform's expired states at once (when its cap is reached; the worker keeps them an hour). */
export function purgeExpiredStates(db: Db, platformId: number, now: number): void {
  db.delete(ltiStates)
    .where(and(eq(ltiStates.platformId, platformId), lt(ltiStates.expiresAt, now)))
    .run();
}

// --- users ------------------------------------------------------------------------------------

export function findLinkedUserId(db: Db, platformId: number, subject: string): number | undefined {
  return db
    .select({ userId: ltiUsers.userId })
    .from(ltiUsers)
    .where(and(eq(ltiUsers.platformId, platformId), eq(ltiUsers.subject, subject)))
    .get()?.userId;
}

export function linkUser(db: Db, platformId: number, subject: string, userId: number): void {
  db.insert(ltiUsers).values({ platformId, subject, userId }).onConflictDoNothing().run();
}

export function subjectOf(db: Db, platformId: number, userId: number): string | undefined {
  return db
    .select({ subject: ltiUsers.subject })
    .from(ltiUsers)
    .where(and(eq(ltiUsers.platformId, platformId), eq(ltiUsers.userId, userId)))
    .get()?.subject;
}

// --- contexts (LMS courses) ---------------------------------------------------------------------

/** Records what the latest launch said about a context; its cohort link is left as the admin set it. */
export function upsertContext(db: Db, row: Omit<LtiContext, 'cohortId'>): LtiContext {
  const { platformId, contextId, ...rest } = row;
  return db
    .insert(ltiContexts)
    .values({ ...row, cohortId: null })
    .onConflictDoUpdate({
      target: [ltiContexts.platformId, ltiContexts.contextId],
      // A launch without the NRPS/AGS claims must not erase URLs an earlier launch gave.
      set: {
        title: rest.title ?? sql`${ltiContexts.title}`,
        membershipsUrl: rest.membershipsUrl ?? sql`${ltiContexts.membershipsUrl}`,
        lineItemsUrl: rest.lineItemsUrl ?? sql`${ltiContexts.lineItemsUrl}`,
      },
    })
    .returning()
    .get();
}

export function findContext(db: Db, platformId: number, contextId: string): LtiContext | undefined {
  return db
    .select()
    .from(ltiContexts)
    .where(and(eq(ltiContexts.platformId, platformId), eq(ltiContexts.contextId, contextId)))
    .get();
}

export function setContextCohort(db: Db, platformId: number, contextId: string, cohortId: number | null): boolean {
  return (
    db
      .update(ltiContexts)
      .set({ cohortId })
      .where(and(eq(ltiContexts.platformId, platformId), eq(ltiContexts.contextId, contextId)))
      .run().changes > 0
  );
}

export type ContextRow = LtiContext & { platformName: string; cohortName: string | null };

const contextColumns = {
  platformId: ltiContexts.platformId,
  contextId: ltiContexts.contextId,
  cohortId: ltiContexts.cohortId,
  title: ltiContexts.title,
  membershipsUrl: ltiContexts.membershipsUrl,
  lineItemsUrl: ltiContexts.lineItemsUrl,
  platformName: ltiPlatforms.name,
};

/** Each context with the name of the cohort it is linked to (the institutions feature's). */
function withCohortNames(db: Db, rows: Omit<ContextRow, 'cohortName'>[]): ContextRow[] {
  const names = cohortNames(db, [...new Set(rows.flatMap((r) => (r.cohortId === null ? [] : [r.cohortId])))]);
  return rows.map((r) => ({ ...r, cohortName: r.cohortId === null ? null : (names.get(r.cohortId) ?? null) }));
}

export function listInstitutionContexts(db: Db, institutionId: number): ContextRow[] {
  const rows = db
    .select(contextColumns)
    .from(ltiContexts)
    .innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiContexts.platformId))
    .where(and(eq(ltiPlatforms.institutionId, institutionId), isNull(ltiPlatforms.removedAt)))
    .orderBy(asc(ltiPlatforms.name), asc(ltiContexts.title))
    .all();
  return withCohortNames(db, rows);
}

export function cohortContexts(db: Db, cohortId: number): ContextRow[] {
  const rows = db
    .select(contextColumns)
    .from(ltiContexts)
    .innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiContexts.platformId))
    .where(and(eq(ltiContexts.cohortId, cohortId), isNull(ltiPlatforms.removedAt)))
    .orderBy(asc(ltiContexts.title))
    .all();
  return withCohortNames(db, rows);
}

// --- resource links (placements) ----------------------------------------------------------------

export function findResourceLink(db: Db, platformId: number, resourceLinkId: string): ResourceLink | undefined {
  const row = db
    .select()
    .from(ltiResourceLinks)
    .where(and(eq(ltiResourceLinks.platformId, platformId), eq(ltiResourceLinks.resourceLinkId, resourceLinkId)))
    .get();
  return row ? { ...row, target: row.target as Target } : undefined;
}

/** The first launch fixes what a placement opens; later launches refresh its context and line item. */
export function upsertResourceLink(db: Db, row: ResourceLink): ResourceLink {
  db.insert(ltiResourceLinks)
    .values(row)
    .onConflictDoUpdate({
      target: [ltiResourceLinks.platformId, ltiResourceLinks.resourceLinkId],
      set: { contextId: row.contextId, lineItemUrl: row.lineItemUrl ?? sql`${ltiResourceLinks.lineItemUrl}` },
    })
    .run();
  return findResourceLink(db, row.platformId, row.resourceLinkId)!;
}

/**
 * Placements that open something other than a mock exam yet came with a gradebook column: the
 * platform creates a column for every placement (Moodle: "Accept grades from the tool: Always").
 * We never post to those columns; the admin page says how to stop the LMS making them.
 */
export function gradedNonExamPlacements(db: Db, institutionId: number): { platformName: string; resourceLinkId: string; target: Target }[] {
  return db
    .select({ platformName: ltiPlatforms.name, resourceLinkId: ltiResourceLinks.resourceLinkId, target: ltiResourceLinks.target })
    .from(ltiResourceLinks)
    .innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiResourceLinks.platformId))
    .where(
      and(
        eq(ltiPlatforms.institutionId, institutionId),
        isNull(ltiPlatforms.removedAt),
        isNotNull(ltiResourceLinks.lineItemUrl),
        sql`json_extract(${ltiResourceLinks.target}, '$.kind') <> 'exam'`,
      ),
    )
    .orderBy(asc(ltiPlatforms.name), asc(ltiResourceLinks.resourceLinkId))
    .all()
    .map((r) => ({ ...r, target: r.target as Target }));
}

// --- launches (audited) -------------------------------------------------------------------------

export const LAUNCH_ACTION = 'lti.launch';

export type LaunchRecord = { platformId: number; resourceLinkId: string; examKey?: string };

/**
 * The newest launch by this user of a placement opening this exam, at or before `at`. A score is
 * posted back only for exams reached from an LMS; the audit log already records each launch, so it
 * answers "from which placement" without another table.
 */
export function latestExamLaunch(db: Db, institutionId: number, userId: number, examKey: string, at: number): LaunchRecord | undefined {
  return latestAuditDetail(db, { institutionId, actorId: userId, action: LAUNCH_ACTION, at, detail: { examKey } }) as LaunchRecord | undefined;
}
