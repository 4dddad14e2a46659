import type ExcelJS from 'exceljs';
import { isZip, readCsvRows, readXlsxRows, MAX_XLSX_CELLS, MAX_XLSX_UNPACKED_BYTES, type SheetProblem } from '../../platform/sheet-reader.js';

// Reads a meeting platform's attendance export (CSV in UTF-8 or GBK, or XLSX) into raw records
// with their line numbers, through platform/sheet-reader.ts like the roster and question imports. Kept separate
// because an attendance export needs the time of day from date cells, which the roster reader
// deliberately flattens to a calendar day.

export const MAX_EXPORT_BYTES = 5 * 1024 * 1024;
/**
 * Join/leave rows in one export (the header not counted). A session of a few hundred trainees
 * who each drop out and rejoin a few times is a few thousand rows.
 */
export const MAX_ATTENDANCE_ROWS = 20_000;
/** What the messages about a refused workbook quote. */
export const XLSX_BOUNDS = { maxMegabytes: MAX_XLSX_UNPACKED_BYTES / 1024 / 1024, maxCells: MAX_XLSX_CELLS };

export type SheetRecord = { line: number; cells: string[] };
export type SheetRead = { records: SheetRecord[] } | { error: 'tooLarge' | 'unreadable' | 'empty' | 'tooManyRows' | 'unpackedTooLarge'; line?: number };

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * exceljs turns a date cell's serial number into a Date whose UTC fields are the wall-clock time
 * shown in Excel; write those fields out so the import reads them in the programme's time zone.
 */
function wallClock(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return wallClock(value);
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return value.result instanceof Date ? wallClock(value.result) : String(value.result ?? ''); // formula
  }
  return String(value);
}

export async function readAttendanceFile(fileName: string, bytes: Uint8Array): Promise<SheetRead> {
  if (bytes.byteLength > MAX_EXPORT_BYTES) return { error: 'tooLarge' };
  // The header row comes on top of the attendance rows.
  const maxRows = MAX_ATTENDANCE_ROWS + 1;
  let records: SheetRecord[];
  if (isZip(bytes) || /\.xlsx$/i.test(fileName)) {
    const read = await readXlsxRows(bytes, { maxRows, cellText });
    if (!read.ok) return problemOf(read.problem);
    records = read.sheets[0] ?? [];
  } else {
    const read = await readCsvRows(bytes, { maxRows });
    if (!read.ok) return problemOf(read.problem);
    records = read.rows;
  }
  return records.length ? { records } : { error: 'empty' };
}

function problemOf(problem: SheetProblem): SheetRead {
  if (problem.code === 'unreadable') return problem.line ? { error: 'unreadable', line: problem.line } : { error: 'unreadable' };
  return { error: problem.code };
}
