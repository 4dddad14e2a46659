import { formText } from '../../http/form-text.js';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Translate } from '../../i18n/index.js';
import { inTransaction } from '../../db/client.js';
import { requireRole } from '../../auth/index.js';
import { viewContext } from '../../http/view-context.js';
import { setFlash } from '../../http/flash.js';
import { listRoster, writeAudit } from '../../institutions/index.js';
import { AttendancePage, RosterRow, type ImportReport, type RemoteRowData, type RosterRowData } from '../../../views/hours/classes/attendance.js';
import { currentMarks } from '../store.js';
import { currentMark } from '../classes/store.js';
import { creditedByClass } from '../ledger/totals.js';
import { classAccess, type ClassEnv } from '../classes/access.js';
import { attendanceHref, classItem } from '../classes/links.js';
import { scheduledMinutes } from '../classes/credit.js';
import { recordMark } from './face-to-face.js';
import { importPresence, remoteStanding } from './remote-presence.js';
import { ROSTER_STATUSES, type RosterCreditError, type RosterStatus } from '../rules/attendance.js';
import { MAX_ATTENDANCE_ROWS, MAX_EXPORT_BYTES, readAttendanceFile, XLSX_BOUNDS } from './export-file.js';
import { capMessages } from '../../platform/messages.js';
import { parseAttendanceExport, type ImportProblem } from './remote-import.js';

// One session's attendance for its instructors and admin: the face-to-face roster (each row saved
// on its own) and, for remote sessions, the table of attended time and the export import.

type Ctx = Context<ClassEnv>;

function rosterRows(c: Ctx): RosterRowData[] {
  const { db } = c.var.deps;
  const s = c.var.classSession;
  const marks = currentMarks(db, s.id);
  const credited = creditedByClass(db, s.id);
  return listRoster(db, c.var.cohort.id).map((p) => ({
    sessionId: s.id,
    traineeId: p.id,
    name: p.name,
    scheduledMinutes: scheduledMinutes(s),
    mark: marks.get(p.id),
    credited: credited.get(p.id) ?? 0,
    ended: Date.now() >= s.endsAt,
  }));
}

function remoteRows(c: Ctx): RemoteRowData[] {
  const { db, catalog } = c.var.deps;
  const s = c.var.classSession;
  const credited = creditedByClass(db, s.id);
  return listRoster(db, c.var.cohort.id).map((p) => {
    const standing = remoteStanding(db, s, p.id, catalog.programme.hoursRules);
    return { traineeId: p.id, name: p.name, attendedMinutes: standing.attendedMinutes, share: standing.share, credited: credited.get(p.id) ?? 0 };
  });
}

function renderAttendance(
  c: Ctx,
  extra: { roster?: RosterRowData[]; importErrors?: string[]; importErrorCount?: number; importReport?: ImportReport } = {},
  status: 200 | 400 = 200,
) {
  const s = c.var.classSession;
  const data = s.mode === 'faceToFace' ? { roster: extra.roster ?? rosterRows(c) } : { remote: remoteRows(c) };
  return c.html(
    <AttendancePage
      ctx={viewContext(c)}
      cohort={c.var.cohort}
      item={classItem(c, s)}
      ended={Date.now() >= s.endsAt}
      {...data}
      importErrors={extra.importErrors}
      importErrorCount={extra.importErrorCount}
      importReport={extra.importReport}
    />,
    status,
  );
}

function rosterError(e: RosterCreditError, t: Translate, max: number): string {
  const field = t('sessions.field.minutes');
  if (e.code === 'minutesRequired') return t('sessions.form.minutesRequired', { field, status: t(`sessions.status.${e.status}`) });
  return t('sessions.form.minutesRange', { field, max });
}

export function importProblemText(p: ImportProblem, t: Translate): string {
  const message = (() => {
    switch (p.code) {
      case 'missingColumn':
        return t('sessions.import.missingColumn', { column: p.column });
      case 'badTime':
        return t('sessions.import.badTime', { column: p.column, value: p.value });
      case 'leaveBeforeJoin':
        return t('sessions.import.leaveBeforeJoin');
      case 'noPerson':
        return t('sessions.import.noPerson');
      case 'ambiguousName':
        return t('sessions.import.ambiguousName', { name: p.name });
      case 'noRows':
        return t('sessions.import.noRows');
      case 'outsideSession':
        return t('sessions.import.outsideSession');
    }
  })();
  return p.line === null ? message : t('sessions.importLine', { line: p.line, message });
}

