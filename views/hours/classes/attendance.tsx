import type { ViewContext } from '../../../src/http/view-context.js';
import { capMessages } from '../../../src/platform/messages.js';
import type { Cohort } from '../../../src/institutions/index.js';
import { ROSTER_STATUSES, type AttendanceMark, type RosterStatus, type ClassItem } from '../../../src/hours/index.js';
import { Layout } from '../../layout.js';
import { ScrollTable } from '../../scroll-table.js';
import { ClassFacts } from './common.js';

// The instructor's view of one session: the face-to-face roster (one form per trainee, saved
// over htmx or as a plain post) or the remote attendance table with the export import.

export type RosterRowData = {
  sessionId: number;
  traineeId: number;
  name: string;
  scheduledMinutes: number;
  mark: AttendanceMark | undefined;
  credited: number;
  /** False while the session is still running: its minutes count only once it has ended. */
  ended?: boolean;
  /** What was typed, when re-shown after a failed save. */
  form?: { status: string; minutes: string; note: string };
  errors?: string[];
  saved?: boolean;
};

export type RemoteRowData = { traineeId: number; name: string; attendedMinutes: number; share: number; credited: number };

export type ImportReport = { matchedRows: number; trainees: number; unknown: { line: number; who: string }[] };

export function markSummary(ctx: ViewContext, mark: AttendanceMark | undefined): string {
  const { t } = ctx;
  if (!mark) return t('sessions.status.none');
  const status = t(`sessions.status.${mark.status}`);
  const withMinutes = mark.status === 'late' || mark.status === 'leftEarly' ? t('sessions.statusMinutes', { status, minutes: mark.minutes }) : status;
  return `${withMinutes} · ${t(mark.source === 'check-in' ? 'sessions.source.checkIn' : 'sessions.source.roster')}`;
}

