// A cohort's results at one exam as a file: CSV (UTF-8 with a byte-order mark, so Excel on a
// Chinese Windows reads it as UTF-8 rather than GBK) or XLSX with typed columns and a frozen
// header. A cohort is at most a few thousand rows, so the file is built in memory.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Translate } from '../i18n/index.js';
import { toDateTimeLocal } from '../hours/zoned-time.js';
import type { ResultRow } from './analytics.js';
import { percentOf, round } from './stats.js';

type ColumnType = 'string' | 'integer' | 'decimal' | 'date';
type Cell = string | number | Date | null;
type Column = { header: string; type: ColumnType; width: number; value: (r: ResultRow) => Cell };

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The programme's wall-clock time as a Date whose UTC fields show it (spreadsheets have no zones). */
const wallClock = (at: number, timeZone: string) => new Date(`${toDateTimeLocal(at, timeZone)}:00Z`);

function columns(t: Translate, timeZone: string): Column[] {
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
    { header: t('exams.analytics.file.bestScore'), type: 'decimal', width: 10, value: (r) => r.summary?.best?.score ?? null },
    { header: t('exams.analytics.file.bestPercent'), type: 'decimal', width: 12, value: (r) => (r.summary?.best ? percentOf(r.summary.best) : null) },
    { header: t('exams.analytics.file.latestScore'), type: 'decimal', width: 10, value: (r) => r.summary?.latest?.score ?? null },
    { header: t('exams.analytics.file.latestPercent'), type: 'decimal', width: 12, value: (r) => (r.summary?.latest ? percentOf(r.summary.latest) : null) },
    { header: t('exams.analytics.file.maxScore'), type: 'decimal', width: 8, value: (r) => r.summary?.latest?.maxScore ?? null },
    { header: t('exams.analytics.file.result'), type: 'string', width: 10, value: outcome },
    { header: t('exams.analytics.file.minutesTaken'), type: 'decimal', width: 12, value: (r) => (r.summary?.timeTakenMs != null ? round(r.summary.timeTakenMs / 60_000, 1) : null) },
    { header: t('exams.analytics.file.extraMinutes'), type: 'integer', width: 12, value: (r) => r.extraMinutes },
    { header: t('exams.analytics.file.submittedAt'), type: 'date', width: 18, value: (r) => (r.summary?.latest ? wallClock(r.summary.latest.submittedAt, timeZone) : null) },
  ];
}

// A cell starting with one of these is run as a formula by spreadsheet programs opening a CSV;
// a leading apostrophe keeps it text (names and e-mails are typed by people).
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(c: Column, v: Cell): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 16).replace('T', ' ');
  if (typeof v === 'number') return String(v);
  return FORMULA_START.test(v) ? `'${v}` : v;
}

const NUM_FMT: Record<ColumnType, string | undefined> = { string: undefined, integer: '0', decimal: '0.##', date: 'yyyy-mm-dd hh:mm' };

export async function resultsFile(rows: readonly ResultRow[], format: ExportFormat, opts: { t: Translate; timeZone: string; sheetName: string }): Promise<Uint8Array<ArrayBuffer>> {
  const cols = columns(opts.t, opts.timeZone);
  const cells = rows.map((r) => cols.map((c) => c.value(r)));
  if (format === 'csv') {
    const text = stringify(
      cells.map((row) => row.map((v, i) => csvCell(cols[i]!, v))),
      { bom: true, header: true, columns: cols.map((c) => c.header), record_delimiter: 'windows' },
    );
    return new TextEncoder().encode(text);
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(opts.sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  sheet.columns = cols.map((c, i) => ({ header: c.header, key: String(i), width: c.width, style: NUM_FMT[c.type] ? { numFmt: NUM_FMT[c.type] } : {} }));
  sheet.getRow(1).font = { bold: true };
  for (const row of cells) sheet.addRow(row);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
