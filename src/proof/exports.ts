import type { Readable } from 'node:stream';
import type { Db } from '../db/client.js';
import { openReader, type Reader } from '../db/reader.js';
import { cohortIdentities, maskNationalId, type Cohort, type Institution, type TraineeIdentity } from '../institutions/index.js';
import { cohortMinutesInWindow, emptyMinutes, marksBefore, classMinutes, classesStartingIn, classTraineeKey } from '../hours/index.js';
import type { Translate } from '../i18n/index.js';
import { DEFAULT_TIME_ZONE, rangeMs, type DayRange } from '../platform/zoned-time.js';
import { CONTENT_TYPES, writeTable, type Column, type Format, type Table } from '../platform/tables.js';

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
  /** TIME_ZONE: whose calendar the range's days are on (default Asia/Shanghai). */
  timeZone?: string;
};

export type ExportFile = { filename: string; contentType: string; stream: Readable };

type CellStatus = 'present' | 'late' | 'leftEarly' | 'excused' | 'absent' | 'credited';
export type AttendanceValue = { status: CellStatus; minutes: number } | null;

/** Exported files name the person, never their full ID number. */
function idColumn(row: TraineeIdentity): string {
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
    { key: 'timeZone', label: t('proof.export.meta.timeZone'), value: req.timeZone ?? DEFAULT_TIME_ZONE },
    { key: 'recordedBefore', label: t('proof.export.meta.recordedBefore'), value: new Date(cutoffMs) },
    { key: 'classHourMinutes', label: t('proof.export.meta.classHourMinutes'), value: req.classHourMinutes },
    { key: 'rule', label: t('proof.export.meta.rule'), value: t(`proof.export.rule.${req.kind}`) },
  ];
}

function attendanceTable(req: ExportRequest, reader: Reader, fromMs: number, toMs: number, close: () => void): Table {
  const { t } = req;
  const sessions = classesStartingIn(reader.db, req.cohort.id, fromMs, toMs);
  const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ');
  const text = (v: unknown) => {
    const cell = v as AttendanceValue;
    return cell ? t(`proof.status.${cell.status}`) : '';
  };
  const columns: Column[] = [
    ...personColumns(t),
    ...sessions.map((s): Column => ({
      key: `session${s.id}`,
      header: `${day(s.startsAt)} ${t(`proof.mode.${s.mode}`)} ${s.title}`,
      type: 'string',
      width: 12,
      text,
    })),
  ];
  const rows = function* () {
    try {
      // A cell: the newest roster mark recorded before the range's end, and the ledger's credit
      // for that session counting before then and by now (remote attendance often has credit and
      // no mark). Everything is read inside the reader's one snapshot.
      const ids = sessions.map((s) => s.id);
      const marks = marksBefore(reader.db, ids, toMs);
      const credit = classMinutes(reader.db, ids, toMs, req.now ?? Date.now());
      for (const person of cohortIdentities(reader.db, req.cohort.id)) {
        const cells = sessions.map((s): AttendanceValue => {
          const key = classTraineeKey(s.id, person.id);
          const minutes = credit.get(key) ?? 0;
          const status: CellStatus | null = (marks.get(key)?.status as CellStatus | undefined) ?? (minutes > 0 ? 'credited' : null);
          return status ? { status, minutes } : null;
        });
        yield [person.id, person.name, idColumn(person), ...cells];
      }
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
    ...(['faceToFace', 'remote', 'selfStudy'] as const).map((m): Column => ({
      key: `${m}Hours`,
      header: t('proof.export.col.hours', { mode: t(`proof.mode.${m}`) }),
      type: 'decimal',
      width: 14,
    })),
    { key: 'totalHours', header: t('proof.export.col.totalHours'), type: 'decimal', width: 12 },
    { key: 'totalMinutes', header: t('proof.export.col.totalMinutes'), type: 'integer', width: 12 },
  ];
  const rows = function* () {
    try {
      const totals = cohortMinutesInWindow(reader.db, { cohortId: req.cohort.id, level: req.cohort.level, fromMs, toMs, now: req.now ?? Date.now() });
      for (const person of cohortIdentities(reader.db, req.cohort.id)) {
        const m = totals.get(person.id) ?? emptyMinutes();
        const total = m.faceToFace + m.remote + m.selfStudy;
        yield [person.id, person.name, idColumn(person), hours(m.faceToFace), hours(m.remote), hours(m.selfStudy), hours(total), total];
      }
    } finally {
      close();
    }
  };
  return { meta: metaRows(req, toMs), sheetName: t('proof.export.kind.hours'), aboutSheetName: t('proof.export.about'), columns, rows, close };
}

export function exportFile(req: ExportRequest): ExportFile {
  const { fromMs, toMs } = rangeMs(req.range, req.timeZone);
  const reader = openReader(req.db);
  const close = reader.close;
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
