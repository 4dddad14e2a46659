import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, lte, notInArray, sql } from 'drizzle-orm';
import { inTransaction } from '../db/client.js';
import type { Database } from '../db/database.js';
import { rosterPreviews as table } from './schema.js';
import { rosterPreviews as tablePg } from './schema.pg.js';
import type { TraineeRow } from './trainee-row.js';

// A roster file's rows between its preview and its confirmation, kept for a short time.
// Confirming imports these rows, not a file sent again, so what is imported is what was previewed.
// Each preview is bound to the admin who made it and the cohort, has an unguessable id, is used
// once, and is replaced by that admin's next upload for the cohort. They are rows in the database
// (roster_previews), not this process's memory, so with WORKERS=N the confirmation may be served
// by another process than the preview, and a restart keeps them. On SQLite a put or a take is an
// IMMEDIATE transaction; on PostgreSQL (decision 007) a take locks the preview's row (`for update`)
// so two confirmations cannot both get it, and puts take one advisory lock, so the bound holds.

export const PREVIEW_TTL_MS = 15 * 60 * 1000;
/** Previews held at once (each at most MAX_ROSTER_ROWS rows); the oldest give way. */
export const MAX_PREVIEWS = 100;

export type RosterPreview = {
  id: string;
  adminId: number;
  cohortId: number;
  /** SHA-256 of the uploaded file, repeated by the confirmation form. */
  digest: string;
  rows: { line: number; row: TraineeRow }[];
  /** planSignature of the plan shown (enrolment.ts). */
  signature: string;
  expiresAt: number;
};

export type TakeResult = { ok: true; preview: RosterPreview } | { ok: false; reason: 'missing' | 'changedFile' };

type Stored = typeof table.$inferSelect;

/**
 * What a take does with the stored preview (or its absence): the outcome, and whether the row goes.
 * Another admin's or another cohort's id is "missing" and stays for its owner; a digest that is
 * not the previewed file's is refused and ends the preview; an expired one is gone.
 */
export function decideTake(
  p: Stored | undefined,
  who: { adminId: number; cohortId: number; digest: string },
  now: number,
): { result: TakeResult; remove: boolean } {
  if (!p || p.expiresAt <= now) return { result: { ok: false, reason: 'missing' }, remove: !!p };
  if (p.adminId !== who.adminId || p.cohortId !== who.cohortId) return { result: { ok: false, reason: 'missing' }, remove: false };
  if (p.digest !== who.digest) return { result: { ok: false, reason: 'changedFile' }, remove: true };
  const preview: RosterPreview = {
    id: p.id,
    adminId: p.adminId,
    cohortId: p.cohortId,
    digest: p.digest,
    rows: p.rows as RosterPreview['rows'],
    signature: p.signature,
    expiresAt: p.expiresAt,
  };
  return { result: { ok: true, preview }, remove: true };
}

export function rosterPreviews(database: Database, opts: { ttlMs?: number; max?: number } = {}) {
  const ttl = opts.ttlMs ?? PREVIEW_TTL_MS;
  const max = opts.max ?? MAX_PREVIEWS;

  return {
    async put(values: Omit<RosterPreview, 'id' | 'expiresAt'>, now = Date.now()): Promise<RosterPreview> {
      const preview = { ...values, id: randomBytes(24).toString('base64url'), expiresAt: now + ttl };
      const row = { ...preview, createdAt: now };
      if (database.kind === 'sqlite') {
        const { db } = database;
        inTransaction(
          db,
          () => {
            db.delete(table).where(lte(table.expiresAt, now)).run();
            // Keep the newest max - 1, making room for the one being put.
            const keep = db.select({ id: table.id }).from(table).orderBy(asc(table.createdAt), asc(table.id)).all();
            if (keep.length >= max)
              db.delete(table)
                .where(
                  notInArray(
                    table.id,
                    keep.slice(keep.length - (max - 1)).map((r) => r.id),
                  ),
                )
                .run();
            db.delete(table)
              .where(and(eq(table.adminId, values.adminId), eq(table.cohortId, values.cohortId)))
              .run();
            db.insert(table).values(row).run();
          },
          'immediate',
        );
        return preview;
      }
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('roster-previews', 0))`);
        await tx.delete(tablePg).where(lte(tablePg.expiresAt, now));
        const keep = await tx.select({ id: tablePg.id }).from(tablePg).orderBy(asc(tablePg.createdAt), asc(tablePg.id));
        if (keep.length >= max)
          await tx.delete(tablePg).where(
            notInArray(
              tablePg.id,
              keep.slice(keep.length - (max - 1)).map((r) => r.id),
            ),
          );
        await tx.delete(tablePg).where(and(eq(tablePg.adminId, values.adminId), eq(tablePg.cohortId, values.cohortId)));
        await tx.insert(tablePg).values(row);
      });
      return preview;
    },
    /** The preview, removed so it is used once (decideTake says who gets it). */
    async take(id: string, who: { adminId: number; cohortId: number; digest: string }, now = Date.now()): Promise<TakeResult> {
      if (database.kind === 'sqlite') {
        const { db } = database;
        return inTransaction(
          db,
          (): TakeResult => {
            const { result, remove } = decideTake(db.select().from(table).where(eq(table.id, id)).get(), who, now);
            if (remove) db.delete(table).where(eq(table.id, id)).run();
            return result;
          },
          'immediate',
        );
      }
      return database.db.transaction(async (tx) => {
        // The row stays locked until the end: a second confirmation waits, then finds it gone.
        const [p] = await tx.select().from(tablePg).where(eq(tablePg.id, id)).for('update');
        const { result, remove } = decideTake(p, who, now);
        if (remove) await tx.delete(tablePg).where(eq(tablePg.id, id));
        return result;
      });
    },
    /** Previews held now. */
    async count(): Promise<number> {
      if (database.kind === 'sqlite') return database.db.select({ n: count() }).from(table).get()!.n;
      const [row] = await database.db.select({ n: count() }).from(tablePg);
      return row.n;
    },
  };
}
export type RosterPreviews = ReturnType<typeof rosterPreviews>;
