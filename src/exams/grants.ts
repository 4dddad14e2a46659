// Granting extra time: validated input, scoped like every exam record (staff-scope.ts), and
// applied to a running attempt too (an instructor granting time mid-exam means "now", not "next time").
import type { CurrentUser } from '../env.js';
import type { Db } from '../db/client.js';
import type { MessageKey } from '../i18n/index.js';
import type { Blueprint } from './blueprint.js';
import { MINUTE_MS } from './clock.js';
import { findTrainee } from '../institutions/index.js';
import { extendOpenAttempt, insertGrant } from './grants-store.js';
import { reachesTrainee } from './staff-scope.js';
import { immediate } from './store.js';

export type Grant = { traineeId: number; examKey: string; minutes: number; reason: string | null };

export function parseGrant(
  body: Record<string, unknown>,
  blueprints: ReadonlyMap<string, Blueprint>,
): { ok: true; grant: Grant; values: Record<string, string> } | { ok: false; errors: MessageKey[]; values: Record<string, string> } {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
  const values = { traineeId: s('traineeId'), examKey: s('examKey'), minutes: s('minutes'), reason: s('reason') };
  const errors: MessageKey[] = [];
  const traineeId = Number(values.traineeId);
  const minutes = Number(values.minutes);
  if (!Number.isSafeInteger(traineeId) || traineeId <= 0) errors.push('exams.grants.errTrainee');
  if (!blueprints.has(values.examKey)) errors.push('exams.grants.errExam');
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 240) errors.push('exams.grants.errMinutes');
  if (values.reason.length > 200) errors.push('exams.grants.errReason');
  if (errors.length) return { ok: false, errors, values };
  return { ok: true, grant: { traineeId, examKey: values.examKey, minutes, reason: values.reason || null }, values };
}

/**
 * 'notFound' for a trainee the granting user does not reach — another institution's, or for an
 * instructor one outside their cohorts — exactly as for a trainee who does not exist.
 */
export function grantExtraTime(db: Db, by: CurrentUser, grant: Grant, now = Date.now()): 'granted' | 'extended' | 'notFound' {
  const trainee = findTrainee(db, grant.traineeId);
  if (!trainee || trainee.institutionId === null || !reachesTrainee(db, by, { id: trainee.id, institutionId: trainee.institutionId })) return 'notFound';
  return immediate(db, () => {
    insertGrant(db, { traineeId: trainee.id, examKey: grant.examKey, extraMinutes: grant.minutes, reason: grant.reason, grantedBy: by.id, grantedAt: now });
    return extendOpenAttempt(db, trainee.id, grant.examKey, grant.minutes * MINUTE_MS, now) ? 'extended' : 'granted';
  });
}
