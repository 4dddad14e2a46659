import { randomBytes } from 'node:crypto';
import type { TraineeRow } from './trainee-row.js';

// A roster file's rows between its preview and its confirmation, kept in this process's memory
// for a short time. Confirming imports these rows, not a file sent again, so what is imported is
// what was previewed. Each preview is bound to the admin who made it and the cohort, has an
// unguessable id, is used once, and is replaced by that admin's next upload for the cohort. A
// restart forgets previews: the admin uploads the file again.

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

export function rosterPreviews(opts: { ttlMs?: number; max?: number } = {}) {
  const ttl = opts.ttlMs ?? PREVIEW_TTL_MS;
  const max = opts.max ?? MAX_PREVIEWS;
  const held = new Map<string, RosterPreview>(); // insertion order: oldest first

  function sweep(now: number) {
    for (const [id, p] of held) if (p.expiresAt <= now) held.delete(id);
    while (held.size >= max) held.delete(held.keys().next().value!);
  }

  return {
    put(values: Omit<RosterPreview, 'id' | 'expiresAt'>, now = Date.now()): RosterPreview {
      sweep(now);
      for (const [id, p] of held) if (p.adminId === values.adminId && p.cohortId === values.cohortId) held.delete(id);
      const preview = { ...values, id: randomBytes(24).toString('base64url'), expiresAt: now + ttl };
      held.set(preview.id, preview);
      return preview;
    },
    /**
     * The preview, removed so it is used once. Another admin's or another cohort's id is
     * "missing" and stays for its owner; a digest that is not the previewed file's is refused and
     * ends the preview.
     */
    take(id: string, who: { adminId: number; cohortId: number; digest: string }, now = Date.now()): TakeResult {
      const p = held.get(id);
      if (!p || p.expiresAt <= now) {
        held.delete(id);
        return { ok: false, reason: 'missing' };
      }
      if (p.adminId !== who.adminId || p.cohortId !== who.cohortId) return { ok: false, reason: 'missing' };
      held.delete(id);
      return p.digest === who.digest ? { ok: true, preview: p } : { ok: false, reason: 'changedFile' };
    },
    get size() {
      return held.size;
    },
  };
}
export type RosterPreviews = ReturnType<typeof rosterPreviews>;
