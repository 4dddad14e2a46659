import { importedQuestionSchema, QUESTION_TYPES, type Question, type QuestionType } from '../catalog/index.js';
import type { Translate } from '../i18n/index.js';
import { decodeText } from '../platform/sheet-reader.js';
import { readGift } from './gift.js';
import { MAX_QUESTION_ROWS, readCsvSheet, readXlsxSheet } from './sheet-file.js';
import { isQuestionHeader, readQuestionSheet } from './spreadsheet.js';
import type { DraftQuestion, ImportCourse, SourceError } from './types.js';

// The import pipeline, pure: file bytes + name + course → the questions in questionSchema's shape
// with counts by type, or every problem by row (spreadsheets) or line (GIFT). Saving is store.ts.

export const MAX_QUESTION_FILE_BYTES = 5 * 1024 * 1024;

export type FileFormat = 'xlsx' | 'csv' | 'gift';
/** Spreadsheets report rows (as Excel numbers them), GIFT files report lines. */
export type ErrorUnit = 'row' | 'line';
export type TypeCounts = Record<QuestionType, number>;
export type ImportedQuestion = { at: number; question: Question };

export type DraftsRead = { format: FileFormat; unit: ErrorUnit; drafts: DraftQuestion[]; errors: SourceError[]; warnings: SourceError[] };
/** A successful result still carries `warnings` (e.g. questions without an explanation) to show. */
export type ImportResult = { format: FileFormat; unit: ErrorUnit } & (
  { questions: ImportedQuestion[]; counts: TypeCounts; warnings: SourceError[] } | { errors: SourceError[] }
);

/** How generated ids look: `<prefix><4 digits>`, counting on from `start`. */
export type IdPlan = { prefix: string; start: number };

export function detectFormat(fileName: string, bytes: Uint8Array): FileFormat | 'xls' {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx'; // a zip, whatever the name says
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  if (/\.(gift|txt)$/i.test(fileName)) return 'gift';
  if (/\.(csv|xlsx)$/i.test(fileName)) return /\.xlsx$/i.test(fileName) ? 'xlsx' : 'csv';
  // No telling name: a template header means CSV, answer braces mean GIFT.
  const text = decodeText(bytes.subarray(0, 4096));
  return /题型|题目类型|type/i.test(text.split('\n')[0] ?? '') || !/\{[\s\S]*\}/.test(text) ? 'csv' : 'gift';
}

