import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Translate } from '../i18n/index.js';
import { cellText, decodeText } from '../institutions/roster-file.js';
import type { SourceError } from './types.js';

// Turns a CSV (UTF-8 or GBK) or XLSX question sheet into rows of trimmed text cells, each with the
// row number the user sees in Excel or WPS: a quoted multi-line cell is one row, and a blank line
// still counts as a row, so "row 7" is the seventh row on screen, not the seventh line of text.

export type SheetRecord = { row: number; cells: string[] };
export type SheetRead = { records: SheetRecord[] } | { errors: SourceError[] };

/** Cell text as typed, minus surrounding spaces; Windows line breaks inside a cell become \n. */
const clean = (s: string) => s.replace(/\r\n?/g, '\n').trim();

export function readCsvSheet(bytes: Uint8Array, t: Translate): SheetRead {
  let text = decodeText(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    const records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: false, relax_quotes: true }) as unknown as {
      record: string[];
      info: { records: number };
    }[];
    return { records: records.map((r) => ({ row: r.info.records, cells: r.record.map(clean) })) };
  } catch (e) {
    // csv-parse counts physical lines here; the nearest we can say is where the quote opened.
    const line = (e as { lines?: number }).lines ?? 1;
    return { errors: [{ at: line, message: t('questions.error.csvUnreadable') }] };
  }
}

/** Does this row look like our header (a type column and a stem column)? */
export type HeaderTest = (cells: string[]) => boolean;

export async function readXlsxSheet(bytes: Uint8Array, isHeader: HeaderTest, t: Translate): Promise<SheetRead> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { errors: [{ at: 1, message: t('questions.error.xlsxUnreadable') }] };
  }
  // The template's first sheet holds the questions and a second one the instructions, but people
  // reorder sheets: take the first whose top rows contain our header.
  const sheets = book.worksheets.map((sheet) => {
    const records: SheetRecord[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let i = 1; i <= row.cellCount; i++) cells.push(clean(cellText(row.getCell(i).value)));
      records.push({ row: rowNumber, cells });
    });
    return records;
  });
  const chosen = sheets.find((records) => records.slice(0, 5).some((r) => isHeader(r.cells))) ?? sheets[0];
  return { records: chosen ?? [] };
}
