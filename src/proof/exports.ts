import type { Readable } from 'node:stream';
import type { Db } from '../db/client.js';
import type { Cohort, Institution } from '../institutions/store.js';
import type { Translate } from '../i18n/index.js';
import { maskNationalId } from '../institutions/pii.js';
import { rangeMs, type DayRange } from './dates.js';
import { attendanceCells, closeReader, hoursRows, openReader, sessionsInRange, type Reader, type TraineeCols } from './exports-store.js';
import { CONTENT_TYPES, writeTable, type Column, type Format, type Table } from './writers.js';

// Attendance and hours exports for one cohort and a range of days, computed from the ledger at
// export time. Reproducible: hours count ledger rows that came to count inside the range (a class
// session's from its end, so a session still running adds nothing yet); attendance shows
// the sessions starting inside it with the newest mark recorded before its end. Rows recorded
// later never change a closed range, so exporting it again gives the same facts. Rows are ordered
// by trainee name and id, columns by session time and id.

export type ExportKind = 'attendance' | 'hours';
export const EXPORT_KINDS: readonly ExportKind[] = ['attendance', 'hours'];
export const EXPORT_FORMATS: readonly Format[] = ['csv', 'xlsx', 'json'];

export type ExportRequest = {
  db: Db;
  cohort: Cohort;
  institution: Pick<Institution, 'code' | 'name'>;
  kind: ExportKind;
  format: Format;
  range: DayRange;
  classHourMinutes: number;
  t: Translate;
  /** The clock: rows of a class session still running are left out (default: now). */
  now?: number;
};

export type ExportFile = { filename: string; contentType: string; stream: Readable };

const STATUSES = ['present', 'late', 'leftEarly', 'excused', 'absent', 'credited'] as const;
type CellStatus = (typeof STATUSES)[number];
export type AttendanceValue = { status: CellStatus; minutes: number } | null;

/** Exported files name the person, never their full ID number. */
function idColumn(row: TraineeCols): string {
  return row.nationalId ? maskNationalId(row.nationalId) : (row.employeeNo ?? '');
}

function personColumns(t: Translate): Column[] {
  return [
    { key: 'traineeId', header: t('proof.export.col.traineeId'), type: 'integer', width: 10 },
    { key: 'name', header: t('proof.export.col.name'), type: 'string', width: 14 },
    { key: 'idNumber', header: t('proof.export.col.idNumber'), type: 'string', width: 22 },
  ];
}

function metaRows(req: ExportRequest, cutoffMs: number): Table['meta'] {
  const { t } = req;
  return [
    { key: 'kind', label: t('proof.export.meta.kind'), value: t(`proof.export.kind.${req.kind}`) },
    { key: 'institution', label: t('proof.export.meta.institution'), value: `${req.institution.name} (${req.institution.code})` },
    { key: 'cohort', label: t('proof.export.meta.cohort'), value: req.cohort.name },
    { key: 'cohortId', label: t('proof.export.meta.cohortId'), value: req.cohort.id },
    { key: 'level', label: t('proof.export.meta.level'), value: req.cohort.level, text: t(`level.${req.cohort.level}`) },
    { key: 'from', label: t('proof.export.meta.from'), value: req.range.from },
    { key: 'to', label: t('proof.export.meta.to'), value: req.range.to },
    { key: 'timeZone', label: t('proof.export.meta.timeZone'), value: 'Asia/Shanghai' },
    { key: 'recordedBefore', label: t('proof.export.meta.recordedBefore'), value: new Date(cutoffMs) },
    { key: 'classHourMinutes', label: t('proof.export.meta.classHourMinutes'), value: req.classHourMinutes },
    { key: 'rule', label: t('proof.export.meta.rule'), value: t(`proof.export.rule.${req.kind}`) },
  ];
}

function attendanceTable(req: ExportRequest, reader: Reader, fromMs: number, toMs: number, close: () => void): Table {
  const { t } = req;
  const sessions = sessionsInRange(reader, req.cohort.id, fromMs, toMs);
  const index = new Map(sessions.map((s, i) => [s.id, i]));
  const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ');
  const text = (v: unknown) => {
    const cell = v as AttendanceValue;
    return cell ? t(`proof.status.${cell.status}`) : '';
  };
  const columns: Column[] = [
    ...personColumns(t),
    ...sessions.map((s): Column => ({ key: `session${s.id}`, header: `${day(s.startsAt)} ${t(`proof.mode.${s.mode}`)} ${s.title}`, type: 'string', width: 12, text })),
  ];
  const rows = function* () {
    let current: unknown[] | null = null;
    let currentId = -1;
    try {
      for (const cell of attendanceCells(reader, req.cohort.id, fromMs, toMs, toMs, req.now ?? Date.now())) {
        if (cell.traineeId !== currentId) {
          if (current) yield current;
          currentId = cell.traineeId;
          current = [cell.traineeId, cell.name, idColumn(cell), ...sessions.map(() => null)];
        }
        const i = cell.sessionId === null ? undefined : index.get(cell.sessionId);
        if (i === undefined) continue;
        const status: CellStatus | null = (cell.status as CellStatus | null) ?? (cell.minutes > 0 ? 'credited' : null);
        current![3 + i] = status ? ({ status, minutes: cell.minutes } satisfies AttendanceValue) : null;
      }
      if (current) yield current;
    } finally {
      close();
    }
  };
  return { meta: metaRows(req, toMs), sheetName: t('proof.export.kind.attendance'), aboutSheetName: t('proof.export.about'), columns, rows, close };
}

function hoursTable(req: ExportRequest, reader: Reader, fromMs: number, toMs: number, close: () => void): Table {
  const { t, classHourMinutes: chm } = req;
  const hours = (minutes: number) => Math.round((minutes / chm) * 100) / 100;
  const columns: Column[] = [
    ...personColumns(t),
    ...(['faceToFace', 'remote', 'selfStudy'] as const).map((m): Column => ({ key: `${m}Hours`, header: t('proof.export.col.hours', { mode: t(`proof.mode.${m}`) }), type: 'decimal', width: 14 })),
    { key: 'totalHours', header: t('proof.export.col.totalHours'), type: 'decimal', width: 12 },
    { key: 'totalMinutes', header: t('proof.export.col.totalMinutes'), type: 'integer', width: 12 },
  ];
  const rows = function* () {
    try {
      for (const r of hoursRows(reader, req.cohort.id, req.cohort.level, fromMs, toMs, req.now ?? Date.now())) {
        const total = r.faceToFace + r.remote + r.selfStudy;
        yield [r.traineeId, r.name, idColumn(r), hours(r.faceToFace), hours(r.remote), hours(r.selfStudy), hours(total), total];
      }
    } finally {
      close();
    }
  };
  return { meta: metaRows(req, toMs), sheetName: t('proof.export.kind.hours'), aboutSheetName: t('proof.export.about'), columns, rows, close };
}

export function exportFile(req: ExportRequest): ExportFile {
  const { fromMs, toMs } = rangeMs(req.range);
  const reader = openReader(req.db);
  const close = () => closeReader(reader);
  try {
    const table = req.kind === 'attendance' ? attendanceTable(req, reader, fromMs, toMs, close) : hoursTable(req, reader, fromMs, toMs, close);
    return {
      filename: `${req.kind}-cohort${req.cohort.id}-${req.range.from}-${req.range.to}.${req.format}`,
      contentType: CONTENT_TYPES[req.format],
      stream: writeTable(table, req.format),
    };
  } catch (err) {
    close();
    throw err;
  }
}
