import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { createInflateRaw } from 'node:zlib';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';

// Reading an uploaded spreadsheet (CSV in UTF-8 or GBK, or XLSX) into rows of text cells, with
// bounds that hold however the file was made: every import (roster, questions, attendance) goes
// through here. A CSV is parsed as a stream, pausing for the event loop every few hundred rows,
// and stops as soon as it passes the caller's row limit. An XLSX is a zip: its entries are
// inflated once, counting bytes, rows and cells, before exceljs sees it, so a small file that
// unpacks to hundreds of megabytes is refused after reading at most MAX_XLSX_UNPACKED_BYTES.

/** Total size of an XLSX's entries once unpacked (the sheet XML, shared strings, styles…). */
export const MAX_XLSX_UNPACKED_BYTES = 40 * 1024 * 1024;
/** Cells written in an XLSX's worksheets (empty ones too): exceljs keeps an object per cell. */
export const MAX_XLSX_CELLS = 250_000;
/** Cells read per row: a cell at column XFD must not make every row 16,384 strings long. */
export const MAX_COLUMNS = 64;

/** `line` is the text line a CSV record ends on (the XLSX row number for a workbook); `row` is the row as Excel shows it. */
export type SheetRow = { line: number; row: number; cells: string[] };

export type SheetProblem =
  { code: 'unreadable'; line?: number } | { code: 'tooManyRows'; max: number } | { code: 'unpackedTooLarge'; maxBytes: number; maxCells: number };

export type CsvRead = { ok: true; rows: SheetRow[] } | { ok: false; problem: SheetProblem };
export type XlsxRead = { ok: true; sheets: SheetRow[][] } | { ok: false; problem: SheetProblem };

/** Chinese Excel often saves CSV as GBK: try strict UTF-8 first, then GB18030 (a superset). */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');
const YIELD_EVERY = 500;
const CHUNK_CHARS = 8 * 1024;

/**
 * Rows that hold something (blank rows are skipped and never stored), at most `maxRows` of them:
 * one more and the read stops with `tooManyRows`, without parsing the rest of the file.
 */
export async function readCsvRows(bytes: Uint8Array, opts: { maxRows: number; relaxQuotes?: boolean }): Promise<CsvRead> {
  const text = decodeText(bytes);
  const parser = parse({ info: true, relax_column_count: true, skip_empty_lines: false, relax_quotes: opts.relaxQuotes ?? false });
  parser.on('error', () => {}); // read from parser.errored below; an unheard 'error' would crash the process
  const rows: SheetRow[] = [];
  let seen = 0;
  const unreadable = (): CsvRead => {
    const line = (parser.errored as { lines?: number } | null)?.lines;
    return { ok: false, problem: line ? { code: 'unreadable', line } : { code: 'unreadable' } };
  };
  /** Takes the records parsed so far; false once past the row limit. */
  const drain = (): boolean => {
    let next: { record: string[]; info: { lines: number; records: number } } | null;
    while ((next = parser.read()) !== null) {
      seen++;
      if (isBlank(next.record)) continue;
      if (rows.length === opts.maxRows) return false;
      const cells = next.record.length > MAX_COLUMNS ? next.record.slice(0, MAX_COLUMNS) : next.record;
      rows.push({ line: next.info.lines, row: next.info.records, cells });
    }
    return true;
  };
  try {
    // The text is fed a small chunk at a time and the records taken out after each, so no more
    // than one chunk's records wait in memory, and the event loop gets a turn between chunks.
    for (let at = 0; at < text.length; at += CHUNK_CHARS) {
      parser.write(text.slice(at, at + CHUNK_CHARS));
      if (parser.errored) return unreadable();
      if (!drain()) return { ok: false, problem: { code: 'tooManyRows', max: opts.maxRows } };
      if (seen >= YIELD_EVERY) {
        seen = 0;
        await yieldToEventLoop();
      }
    }
    // The last record and any quote left open come out after end(), asynchronously.
    parser.end();
    let over = false;
    await new Promise<void>((resolve) => {
      const pull = () => {
        if (!drain()) {
          over = true;
          resolve();
        }
      };
      parser.on('readable', pull);
      parser.once('end', resolve);
      parser.once('close', resolve);
      pull();
    });
    if (parser.errored) return unreadable();
    if (over) return { ok: false, problem: { code: 'tooManyRows', max: opts.maxRows } };
    return { ok: true, rows };
  } finally {
    parser.destroy();
  }
}

type ZipEntry = { name: string; method: number; compressedSize: number; localHeaderOffset: number };

/** The central directory of a zip, or null when it is not one we read (damaged, ZIP64, encrypted). */
function zipEntries(buf: Buffer): ZipEntry[] | null {
  // The end-of-central-directory record sits in the last 22 bytes plus up to 64 KB of comment.
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let end = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const localHeaderOffset = buf.readUInt32LE(at + 42);
    if (flags & 1 || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) return null;
    entries.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLength), method, compressedSize, localHeaderOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryData(buf: Buffer, e: ZipEntry): Buffer | null {
  const at = e.localHeaderOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) return null;
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  if (start + e.compressedSize > buf.length) return null;
  return buf.subarray(start, start + e.compressedSize);
}

