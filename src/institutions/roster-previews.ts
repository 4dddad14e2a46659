import { randomBytes } from 'node:crypto';
import { and, asc, eq, lte, notInArray } from 'drizzle-orm';
import { inTransaction, type Db } from '../db/client.js';
import { rosterPreviews as table } from './schema.js';
import type { TraineeRow } from './trainee-row.js';

// A roster file's rows between its preview and its confirmation, kept for a short time.
// Confirming imports these rows, not a file sent again, so what is imported is what was previewed.
// Each preview is bound to the admin who made it and the cohort, has an unguessable id, is used
// once, and is replaced by that admin's next upload for the cohort. They are rows in the database
// (roster_previews), not this process's memory, so with WORKERS=N the confirmation may be served
// by another process than the preview, and a restart keeps them.

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

export function rosterPreviews(db: Db, opts: { ttlMs?: number; max?: number } = {}) {
  const ttl = opts.ttlMs ?? PREVIEW_TTL_MS;
  const max = opts.max ?? MAX_PREVIEWS;

  function sweep(now: number) {
    db.delete(table).where(lte(table.expiresAt, now)).run();
    // Keep the newest max - 1, making room for the one being put.
    const keep = db
      .select({ id: table.id })
      .from(table)
      .orderBy(asc(table.createdAt), asc(table.id))
      .all()
      .map((r) => r.id);
    if (keep.length >= max)
      db.delete(table)
        .where(notInArray(table.id, keep.slice(keep.length - (max - 1))))
        .run();
  }

  return {
    put(values: Omit<RosterPreview, 'id' | 'expiresAt'>, now = Date.now()): RosterPreview {
      const preview = { ...values, id: randomBytes(24).toString('base64url'), expiresAt: now + ttl };
      inTransaction(
        db,
        () => {
          sweep(now);
          db.delete(table)
            .where(and(eq(table.adminId, values.adminId), eq(table.cohortId, values.cohortId)))
            .run();
          db.insert(table)
            .values({ ...preview, createdAt: now })
            .run();
        },
        'immediate',
      );
      return preview;
    },
    /**
     * The preview, removed so it is used once. Another admin's or another cohort's id is
     * "missing" and stays for its owner; a digest that is not the previewed file's is refused and
     * ends the preview.
     */
    take(id: string, who: { adminId: number; cohortId: number; digest: string }, now = Date.now()): TakeResult {
      return inTransaction(
        db,
        (): TakeResult => {
          const p = db.select().from(table).where(eq(table.id, id)).get();
          if (!p || p.expiresAt <= now) {
            if (p) db.delete(table).where(eq(table.id, id)).run();
            return { ok: false, reason: 'missing' };
          }
          if (p.adminId !== who.adminId || p.cohortId !== who.cohortId) return { ok: false, reason: 'missing' };
          db.delete(table).where(eq(table.id, id)).run();
          if (p.digest !== who.digest) return { ok: false, reason: 'changedFile' };
          const preview: RosterPreview = {
            id: p.id,
            adminId: p.adminId,
            cohortId: p.cohortId,
            digest: p.digest,
            rows: p.rows as RosterPreview['rows'],
            signature: p.signature,
            expiresAt: p.expiresAt,
          };
          return { ok: true, preview };
        },
        'immediate',
      );
    },
    get size(): number {
      return db.select({ id: table.id }).from(table).all().length;
    },
  };
}
export type RosterPreviews = ReturnType<typeof rosterPreviews>;
