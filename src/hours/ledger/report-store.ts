import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { personNames } from '../../institutions/index.js';
import { calendarFeeds, classSessions, hourEntries } from '../schema.js';
import type { HourEntry } from '../store.js';

// Queries behind the institution dashboards (trainee ledger, calendar feeds). Hours totals are in
// totals.ts; the audit log is the institutions feature's.

export type LedgerRow = {
  entry: HourEntry;
  recorderName: string | null;
  sessionTitle: string | null;
  /**
   * The row is a class's that has not ended at `now`: a class's rows count from its end (see
   * totals.effectiveAt), so the totals leave it out until then and the table says so.
   */
  pending: boolean;
};

/**
 * A trainee's ledger, newest first, with who recorded each row and the session's title. With an
 * institution, only rows that institution recorded (an admin never sees another's records).
 */
export function ledgerRows(db: Db, traineeId: number, institutionId: number | null, now = Date.now()): LedgerRow[] {
  const where =
    institutionId === null ? eq(hourEntries.traineeId, traineeId) : and(eq(hourEntries.traineeId, traineeId), eq(hourEntries.institutionId, institutionId));
  const rows = db
    .select({ entry: hourEntries, sessionTitle: classSessions.title, sessionEndsAt: classSessions.endsAt })
    .from(hourEntries)
    .leftJoin(classSessions, eq(classSessions.id, hourEntries.sessionId))
    .where(where)
    .orderBy(desc(hourEntries.recordedAt), desc(hourEntries.id))
    .all();
  const names = personNames(db, [...new Set(rows.flatMap((r) => (r.entry.recordedBy === null ? [] : [r.entry.recordedBy])))]);
  return rows.map(({ sessionEndsAt, ...r }) => ({
    ...r,
    recorderName: r.entry.recordedBy === null ? null : (names.get(r.entry.recordedBy) ?? null),
    pending: sessionEndsAt !== null && sessionEndsAt > now,
  }));
}

// --- calendar feeds ---------------------------------------------------------------------------

/**
 * Removes a person's earlier feed for the same scope (their own, or one cohort's), so making a new
 * link revokes a URL that leaked.
 */
export function deleteFeeds(db: Db, userId: number, cohortId: number | null): void {
  const scope = cohortId === null ? isNull(calendarFeeds.cohortId) : eq(calendarFeeds.cohortId, cohortId);
  db.delete(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, userId), scope))
    .run();
}
