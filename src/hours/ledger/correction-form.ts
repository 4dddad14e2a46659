import type { Translate } from '../../i18n/index.js';
import { STUDY_MODES, type StudyMode } from '../rules/requirements.js';

// The admin's correction form, checked field by field so every message names its field. Checks
// that need the ledger (the corrected entry, a total going negative) are made by the route.

/** A whole level is at most 96 class hours (4,320 minutes at 45); ten thousand covers any slip. */
export const MAX_CORRECTION_MINUTES = 10_000;
export const MAX_REASON_LENGTH = 500;

export type CorrectionFields = { mode: string; minutes: string; reason: string; correctsId: string };
export type Correction = { mode: StudyMode; minutes: number; reason: string; correctsId: number | null };

export function parseCorrection(v: CorrectionFields, t: Translate): { ok: true; value: Correction } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const mode = STUDY_MODES.find((m) => m === v.mode);
  if (!mode) errors.push(t('dashboards.correction.error.mode'));
  const minutes = /^[+-]?\d{1,6}$/.test(v.minutes.trim()) ? Number(v.minutes.trim()) : NaN;
  if (!Number.isInteger(minutes) || minutes === 0 || Math.abs(minutes) > MAX_CORRECTION_MINUTES) {
    errors.push(t('dashboards.correction.error.minutes', { max: MAX_CORRECTION_MINUTES }));
  }
  const reason = v.reason.trim();
  if (!reason) errors.push(t('dashboards.correction.error.reasonRequired'));
  else if (reason.length > MAX_REASON_LENGTH) errors.push(t('dashboards.correction.error.reasonTooLong', { max: MAX_REASON_LENGTH }));
  let correctsId: number | null = null;
  if (v.correctsId.trim()) {
    correctsId = /^\d{1,15}$/.test(v.correctsId.trim()) ? Number(v.correctsId.trim()) : NaN;
    if (!Number.isSafeInteger(correctsId) || correctsId < 1) errors.push(t('dashboards.correction.error.correctsId'));
  }
  if (errors.length || !mode) return { ok: false, errors };
  return { ok: true, value: { mode, minutes, reason, correctsId } };
}
