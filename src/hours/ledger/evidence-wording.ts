import type { Translate } from '../../i18n/index.js';

// The ledger's "evidence" column as a sentence an institution's staff read without help: what the
// roster, the check-in, the online presence or an imported export said, and what it credited.
// (A correction's column is its reason and a link to the entry it corrects: see ledger-table.tsx.)
// Pure: the view passes the row and a translator.

export type EvidenceRow = { source: string; evidence: unknown };

const STATUSES = ['present', 'late', 'leftEarly', 'excused', 'absent'] as const;
type Status = (typeof STATUSES)[number];

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function statusText(t: Translate, status: Status, minutes: number | null): string {
  if ((status === 'late' || status === 'leftEarly') && minutes !== null && minutes > 0) {
    return t(`wording.evidence.status.${status}Minutes`, { minutes });
  }
  return t(`wording.evidence.status.${status}`);
}

/** "，计 90 分钟" when the evidence says what it credited (rows written before it did, say nothing). */
function creditText(t: Translate, e: Record<string, unknown>): string {
  const credit = num(e.creditMinutes);
  return credit === null ? '' : t('wording.evidence.credit', { minutes: credit });
}

export function describeEvidence(t: Translate, row: EvidenceRow): string {
  const e = row.evidence && typeof row.evidence === 'object' ? (row.evidence as Record<string, unknown>) : null;
  if (!e) return '';
  if (row.source === 'roster' || row.source === 'check-in') {
    const status = STATUSES.find((s) => s === e.status);
    if (!status) return '';
    const lead = row.source === 'roster' ? t('wording.evidence.roster') : t('wording.evidence.checkIn');
    return `${lead}${t('wording.colon')}${statusText(t, status, num(e.minutes))}${creditText(t, e)}`;
  }
  const activeMs = num(e.activeMs);
  const requiredMs = num(e.requiredActiveMs);
  if (activeMs !== null && requiredMs !== null) {
    return t('wording.evidence.selfStudy', { minutes: Math.floor(activeMs / 60_000), required: Math.ceil(requiredMs / 60_000) });
  }
  const attended = num(e.attendedMinutes);
  if (attended !== null) {
    const share = num(e.share);
    const lead = row.source === 'import' ? t('wording.evidence.remoteImport') : t('wording.evidence.remoteOnline');
    const body =
      share === null
        ? t('wording.evidence.attended', { minutes: attended })
        : t('wording.evidence.attendedShare', { minutes: attended, percent: Math.round(share * 100) });
    return `${lead}${t('wording.colon')}${body}${creditText(t, e)}`;
  }
  return '';
}
