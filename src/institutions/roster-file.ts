import type { Translate } from '../i18n/index.js';
import { cellText, isZip, readCsvRows, readXlsxRows, type SheetProblem, type SheetRow } from '../platform/sheet-reader.js';
import type { TraineeInput } from './trainee-row.js';

// Reads a roster spreadsheet (CSV in UTF-8 or GBK, or XLSX) into raw rows with their line numbers.
// Validation of each row's content is trainee-row.ts's job.

export const MAX_ROSTER_BYTES = 5 * 1024 * 1024;
/** Trainee rows in one file (the header not counted): a cohort is tens, a whole institution a few thousand. */
export const MAX_ROSTER_ROWS = 5_000;

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

function toRows(records: SheetRow[], t: Translate): ReadResult {
  if (records.length === 0) return { errors: [t('roster.empty')] };
  const [head, ...body] = records;
  const mapped = mapHeader(head.cells, t);
  if ('errors' in mapped) return mapped;
  const rows = body.map((r) => {
    const get = (k: keyof TraineeInput) => (mapped.index[k] >= 0 ? (r.cells[mapped.index[k]] ?? '') : '');
    return {
      line: r.line,
      input: {
        name: get('name'),
        idNumber: get('idNumber'),
        email: get('email'),
        phone: get('phone'),
        education: get('education'),
        yearsInFinance: get('yearsInFinance'),
      },
    };
  });
  return rows.length ? { rows } : { errors: [t('roster.empty')] };
}

function problemText(problem: SheetProblem, t: Translate): string {
  switch (problem.code) {
    case 'tooManyRows':
      return t('roster.tooManyRows', { max: MAX_ROSTER_ROWS });
    case 'unpackedTooLarge':
      return t('roster.unpackedTooLarge', { max: problem.maxBytes / 1024 / 1024, cells: problem.maxCells });
    case 'unreadable':
      return problem.line ? t('roster.line', { line: problem.line, message: t('roster.unreadable') }) : t('roster.unreadable');
  }
}

export async function readRosterFile(fileName: string, bytes: Uint8Array, t: Translate): Promise<ReadResult> {
  if (bytes.byteLength > MAX_ROSTER_BYTES) return { errors: [t('roster.tooLarge', { max: MAX_ROSTER_BYTES / 1024 / 1024 })] };
  // The header row comes on top of the trainee rows.
  const maxRows = MAX_ROSTER_ROWS + 1;
  if (isZip(bytes) || /\.xlsx$/i.test(fileName)) {
    const read = await readXlsxRows(bytes, { maxRows, cellText });
    if (!read.ok) return { errors: [problemText(read.problem, t)] };
    return toRows(read.sheets[0] ?? [], t);
  }
  const read = await readCsvRows(bytes, { maxRows });
  return read.ok ? toRows(read.rows, t) : { errors: [problemText(read.problem, t)] };
}