export function attendanceRoutes() {
  const app = new Hono<ClassEnv>();
  const teach = [requireRole('admin', 'instructor'), classAccess('teach')] as const;

  app.get('/sessions/:sessionId/attendance', ...teach, (c) => renderAttendance(c));

  // One roster row: hx-post swaps the row for its saved (or failed) state; a plain post redirects.
  app.post('/sessions/:sessionId/roster/:traineeId', ...teach, async (c) => {
    const { db } = c.var.deps;
    const t = c.var.t;
    const s = c.var.classSession;
    if (s.mode !== 'faceToFace') throw new HTTPException(404);
    const traineeId = Number(c.req.param('traineeId'));
    const person = listRoster(db, c.var.cohort.id).find((p) => p.id === traineeId);
    if (!person) throw new HTTPException(404);
    const body = await c.req.parseBody();
    const form = { status: formText(body.status), minutes: formText(body.minutes).trim(), note: formText(body.note).trim() };
    const max = scheduledMinutes(s);
    const errors: string[] = [];
    const status = (ROSTER_STATUSES as readonly string[]).includes(form.status) ? (form.status as RosterStatus) : null;
    if (!status) errors.push(t('form.invalidChoice', { field: t('sessions.field.status') }));
    const minutes = form.minutes === '' ? null : /^\d{1,4}$/.test(form.minutes) ? Number(form.minutes) : NaN;
    if (Number.isNaN(minutes)) errors.push(t('sessions.form.minutesRange', { field: t('sessions.field.minutes'), max }));
    if (form.note.length > 200) errors.push(t('form.tooLong', { field: t('sessions.field.note'), max: 200 }));
    if (!errors.length) {
      const result = recordMark(db, c.var.deps.lms, {
        session: s,
        cohort: c.var.cohort,
        traineeId,
        status: status!,
        minutes,
        note: form.note || null,
        source: 'roster',
        recordedBy: c.var.user!.id,
      });
      if (!result.ok) errors.push(rosterError(result.error, t, max));
    }
    const row: RosterRowData = {
      sessionId: s.id,
      traineeId,
      name: person.name,
      scheduledMinutes: max,
      mark: currentMark(db, s.id, traineeId),
      credited: creditedByClass(db, s.id).get(traineeId) ?? 0,
      ended: Date.now() >= s.endsAt,
      ...(errors.length ? { form, errors } : { saved: true }),
    };
    if (c.req.header('HX-Request')) return c.html(<RosterRow ctx={viewContext(c, null)} row={row} />, errors.length ? 422 : 200);
    if (errors.length) {
      const rows = rosterRows(c).map((r) => (r.traineeId === traineeId ? row : r));
      return renderAttendance(c, { roster: rows }, 400);
    }
    setFlash(c, 'ok', 'sessions.rowSaved', { name: person.name });
    return c.redirect(`${attendanceHref(s.id)}#roster-${traineeId}`, 303);
  });

  app.post('/sessions/:sessionId/import', ...teach, async (c) => {
    const { db, catalog, config } = c.var.deps;
    const t = c.var.t;
    const s = c.var.classSession;
    if (s.mode !== 'remote') throw new HTTPException(404);
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) {
      return renderAttendance(c, { importErrors: [t('form.required', { field: t('sessions.field.exportFile') })] }, 400);
    }
    const read = await readAttendanceFile(file.name, new Uint8Array(await file.arrayBuffer()));
    if ('error' in read) {
      const params = {
        tooLarge: { max: MAX_EXPORT_BYTES / 1024 / 1024 },
        tooManyRows: { max: MAX_ATTENDANCE_ROWS },
        unpackedTooLarge: { max: XLSX_BOUNDS.maxMegabytes, cells: XLSX_BOUNDS.maxCells },
      };
      const text = t(`sessions.import.${read.error}`, read.error in params ? params[read.error as keyof typeof params] : {});
      return renderAttendance(c, { importErrors: [read.line ? t('sessions.importLine', { line: read.line, message: text }) : text] }, 400);
    }
    const people = listRoster(db, c.var.cohort.id).map((p) => ({ id: p.id, name: p.name, employeeNo: p.profile?.employeeNo ?? null }));
    const parsed = parseAttendanceExport(read.records, people, { timeZone: config.timeZone, window: { start: s.startsAt, end: s.endsAt } });
    if (!parsed.ok)
      return renderAttendance(
        c,
        {
          importErrors: capMessages(
            parsed.problems.map((p) => importProblemText(p, t)),
            t,
          ),
          importErrorCount: parsed.problems.length,
        },
        400,
      );
    const scope = { session: s, cohort: c.var.cohort, rules: catalog.programme.hoursRules };
    inTransaction(db, () => {
      importPresence(db, c.var.deps.lms, scope, parsed.intervals, c.var.user!.id);
      writeAudit(db, {
        actorId: c.var.user!.id,
        institutionId: c.var.cohort.institutionId,
        action: 'session.importAttendance',
        subject: `session:${s.id}`,
        detail: { rows: parsed.matchedRows, trainees: parsed.intervals.size, unknown: parsed.unknown.length },
      });
    });
    return renderAttendance(c, { importReport: { matchedRows: parsed.matchedRows, trainees: parsed.intervals.size, unknown: parsed.unknown } });
  });

  return app;
}