export function RosterRow(props: { ctx: ViewContext; row: RosterRowData }) {
  const { ctx, row } = props;
  const { t } = ctx;
  const url = `/sessions/${row.sessionId}/roster/${row.traineeId}`;
  const status = row.form?.status ?? row.mark?.status ?? '';
  const minutes = row.form?.minutes ?? (row.mark && row.mark.minutes > 0 ? String(row.mark.minutes) : '');
  const note = row.form?.note ?? row.mark?.note ?? '';
  const id = `roster-${row.traineeId}`;
  return (
    <form id={id} class={`roster-row${row.errors?.length ? ' has-errors' : ''}`} method="post" action={url} hx-post={url} hx-target="this" hx-swap="outerHTML">
      <p class="roster-who">
        <strong>{row.name}</strong>
        <span class="muted" data-testid="roster-status">
          {markSummary(ctx, row.mark)} · {t(row.ended === false ? 'sessions.pendingMinutes' : 'sessions.creditedMinutes', { minutes: row.credited })}
        </span>
      </p>
      <div class="roster-fields">
        <label>
          {t('sessions.field.status')}
          <select name="status" required>
            <option value="" selected={status === ''} disabled>
              {t('sessions.status.choose')}
            </option>
            {ROSTER_STATUSES.map((s: RosterStatus) => (
              <option value={s} selected={status === s}>
                {t(`sessions.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('sessions.field.minutes')}
          <input type="number" name="minutes" value={minutes} min={0} max={row.scheduledMinutes} step={1} inputmode="numeric" />
        </label>
        <label class="roster-note">
          {t('sessions.field.note')}
          <input name="note" value={note} maxlength={200} />
        </label>
        <button type="submit">{t('common.save')}</button>
      </div>
      {row.errors && row.errors.length > 0 && (
        <ul class="row-errors" role="alert">
          {row.errors.map((e) => (
            <li>{e}</li>
          ))}
        </ul>
      )}
      {row.saved && (
        <p class="row-saved" role="status">
          {t('sessions.saved')}
        </p>
      )}
    </form>
  );
}

/** `ended`: false while the class runs, when its minutes are not credited yet (only recorded). */
function RemoteTable(props: { ctx: ViewContext; rows: RemoteRowData[]; ended: boolean }) {
  const { ctx } = props;
  const { t, fmt } = ctx;
  return (
    <ScrollTable label={t('sessions.attendance')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('field.name')}</th>
            <th scope="col" class="num">
              {t('sessions.attendedMinutes')}
            </th>
            <th scope="col" class="num">
              {t('sessions.share')}
            </th>
            <th scope="col" class="num">
              {t(props.ended ? 'sessions.credited' : 'sessions.creditedAtEnd')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr data-trainee-id={String(r.traineeId)}>
              <th scope="row">{r.name}</th>
              <td class="num">{fmt.number(r.attendedMinutes)}</td>
              <td class="num">{`${fmt.number(Math.round(r.share * 100))}%`}</td>
              <td class="num">{fmt.number(r.credited)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

function ImportSection(props: { ctx: ViewContext; sessionId: number; errors?: string[]; errorCount?: number; report?: ImportReport }) {
  const { ctx, report } = props;
  const { t } = ctx;
  return (
    <section aria-labelledby="import-h">
      <h2 id="import-h">{t('sessions.import')}</h2>
      <p class="muted">{t('sessions.importHelp')}</p>
      {props.errors && props.errors.length > 0 && (
        <div class="form-errors" role="alert" data-testid="import-errors">
          <p>{t('sessions.importFailed', { count: props.errorCount ?? props.errors.length })}</p>
          <ul>
            {props.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {report && (
        <div class="flash flash-ok" role="status" data-testid="import-report">
          <p>{t('sessions.imported', { rows: report.matchedRows, trainees: report.trainees })}</p>
          {report.unknown.length > 0 && (
            <>
              <p>{t('sessions.importUnknown', { count: report.unknown.length })}</p>
              <ul>
                {capMessages(
                  report.unknown.map((u) => t('sessions.importLine', { line: u.line, message: t('sessions.import.unknownPerson', { who: u.who }) })),
                  t,
                ).map((line) => (
                  <li>{line}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <form method="post" action={`/sessions/${props.sessionId}/import`} enctype="multipart/form-data" class="file-form">
        <label>
          {t('sessions.field.exportFile')}
          <input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        </label>
        <button type="submit">{t('sessions.importButton')}</button>
      </form>
    </section>
  );
}

export function AttendancePage(props: {
  ctx: ViewContext;
  cohort: Cohort;
  item: ClassItem;
  roster?: RosterRowData[];
  remote?: RemoteRowData[];
  /** False while the class runs: its minutes count only once it has ended. */
  ended: boolean;
  importErrors?: string[];
  /** How many problems there were in all, when importErrors lists only the first ones. */
  importErrorCount?: number;
  importReport?: ImportReport;
}) {
  const { ctx, cohort, item } = props;
  const { t } = ctx;
  const s = item.session;
  return (
    <Layout ctx={ctx} title={s.title}>
      <p>
        <a href={`/cohorts/${cohort.id}/sessions`}>← {t('sessions.listTitle', { cohort: cohort.name })}</a>
      </p>
      <h1>{s.title}</h1>
      <ClassFacts ctx={ctx} item={item} links />
      {s.mode === 'faceToFace' && (
        <p>
          <a class="button" href={`/sessions/${s.id}/screen`}>
            {t('sessions.screen')}
          </a>
        </p>
      )}
      <h2>{t('sessions.attendance')}</h2>
      {props.roster &&
        (props.roster.length === 0 ? (
          <p class="muted">{t('admin.noTrainees')}</p>
        ) : (
          <div class="roster">
            <p class="muted">{t('sessions.rosterHelp')}</p>
            {props.roster.map((row) => (
              <RosterRow ctx={ctx} row={row} />
            ))}
          </div>
        ))}
      {props.remote && (
        <>
          <p class="muted">{t('sessions.remoteHelp')}</p>
          <RemoteTable ctx={ctx} rows={props.remote} ended={props.ended} />
          <ImportSection ctx={ctx} sessionId={s.id} errors={props.importErrors} errorCount={props.importErrorCount} report={props.importReport} />
        </>
      )}
    </Layout>
  );
}