export async function readDrafts(fileName: string, bytes: Uint8Array, course: ImportCourse, t: Translate): Promise<DraftsRead> {
  const detected = detectFormat(fileName, bytes);
  const format: FileFormat = detected === 'xls' ? 'xlsx' : detected;
  const unit: ErrorUnit = format === 'gift' ? 'line' : 'row';
  const fail = (message: string): DraftsRead => ({ format, unit, drafts: [], errors: [{ at: 1, message }], warnings: [] });
  if (bytes.byteLength === 0) return fail(t('questions.error.emptyFile'));
  if (bytes.byteLength > MAX_QUESTION_FILE_BYTES) return fail(t('questions.error.tooLarge', { max: MAX_QUESTION_FILE_BYTES / 1024 / 1024 }));
  if (detected === 'xls') return fail(t('questions.error.oldXls'));
  if (format === 'gift') {
    let text = decodeText(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { format, unit, ...(await readGift(text, course, t, MAX_QUESTION_ROWS)) };
  }
  const sheet = format === 'xlsx' ? await readXlsxSheet(bytes, isQuestionHeader, t) : await readCsvSheet(bytes, t);
  if ('errors' in sheet) return { format, unit, drafts: [], errors: sheet.errors, warnings: [] };
  return { format, unit, ...readQuestionSheet(sheet.records, course, t) };
}

const ID = /^[\p{L}\p{N}_.:-]{1,64}$/u;
/** The official banks' ids (BCM-101-001, BCM-101-030a): an import must never shadow one. */
const OFFICIAL_ID = /^[A-Z]+-\d{3}-\d{3}[a-z]?$/;
const PART_SUFFIX = 'abcde';

const escapeRegExp = (s: string) => s.replace(/[.*+?^$()|[\]\\{}-]/g, '\\$&');

export const emptyCounts = (): TypeCounts => Object.fromEntries(QUESTION_TYPES.map((k) => [k, 0])) as TypeCounts;
/** Questions of every type (a case question counts once, however many parts it has). */
export const countTotal = (counts: TypeCounts): number => QUESTION_TYPES.reduce((n, k) => n + counts[k], 0);

/**
 * Gives every draft its id (kept if given, else `<prefix>0001`…, case parts `<case id>a`…),
 * rejects ids used twice or shaped like the official banks', and checks each question against
 * the catalogue's importedQuestionSchema, the shape the exam engine reads.
 */
export function finaliseDrafts(
  drafts: DraftQuestion[],
  ids: IdPlan,
  t: Translate,
): { questions: ImportedQuestion[]; counts: TypeCounts } | { errors: SourceError[] } {
  const errors: SourceError[] = [];
  const fail = (at: number, key: Parameters<Translate>[0], params: Record<string, string | number>) => errors.push({ at, message: t(key, params) });
  // Count on past any given id that already uses the generated pattern.
  const ownPattern = new RegExp(`^${escapeRegExp(ids.prefix)}(\\d+)$`);
  let next = Math.max(ids.start, ...drafts.map((d) => Number(ownPattern.exec(d.id ?? '')?.[1] ?? 0) + 1));
  const seen = new Map<string, number>();
  const claim = (id: string, at: number, given: boolean) => {
    if (given && !ID.test(id)) fail(at, 'questions.error.badId', { value: id });
    else if (given && OFFICIAL_ID.test(id)) fail(at, 'questions.error.officialId', { value: id });
    const first = seen.get(id);
    if (first !== undefined) fail(at, 'questions.error.duplicateId', { value: id, row: first });
    else seen.set(id, at);
  };

  const questions: ImportedQuestion[] = [];
  for (const d of drafts) {
    const id = d.id ?? `${ids.prefix}${String(next++).padStart(4, '0')}`;
    claim(id, d.at, d.id !== undefined);
    const { at: _at, id: _id, parts, ...rest } = d;
    const candidate = { id, ...rest } as Record<string, unknown>;
    if (parts) {
      candidate.parts = parts.map((p, i) => {
        const partId = p.id ?? `${id}${PART_SUFFIX[i] ?? i}`;
        claim(partId, p.at, p.id !== undefined);
        const { at: _pat, id: _pid, ...partRest } = p;
        return { id: partId, ...partRest };
      });
    }
    const checked = importedQuestionSchema.safeParse(candidate);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      fail(d.at, 'questions.error.schema', { detail: `${issue.path.join('.')}: ${issue.message}` });
      continue;
    }
    questions.push({ at: d.at, question: checked.data });
  }
  if (errors.length) return { errors: errors.sort((a, b) => a.at - b.at) };
  return { questions, counts: countTypes(questions.map((q) => q.question)) };
}

export function countTypes(questions: readonly Question[]): TypeCounts {
  const counts = emptyCounts();
  for (const q of questions) counts[q.type]++;
  return counts;
}

/**
 * Ids and schema checks on the rows that read cleanly, with the reading problems merged in, so
 * one pass lists every problem in the file.
 */
export function checkDrafts(read: DraftsRead, ids: IdPlan, t: Translate): ImportResult {
  const done = finaliseDrafts(read.drafts, ids, t);
  const errors = [...read.errors, ...('errors' in done ? done.errors : [])].sort((a, b) => a.at - b.at);
  if (errors.length || 'errors' in done) return { format: read.format, unit: read.unit, errors };
  return { format: read.format, unit: read.unit, ...done, warnings: read.warnings };
}

/** The whole pipeline without the database: what the CLI's --dry-run and the web preview run. */
export async function importQuestionFile(fileName: string, bytes: Uint8Array, course: ImportCourse, ids: IdPlan, t: Translate): Promise<ImportResult> {
  return checkDrafts(await readDrafts(fileName, bytes, course, t), ids, t);
}
