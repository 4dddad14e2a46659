import { once } from 'node:events';
import { PassThrough, Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { canonicalJson } from './canonical.js';

// One table, three file formats, each written as rows arrive: nothing holds the whole file.
// A table's rows come from a generator over a database iterator; the writers only pull.

export type Column = {
  key: string;
  header: string;
  type: 'integer' | 'decimal' | 'string';
  /** Width in Excel character units (a CJK character counts about 2). */
  width: number;
  /** Spreadsheet text for a value; JSON always carries the raw value. */
  text?: (value: unknown) => string;
};

export type Table = {
  /** Facts about the export itself: cohort, range, rules. JSON header and the XLSX "about" sheet. */
  meta: { label: string; key: string; value: string | number | Date }[];
  sheetName: string;
  aboutSheetName: string;
  columns: Column[];
  rows: () => Iterable<unknown[]>;
  /** Releases the database reader; safe to call more than once. */
  close: () => void;
};

export type Format = 'csv' | 'xlsx' | 'json';

export const CONTENT_TYPES: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

const cellText = (c: Column, v: unknown) => (c.text ? c.text(v) : v === null || v === undefined ? '' : String(v));

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

/** UTF-8 with a byte-order mark, so Excel on a Chinese Windows opens it as UTF-8, not GBK. */
function csvStream(table: Table): Readable {
  const source = Readable.from(
    (function* () {
      for (const row of table.rows()) yield row.map((v, i) => cellText(table.columns[i]!, v));
    })(),
  );
  const csv = stringify({ bom: true, header: true, columns: table.columns.map((c) => c.header), record_delimiter: 'windows' });
  pipeline(source, csv, () => table.close());
  return closing(csv, table);
}

function xlsxStream(table: Table): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  // The file's own dates are the range's end, not "now", so the same range gives the same workbook facts.
  const stamp = table.meta.find((m) => m.value instanceof Date)?.value as Date | undefined;
  if (stamp) workbook.created = workbook.modified = stamp;
  const write = async () => {
    const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    // Formats are set on the columns before any row is added, or exceljs leaves rows unformatted.
    sheet.columns = table.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width,
      style: c.type === 'integer' ? { numFmt: '0' } : c.type === 'decimal' ? { numFmt: '0.00' } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    let n = 0;
    for (const row of table.rows()) {
      sheet.addRow(row.map((v, i) => (table.columns[i]!.type === 'string' ? cellText(table.columns[i]!, v) : v))).commit();
      // Let the zip stream drain now and then instead of queueing the whole sheet in memory.
      if (++n % 500 === 0) {
        if (out.writableNeedDrain) await once(out, 'drain');
        else await new Promise((r) => setImmediate(r));
      }
    }
    sheet.commit();
    const about = workbook.addWorksheet(table.aboutSheetName);
    about.columns = [
      { key: 'label', width: 24 },
      { key: 'value', width: 48 },
    ];
    for (const m of table.meta) {
      const row = about.addRow([m.label, m.value]);
      if (m.value instanceof Date) row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm';
      row.commit();
    }
    about.commit();
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
  const meta = Object.fromEntries(table.meta.map((m) => [m.key, m.value instanceof Date ? m.value.toISOString() : m.value]));
  const columns = table.columns.map((c) => ({ header: c.header, key: c.key, type: c.type }));
  const chunks = function* () {
    yield `{"format":"bcm-export@1","meta":${canonicalJson(meta)},"columns":${JSON.stringify(columns)},"rows":[`;
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
