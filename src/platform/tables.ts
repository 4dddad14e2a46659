import { once } from 'node:events';
import { PassThrough, Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import type ExcelJS from 'exceljs';

// The one writer of every table file the product hands out (proof exports, exam results): CSV,
// XLSX or JSON, each written as rows arrive so nothing holds the whole file. A table's rows come
// from a generator (often over a database iterator); the writers only pull.
//
// Formula injection: a spreadsheet program opening a CSV runs a cell that starts with = + - @
// (or a tab or carriage return, which some strip first) as a formula, and names and session
// titles are typed by people. Every text cell and header of a CSV that starts so gets a leading
// apostrophe, which spreadsheet programs read as "this is text". In XLSX a text cell is stored
// as a string, never as a formula, so it is written as it is: the file shows the name exactly.
// Numbers in number columns are written as numbers (a negative correction stays -30).

export type ColumnType = 'integer' | 'decimal' | 'string' | 'date';

export type Column = {
  key: string;
  header: string;
  type: ColumnType;
  /** Width in Excel character units (a CJK character counts about 2). */
  width: number;
  /** Spreadsheet text for a value; JSON always carries the raw value. */
  text?: (value: unknown) => string;
  /** Excel number format, when the type's default (0, 0.00, yyyy-mm-dd hh:mm) is not wanted. */
  numFmt?: string;
};

export type Table = {
  /** Facts about the export itself: cohort, range, rules. JSON header and the XLSX "about" sheet. */
  /** `text`: what a person reads in the about sheet (a level's name), when not the raw value JSON keeps. */
  meta: { label: string; key: string; value: string | number | Date; text?: string }[];
  sheetName: string;
  /** The XLSX sheet listing `meta`; none when absent. */
  aboutSheetName?: string;
  columns: Column[];
  rows: () => Iterable<unknown[]>;
  /** Releases whatever feeds the rows (a database reader); safe to call more than once. */
  close: () => void;
  /** An XLSX filter on the header row. */
  autoFilter?: boolean;
};

export type Format = 'csv' | 'xlsx' | 'json';

export const CONTENT_TYPES: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet program will show as text, never run as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Dates in tables carry the wall-clock time in their UTC fields (spreadsheets have no zones). */
const dateText = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;

function plainText(c: Column, v: unknown): string {
  if (c.text) return c.text(v);
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return dateText(v);
  return String(v);
}

/** One CSV cell: numbers of number columns as they are, everything else guarded. */
function csvCell(c: Column, v: unknown): string {
  if (!c.text && typeof v === 'number' && c.type !== 'string') return String(v);
  return neutraliseFormula(plainText(c, v));
}

/** One XLSX cell: typed values for typed columns, text (stored as a string cell) for the rest. */
function xlsxCell(c: Column, v: unknown): ExcelJS.CellValue {
  if (c.type === 'string' || c.text) return plainText(c, v);
  if (v === undefined) return null;
  return v as ExcelJS.CellValue;
}

const NUM_FMT: Record<ColumnType, string | undefined> = { string: undefined, integer: '0', decimal: '0.00', date: 'yyyy-mm-dd hh:mm' };

/** Excel refuses sheet names with []:*?/\ or longer than 31 characters. */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';

/** Whatever ends the stream (done, failed, or the client went away) releases the reader. */
function closing<T extends NodeJS.ReadableStream & { once: Readable['once'] }>(stream: T, table: Table): T {
  stream.once('close', table.close);
  stream.once('end', table.close);
  stream.once('error', table.close);
  return stream;
}

export function writeTable(table: Table, format: Format): Readable {
  switch (format) {
    case 'csv':
      return csvStream(table);
    case 'xlsx':
      return xlsxStream(table);
    case 'json':
      return jsonStream(table);
  }
}

/** The whole file in memory, for tables known to be small (one cohort's exam results). */
export async function tableBytes(table: Table, format: Format): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  for await (const chunk of writeTable(table, format)) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const all = Buffer.concat(chunks);
  const out = new Uint8Array(new ArrayBuffer(all.length));
  out.set(all);
  return out;
}

