import type { Translate } from '../i18n/index.js';
import { cellText, readCsvRows, readXlsxRows, type SheetProblem } from '../platform/sheet-reader.js';
import type { SourceError } from './types.js';

// Turns a CSV (UTF-8 or GBK) or XLSX question sheet into rows of trimmed text cells, each with the
// row number the user sees in Excel or WPS: a quoted multi-line cell is one row, and a blank line
// still counts as a row, so "row 7" is the seventh row on screen, not the seventh line of text.
// Blank rows are left out (nothing reads them); the reader's bounds are platform/sheet-reader.ts's.

export type SheetRecord = { row: number; cells: string[] };
export type SheetRead = { records: SheetRecord[] } | { errors: SourceError[] };

/** Questions in one file; a course's whole bank is a few hundred. */
export const MAX_QUESTION_ROWS = 10_000;
/** Room above the questions for the header and a title or note some platforms put on top. */
const HEADER_ROWS = 5;

/** Cell text as typed, minus surrounding spaces; Windows line breaks inside a cell become \n. */
const clean = (s: string) => s.replace(/\r\n?/g, '\n').trim();

function problemErrors(
  problem: SheetProblem,
  unreadable: 'questions.error.csvUnreadable' | 'questions.error.xlsxUnreadable',
  t: Translate,
): { errors: SourceError[] } {
  switch (problem.code) {
    case 'tooManyRows':
      return { errors: [{ at: 1, message: t('questions.error.tooManyRows', { max: MAX_QUESTION_ROWS }) }] };
    case 'unpackedTooLarge':
      return { errors: [{ at: 1, message: t('questions.error.unpackedTooLarge', { max: problem.maxBytes / 1024 / 1024, cells: problem.maxCells }) }] };
    case 'unreadable':
      // csv-parse counts physical lines here; the nearest we can say is where the quote opened.
      return { errors: [{ at: problem.line ?? 1, message: t(unreadable) }] };
  }
}

export async function readCsvSheet(bytes: Uint8Array, t: Translate): Promise<SheetRead> {
  const read = await readCsvRows(bytes, { maxRows: MAX_QUESTION_ROWS + HEADER_ROWS, relaxQuotes: true });
  if (!read.ok) return problemErrors(read.problem, 'questions.error.csvUnreadable', t);
  return { records: read.rows.map((r) => ({ row: r.row, cells: r.cells.map(clean) })) };
}

/** Does this row look like our header (a type column and a stem column)? */
export type HeaderTest = (cells: string[]) => boolean;

export async function readXlsxSheet(bytes: Uint8Array, isHeader: HeaderTest, t: Translate): Promise<SheetRead> {
  const read = await readXlsxRows(bytes, { maxRows: MAX_QUESTION_ROWS + HEADER_ROWS, cellText: (v) => clean(cellText(v)) });
  if (!read.ok) return problemErrors(read.problem, 'questions.error.xlsxUnreadable', t);
  // The template's first sheet holds the questions and a second one the instructions, but people
  // reorder sheets: take the first whose top rows contain our header.
  const sheets = read.sheets.map((rows) => rows.map((r) => ({ row: r.row, cells: r.cells })));
  const chosen = sheets.find((records) => records.slice(0, 5).some((r) => isHeader(r.cells))) ?? sheets[0];
  return { records: chosen ?? [] };
}