/** Counts `<tag ` / `<tag>` / `<tag/>` openings in a stream of XML chunks, across chunk ends. */
function tagCounter(tag: string) {
  const pattern = new RegExp(`<${tag}[\\s>/]`, 'g');
  let tail = '';
  let count = 0;
  return {
    add(chunk: Buffer) {
      const text = tail + chunk.toString('latin1');
      count += text.match(pattern)?.length ?? 0;
      // A match is tag.length + 2 characters long, so this tail can never hold a whole one (no
      // double count) but keeps the start of a tag split over two chunks.
      tail = text.slice(-(tag.length + 1));
    },
    get count() {
      return count;
    },
  };
}

/**
 * Inflates every entry once, without keeping the result, and refuses the file if the whole
 * unpacks to more than `MAX_XLSX_UNPACKED_BYTES`, its worksheets write more than MAX_XLSX_CELLS
 * cells, or any worksheet has more than `maxRowTags` rows (formatted empty rows included).
 * The sizes a zip declares are not trusted: the bytes are counted as they come out.
 */
export async function inspectXlsx(bytes: Uint8Array, maxRowTags: number): Promise<{ ok: true } | { ok: false; problem: SheetProblem }> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = zipEntries(buf);
  if (!entries) return { ok: false, problem: { code: 'unreadable' } };
  const tooLarge = { ok: false as const, problem: { code: 'unpackedTooLarge' as const, maxBytes: MAX_XLSX_UNPACKED_BYTES, maxCells: MAX_XLSX_CELLS } };
  let unpacked = 0;
  let cells = 0;
  for (const entry of entries) {
    const data = entryData(buf, entry);
    if (!data || (entry.method !== 0 && entry.method !== 8)) return { ok: false, problem: { code: 'unreadable' } };
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/.test(entry.name);
    const rowTags = tagCounter('row');
    const cellTags = tagCounter('c');
    const take = (chunk: Buffer) => {
      unpacked += chunk.length;
      if (isSheet) {
        rowTags.add(chunk);
        cellTags.add(chunk);
      }
      return unpacked <= MAX_XLSX_UNPACKED_BYTES && cells + cellTags.count <= MAX_XLSX_CELLS && rowTags.count <= maxRowTags;
    };
    if (entry.method === 0) {
      if (!take(data)) return isSheet && rowTags.count > maxRowTags ? { ok: false, problem: { code: 'tooManyRows', max: maxRowTags } } : tooLarge;
    } else {
      const within = await inflateWhile(data, take);
      if (within === 'unreadable') return { ok: false, problem: { code: 'unreadable' } };
      if (!within) return isSheet && rowTags.count > maxRowTags ? { ok: false, problem: { code: 'tooManyRows', max: maxRowTags } } : tooLarge;
    }
    cells += cellTags.count;
  }
  return { ok: true };
}

/** Streams `data` through inflate, handing each chunk to `take`; stops as soon as `take` says no. */
function inflateWhile(data: Buffer, take: (chunk: Buffer) => boolean): Promise<boolean | 'unreadable'> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let done = false;
    const finish = (v: boolean | 'unreadable') => {
      if (done) return;
      done = true;
      inflate.destroy();
      resolve(v);
    };
    inflate.on('data', (chunk: Buffer) => {
      if (!take(chunk)) finish(false);
    });
    inflate.on('end', () => finish(true));
    inflate.on('error', () => finish('unreadable'));
    inflate.end(data);
  });
}

/**
 * Every worksheet's rows that hold something, after `inspectXlsx` has passed the file. A sheet
 * with more than `maxRows` such rows makes the whole read `tooManyRows`.
 */
export async function readXlsxRows(
  bytes: Uint8Array,
  opts: { maxRows: number; maxRowTags?: number; cellText: (value: ExcelJS.CellValue) => string },
): Promise<XlsxRead> {
  const inspected = await inspectXlsx(bytes, opts.maxRowTags ?? opts.maxRows * 2 + 1000);
  if (!inspected.ok) return inspected.problem.code === 'tooManyRows' ? { ok: false, problem: { code: 'tooManyRows', max: opts.maxRows } } : inspected;
  // Loaded on the first XLSX upload (about a second), not with the app.
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problem: { code: 'unreadable' } };
  }
  const sheets: SheetRow[][] = [];
  for (const sheet of book.worksheets) {
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let i = 1; i <= Math.min(row.cellCount, MAX_COLUMNS); i++) cells.push(opts.cellText(row.getCell(i).value));
      if (!isBlank(cells)) rows.push({ line: rowNumber, row: rowNumber, cells });
    });
    if (rows.length > opts.maxRows) return { ok: false, problem: { code: 'tooManyRows', max: opts.maxRows } };
    sheets.push(rows);
    await yieldToEventLoop();
  }
  return { ok: true, sheets };
}

/**
 * A cell as the person who typed it reads it: a link's text, rich text joined, a formula's result,
 * and a date as its day (YYYY-MM-DD) — the roster and question imports read cells this way.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return String(value.result ?? ''); // formula
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value);
}

/** XLSX is a zip, whatever the name says. */
export const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;