/** UTF-8 with a byte-order mark, so Excel on a Chinese Windows opens it as UTF-8, not GBK. */
function csvStream(table: Table): Readable {
  const source = Readable.from(
    (function* () {
      yield table.columns.map((c) => neutraliseFormula(c.header));
      for (const row of table.rows()) yield row.map((v, i) => csvCell(table.columns[i]!, v));
    })(),
  );
  const csv = stringify({ bom: true, record_delimiter: 'windows' });
  pipeline(source, csv, () => table.close());
  return closing(csv, table);
}

function xlsxStream(table: Table): Readable {
  const out = new PassThrough();
  const write = async () => {
    // exceljs takes about a second to load: only an XLSX download pays for it.
    const { default: Excel } = await import('exceljs');
    const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    // The file's own dates are the range's end, not "now", so the same range gives the same workbook facts.
    const stamp = table.meta.find((m) => m.value instanceof Date)?.value as Date | undefined;
    if (stamp) workbook.created = workbook.modified = stamp;
    const sheet = workbook.addWorksheet(sheetName(table.sheetName), { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    // Formats are set on the columns before any row is added, or exceljs leaves rows unformatted.
    sheet.columns = table.columns.map((c) => {
      const numFmt = c.numFmt ?? NUM_FMT[c.type];
      return { header: c.header, key: c.key, width: c.width, style: numFmt ? { numFmt } : {} };
    });
    if (table.autoFilter) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    let n = 0;
    for (const row of table.rows()) {
      sheet.addRow(row.map((v, i) => xlsxCell(table.columns[i]!, v))).commit();
      // Let the zip stream drain now and then instead of queueing the whole sheet in memory.
      if (++n % 500 === 0) {
        if (out.writableNeedDrain) await once(out, 'drain');
        else await new Promise((r) => setImmediate(r));
      }
    }
    sheet.commit();
    if (table.aboutSheetName) {
      const about = workbook.addWorksheet(sheetName(table.aboutSheetName));
      about.columns = [
        { key: 'label', width: 24 },
        { key: 'value', width: 48 },
      ];
      for (const m of table.meta) {
        const row = about.addRow([m.label, m.text ?? m.value]);
        if (m.value instanceof Date) row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm';
        row.commit();
      }
      about.commit();
    }
    await workbook.commit();
  };
  write().then(table.close, (err: unknown) => {
    table.close();
    out.destroy(err as Error);
  });
  return closing(out, table);
}

/**
 * {"format":"bcm-export@1","meta":{…},"columns":[…],"rows":[ one row per line ]}: keys in a fixed
 * order and no timestamps of its own, so the same range gives byte-identical files.
 */
function jsonStream(table: Table): Readable {
  // Flat string and number values with keys in code-unit order: the same bytes RFC 8785 gives.
  const meta = Object.fromEntries(
    table.meta.map((m) => [m.key, m.value instanceof Date ? m.value.toISOString() : m.value] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const columns = table.columns.map((c) => ({ header: c.header, key: c.key, type: c.type }));
  const chunks = function* () {
    yield `{"format":"bcm-export@1","meta":${JSON.stringify(meta)},"columns":${JSON.stringify(columns)},"rows":[`;
    let first = true;
    let buffer = '';
    for (const row of table.rows()) {
      const obj: Record<string, unknown> = {};
      table.columns.forEach((c, i) => (obj[c.key] = row[i] ?? null));
      buffer += `${first ? '\n' : ',\n'}${JSON.stringify(obj)}`;
      first = false;
      if (buffer.length > 64_000) {
        yield buffer;
        buffer = '';
      }
    }
    yield `${buffer}\n]}\n`;
  };
  return closing(Readable.from(chunks(), { objectMode: false }), table);
}
