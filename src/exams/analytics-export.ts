// A cohort's results at one exam as a file: CSV (UTF-8 with a byte-order mark, so Excel on a
// Chinese Windows reads it as UTF-8 rather than GBK) or XLSX with typed columns and a frozen
// header, written by the product's one table writer (platform/tables.ts), which also guards
// against formula injection. A cohort is at most a few thousand rows, so the file is built in memory.
import type { Translate } from '../i18n/index.js';
import { toDateTimeLocal } from '../platform/zoned-time.js';
import { CONTENT_TYPES, tableBytes, type Column } from '../platform/tables.js';
import type { ResultRow } from './analytics.js';
import { percentOf, round } from './stats.js';

type Cell = string | number | Date | null;
type ResultColumn = Omit<Column, 'key'> & { value: (r: ResultRow) => Cell };

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_TYPES: Record<ExportFormat, string> = { csv: CONTENT_TYPES.csv, xlsx: CONTENT_TYPES.xlsx };

/** The programme's wall-clock time as a Date whose UTC fields show it (spreadsheets have no zones). */
const wallClock = (at: number, timeZone: string) => new Date(`${toDateTimeLocal(at, timeZone)}:00Z`);

const SCORE_FMT = '0.##';

function columns(t: Translate, timeZone: string): ResultColumn[] {
  const outcome = (r: ResultRow) => {
    const s = r.summary;
    if (s?.passed === true) return t('exams.passed');
    if (s?.passed === false) return t('exams.failed');
    return t(s?.open ? 'exams.analytics.inProgress' : 'exams.analytics.notSat');
  };
  return [
    { header: t('exams.analytics.file.name'), type: 'string', width: 14, value: (r) => r.trainee.name },
    { header: t('exams.analytics.file.email'), type: 'string', width: 28, value: (r) => r.trainee.email },
    { header: t('exams.analytics.file.employeeNo'), type: 'string', width: 12, value: (r) => r.trainee.employeeNo },
    { header: t('exams.analytics.file.enrolled'), type: 'string', width: 10, value: (r) => t(r.trainee.enrolled ? 'common.yes' : 'common.no') },
    { header: t('exams.analytics.file.attempts'), type: 'integer', width: 10, value: (r) => r.summary?.attempts ?? 0 },
    { header: t('exams.analytics.file.bestScore'), type: 'decimal', numFmt: SCORE_FMT, width: 10, value: (r) => r.summary?.best?.score ?? null },
    {
      header: t('exams.analytics.file.bestPercent'),
      type: 'decimal',
      numFmt: SCORE_FMT,
      width: 12,
      value: (r) => (r.summary?.best ? percentOf(r.summary.best) : null),
    },
    { header: t('exams.analytics.file.latestScore'), type: 'decimal', numFmt: SCORE_FMT, width: 10, value: (r) => r.summary?.latest?.score ?? null },
    {
      header: t('exams.analytics.file.latestPercent'),
      type: 'decimal',
      numFmt: SCORE_FMT,
      width: 12,
      value: (r) => (r.summary?.latest ? percentOf(r.summary.latest) : null),
    },
    { header: t('exams.analytics.file.maxScore'), type: 'decimal', numFmt: SCORE_FMT, width: 8, value: (r) => r.summary?.latest?.maxScore ?? null },
    { header: t('exams.analytics.file.result'), type: 'string', width: 10, value: outcome },
    {
      header: t('exams.analytics.file.minutesTaken'),
      type: 'decimal',
      numFmt: SCORE_FMT,
      width: 12,
      value: (r) => (r.summary?.timeTakenMs != null ? round(r.summary.timeTakenMs / 60_000, 1) : null),
    },
    { header: t('exams.analytics.file.extraMinutes'), type: 'integer', width: 12, value: (r) => r.extraMinutes },
    {
      header: t('exams.analytics.file.submittedAt'),
      type: 'date',
      width: 18,
      value: (r) => (r.summary?.latest ? wallClock(r.summary.latest.submittedAt, timeZone) : null),
    },
  ];
}

export async function resultsFile(
  rows: readonly ResultRow[],
  format: ExportFormat,
  opts: { t: Translate; timeZone: string; sheetName: string },
): Promise<Uint8Array<ArrayBuffer>> {
  const cols = columns(opts.t, opts.timeZone);
  return tableBytes(
    {
      meta: [],
      sheetName: opts.sheetName,
      columns: cols.map(({ value: _value, ...c }, i) => ({ ...c, key: String(i) })),
      rows: () => rows.map((r) => cols.map((c) => c.value(r))),
      close: () => {},
      autoFilter: true,
    },
    format,
  );
}
