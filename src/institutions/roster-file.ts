import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Translate } from '../i18n/index.js';
import type { TraineeInput } from './trainee-row.js';

// Reads a roster spreadsheet (CSV in UTF-8 or GBK, or XLSX) into raw rows with their line numbers.
// Validation of each row's content is trainee-row.ts's job.

export const MAX_ROSTER_BYTES = 5 * 1024 * 1024;

const COLUMNS: Record<keyof TraineeInput, string[]> = {
  name: ['姓名', 'name', '学员姓名'],
  idNumber: ['身份证号/工号', '身份证号', '工号', '证件号码', '身份证号码', 'id', 'id_number', 'national_id', 'employee_no'],
  email: ['电子邮箱', '邮箱', 'email', 'e-mail'],
  phone: ['手机号', '手机', '手机号码', 'phone', 'mobile'],
  education: ['学历', 'education'],
  yearsInFinance: ['金融从业年限', '从业年限', 'years_in_finance', 'years'],
};

/** The template offered for download, header in Chinese with an example row. */
export const ROSTER_TEMPLATE_HEADER = ['姓名', '身份证号/工号', '电子邮箱', '手机号', '学历', '金融从业年限'];

export type RawRow = { line: number; input: TraineeInput };
export type ReadResult = { rows: RawRow[] } | { errors: string[] };

const norm = (h: string) => h.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');

function mapHeader(header: string[], t: Translate): { index: Record<keyof TraineeInput, number> } | { errors: string[] } {
  const normalized = header.map(norm);
  const index = {} as Record<keyof TraineeInput, number>;
  const errors: string[] = [];
  for (const [key, names] of Object.entries(COLUMNS) as [keyof TraineeInput, string[]][]) {
    const i = normalized.findIndex((h) => names.map(norm).includes(h));
    if (i === -1 && key !== 'phone') errors.push(t('roster.line', { line: 1, message: t('roster.missingColumn', { column: names[0] }) }));
    index[key] = i;
  }
  return errors.length ? { errors } : { index };
}

function toRows(records: { line: number; cells: string[] }[], t: Translate): ReadResult {
  if (records.length === 0) return { errors: [t('roster.empty')] };
  const [head, ...body] = records;
  const mapped = mapHeader(head.cells, t);
  if ('errors' in mapped) return mapped;
  const rows = body
    .filter((r) => r.cells.some((cell) => cell.trim() !== ''))
    .map((r) => {
      const get = (k: keyof TraineeInput) => (mapped.index[k] >= 0 ? (r.cells[mapped.index[k]] ?? '') : '');
      return {
        line: r.line,
        input: { name: get('name'), idNumber: get('idNumber'), email: get('email'), phone: get('phone'), education: get('education'), yearsInFinance: get('yearsInFinance') },
      };
    });
  return rows.length ? { rows } : { errors: [t('roster.empty')] };
}

/** Chinese Excel often saves CSV as GBK: try strict UTF-8 first, then GB18030 (a superset). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function readCsv(bytes: Uint8Array, t: Translate): ReadResult {
  let text = decodeText(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    const records = parse(text, { info: true, relax_column_count: true, skip_empty_lines: false }) as unknown as { record: string[]; info: { lines: number } }[];
    return toRows(records.map((r) => ({ line: r.info.lines, cells: r.record })), t);
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return { errors: [line ? t('roster.line', { line, message: t('roster.unreadable') }) : t('roster.unreadable')] };
  }
}

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

async function readXlsx(bytes: Uint8Array, t: Translate): Promise<ReadResult> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { errors: [t('roster.unreadable')] };
  }
  const sheet = book.worksheets[0];
  if (!sheet) return { errors: [t('roster.empty')] };
  const records: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) cells.push(cellText(row.getCell(i).value));
    records.push({ line: rowNumber, cells });
  });
  return toRows(records, t);
}

export async function readRosterFile(fileName: string, bytes: Uint8Array, t: Translate): Promise<ReadResult> {
  if (bytes.byteLength > MAX_ROSTER_BYTES) return { errors: [t('roster.tooLarge', { max: MAX_ROSTER_BYTES / 1024 / 1024 })] };
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b; // XLSX is a zip, whatever the name says
  if (isZip || /\.xlsx$/i.test(fileName)) return readXlsx(bytes, t);
  return readCsv(bytes, t);
}
