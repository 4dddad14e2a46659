import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

// Reads a meeting platform's attendance export (CSV in UTF-8 or GBK, or XLSX) into raw records
// with their line numbers, the way institutions/roster-file.ts reads rosters. Kept separate
// because an attendance export needs the time of day from date cells, which the roster reader
// deliberately flattens to a calendar day.

export const MAX_EXPORT_BYTES = 5 * 1024 * 1024;

export type SheetRecord = { line: number; cells: string[] };
export type SheetRead = { records: SheetRecord[] } | { error: 'tooLarge' | 'unreadable' | 'empty'; line?: number };

/** Chinese Excel often saves CSV as GBK: try strict UTF-8 first, then GB18030 (a superset). */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function readCsv(bytes: Uint8Array): SheetRead {
  let text = decodeText(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    const records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: false }) as unknown as { record: string[]; info: { lines: number } }[];
    return { records: records.map((r) => ({ line: r.info.lines, cells: r.record })) };
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return line ? { error: 'unreadable', line } : { error: 'unreadable' };
  }
}

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

async function readXlsx(bytes: Uint8Array): Promise<SheetRead> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { error: 'unreadable' };
  }
  const sheet = book.worksheets[0];
  if (!sheet) return { error: 'empty' };
  const records: SheetRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) cells.push(cellText(row.getCell(i).value));
    records.push({ line: rowNumber, cells });
  });
  return { records };
}

export async function readAttendanceFile(fileName: string, bytes: Uint8Array): Promise<SheetRead> {
  if (bytes.byteLength > MAX_EXPORT_BYTES) return { error: 'tooLarge' };
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b; // XLSX is a zip, whatever the name says
  const read = isZip || /\.xlsx$/i.test(fileName) ? await readXlsx(bytes) : readCsv(bytes);
  if ('records' in read && !read.records.some((r) => r.cells.some((c) => c.trim() !== ''))) return { error: 'empty' };
  return read;
}
