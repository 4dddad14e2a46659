// Scheduled sittings (统一模拟考). Staff routes live under a cohort, /cohorts/:cohortId/sittings, and
// go through cohortAccess('teach') like the analytics and marking: the institution's admin or an
// instructor assigned to the cohort; an unassigned instructor gets 403, another institution 404.
// A sitting id must belong to the URL's cohort. Trainee routes check that the trainee is one of
// the sitting's candidates, and the signals route that the attempt is the trainee's own.
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../env.js';
import { cohortAccess, requireRole } from '../../auth/index.js';
import { cohortHref } from '../../hours/index.js';
import { setFlash } from '../../http/flash.js';
import { viewContext } from '../../http/view-context.js';
import { rosterContacts, traineeCohorts } from '../../institutions/index.js';
import { toDateTimeLocal } from '../../platform/zoned-time.js';
import { CONTENT_TYPES, tableBytes } from '../../platform/tables.js';
import { SittingsPage, type SittingFormError } from '../../../views/exams/sittings/schedule.js';
import { LiveRoomPage, LiveTable, sittingHref } from '../../../views/exams/sittings/live.js';
import { SittingResultsPage } from '../../../views/exams/sittings/results.js';
import { SittingNoticePage } from '../../../views/exams/sittings/notice.js';
import { distribution } from '../analytics.js';
import { extraMinutes } from '../grants-store.js';
import { examTitle } from '../request-context.js';
import { percentOf, round } from '../stats.js';
import { MINUTE_MS } from '../clock.js';
import type { FieldProblem, SittingFormValues } from './rules.js';
import {
  cohortExams,
  cohortSitting,
  endForTrainee,
  grantInSitting,
  listItem,
  liveRoom,
  MAX_SIGNAL_BODY_BYTES,
  parseSignal,
  recordSignal,
  scheduleSitting,
  sittingResults,
  startSitting,
  traineeSitting,
  type SittingResultRow,
} from './sittings.js';
import { cohortSittings, type SittingRow } from './store.js';

const sittingsHref = (cohortId: number) => `/cohorts/${cohortId}/sittings`;

function schedulePage(c: Context<AppEnv>, form?: { values: SittingFormValues; problems: FieldProblem[] }) {
  const { deps, t } = c.var;
  const cohort = c.var.cohort;
  const exams = [...cohortExams(deps, cohort)].map(([id, timeLimitMinutes]) => ({ id, title: examTitle(c, id), timeLimitMinutes }));
  const now = Date.now();
  // A fresh form proposes tomorrow 09:00–11:00 in the programme's zone, no entry after 15 minutes.
  const tomorrow = toDateTimeLocal(now + 24 * 3600_000, deps.config.timeZone).slice(0, 10);
  const values: SittingFormValues = form?.values ?? {
    exam: exams[0]?.id ?? '',
    opensAt: `${tomorrow}T09:00`,
    closesAt: `${tomorrow}T11:00`,
    latestStartMinutes: '15',
    timeLimitMinutes: String(exams[0]?.timeLimitMinutes ?? 90),
    review: 'score',
    who: 'all',
    candidates: [],
    maxDepartures: '',
    maxAwaySeconds: '',
  };
  const errors: SittingFormError[] = (form?.problems ?? []).map((p) => ({ field: p.field, message: t(p.message, p.params) }));
  return c.html(
    <SittingsPage
      ctx={viewContext(c)}
      cohort={cohort}
      backHref={cohortHref(c, cohort.id)}
      exams={exams}
      roster={rosterContacts(deps.db, cohort.id, cohort.institutionId).map((r) => ({ id: r.id, name: r.name }))}
      sittings={cohortSittings(deps.db, cohort).map((s) => listItem(s, examTitle(c, s.examKey), now))}
      values={values}
      errors={errors}
    />,
    form ? 422 : 200,
  );
}

function sittingOf(c: Context<AppEnv>): SittingRow {
  const s = cohortSitting(c.var.deps, c.var.cohort, Number(c.req.param('sittingId')));
  if (!s) throw new HTTPException(404);
  return s;
}

function resultColumns(c: Context<AppEnv>) {
  const { t } = c.var;
  type Cell = string | number | null;
  const cols: { header: string; type: 'string' | 'integer' | 'decimal'; width: number; value: (r: SittingResultRow) => Cell }[] = [
    { header: t('sittings.file.number'), type: 'string', width: 8, value: (r) => r.trainee.number },
    { header: t('exams.analytics.file.name'), type: 'string', width: 14, value: (r) => r.trainee.name },
    { header: t('exams.analytics.file.email'), type: 'string', width: 28, value: (r) => r.trainee.email },
    { header: t('exams.analytics.file.employeeNo'), type: 'string', width: 12, value: (r) => r.trainee.employeeNo },
    { header: t('exams.analytics.file.latestScore'), type: 'decimal', width: 10, value: (r) => r.summary?.latest?.score ?? null },
    { header: t('exams.analytics.file.maxScore'), type: 'decimal', width: 8, value: (r) => r.summary?.latest?.maxScore ?? null },
    { header: t('exams.analytics.file.latestPercent'), type: 'decimal', width: 12, value: (r) => (r.summary?.latest ? percentOf(r.summary.latest) : null) },
    {
      header: t('exams.analytics.file.result'),
      type: 'string',
      width: 10,
      value: (r) =>
        r.summary?.passed === true
          ? t('exams.passed')
          : r.summary?.passed === false
            ? t('exams.failed')
            : t(r.summary?.open ? 'exams.analytics.inProgress' : 'exams.analytics.notSat'),
    },
    { header: t('exams.submittedBy'), type: 'string', width: 14, value: (r) => (r.submittedBy ? t(`exams.by.${r.submittedBy}` as 'exams.by.trainee') : '') },
    {
      header: t('exams.analytics.file.minutesTaken'),
      type: 'decimal',
      width: 12,
      value: (r) => (r.summary?.timeTakenMs != null ? round(r.summary.timeTakenMs / MINUTE_MS, 1) : null),
    },
    { header: t('sittings.file.departures'), type: 'integer', width: 10, value: (r) => r.counts.departures },
    { header: t('sittings.file.awaySeconds'), type: 'integer', width: 12, value: (r) => Math.round(r.counts.awayMs / 1000) },
    { header: t('sittings.file.copyPaste'), type: 'integer', width: 10, value: (r) => r.counts.copyPaste },
    { header: t('sittings.file.secondDevice'), type: 'integer', width: 10, value: (r) => r.counts.secondDevice },
  ];
  return cols;
}

export function sittingRoutes() {
  const app = new Hono<AppEnv>();
  const guard = [requireRole('admin', 'instructor'), cohortAccess('teach')] as const;
  const base = '/cohorts/:cohortId/sittings';

  app.get(base, ...guard, (c) => schedulePage(c));

  app.post(base, ...guard, async (c) => {
    const body = await c.req.parseBody({ all: true });
    const out = scheduleSitting(c.var.deps, c.var.user!, c.var.cohort, body);
    if (!out.ok) return schedulePage(c, out);
    setFlash(c, 'ok', 'sittings.scheduled');
    return c.redirect(sittingHref(c.var.cohort.id, out.id), 303);
  });

  const live = (c: Context<AppEnv>, fragment: boolean) => {
    const s = sittingOf(c);
    const cohort = c.var.cohort;
    const now = Date.now();
    const room = liveRoom(c.var.deps, s, now);
    c.header('Cache-Control', 'no-store');
    if (fragment) return c.html(<LiveTable ctx={viewContext(c, null)} cohortId={cohort.id} sittingId={s.id} phase={room.phase} rows={room.rows} now={now} />);
    const selected = Number(c.req.query('trainee'));
    return c.html(
      <LiveRoomPage
        ctx={viewContext(c)}
        cohort={cohort}
        sitting={listItem(s, examTitle(c, s.examKey), now)}
        phase={room.phase}
        rows={room.rows}
        now={now}
        selected={Number.isSafeInteger(selected) ? selected : undefined}
      />,
    );
  };
  app.get(`${base}/:sittingId`, ...guard, (c) => live(c, false));
  app.get(`${base}/:sittingId/live`, ...guard, (c) => live(c, true));

  app.post(`${base}/:sittingId/end`, ...guard, async (c) => {
    const s = sittingOf(c);
    const body = await c.req.parseBody();
    const traineeId = Number(body.traineeId);
    const ended = Number.isSafeInteger(traineeId) && endForTrainee(c.var.deps, c.var.user!, s, traineeId);
    setFlash(c, ended ? 'ok' : 'error', ended ? 'sittings.live.ended' : 'sittings.live.notRunning');
    return c.redirect(sittingHref(c.var.cohort.id, s.id), 303);
  });

  app.post(`${base}/:sittingId/grant`, ...guard, async (c) => {
    const s = sittingOf(c);
    const body = await c.req.parseBody();
    const traineeId = Number(body.traineeId);
    const minutes = Number(body.minutes);
    if (!Number.isSafeInteger(traineeId) || !Number.isInteger(minutes) || minutes < 1 || minutes > 240) {
      setFlash(c, 'error', 'exams.grants.errMinutes');
      return c.redirect(sittingHref(c.var.cohort.id, s.id), 303);
    }
    const out = grantInSitting(c.var.deps, c.var.user!, s, traineeId, minutes);
    if (out === 'notFound') throw new HTTPException(404);
    setFlash(c, 'ok', out === 'extended' ? 'exams.grants.grantedRunning' : 'exams.grants.granted', { minutes });
    return c.redirect(sittingHref(c.var.cohort.id, s.id), 303);
  });

  app.get(`${base}/:sittingId/results`, ...guard, (c) => {
    const s = sittingOf(c);
    const bp = c.var.deps.exams.blueprints.byId.get(s.examKey);
    const { rows, attempts } = sittingResults(c.var.deps, s);
    return c.html(
      <SittingResultsPage
        ctx={viewContext(c)}
        cohort={c.var.cohort}
        sitting={listItem(s, examTitle(c, s.examKey))}
        passPercent={bp?.passPercent ?? 60}
        rows={rows}
        dist={distribution(attempts, 'latest')}
      />,
    );
  });

  const download = (format: 'csv' | 'xlsx') => async (c: Context<AppEnv>) => {
    const s = sittingOf(c);
    const { rows } = sittingResults(c.var.deps, s);
    const cols = resultColumns(c);
    const bytes = await tableBytes(
      {
        meta: [],
        sheetName: examTitle(c, s.examKey),
        columns: cols.map(({ value: _value, ...col }, i) => ({ ...col, key: String(i) })),
        rows: () => rows.map((r) => cols.map((col) => col.value(r))),
        close: () => {},
        autoFilter: true,
      },
      format,
    );
    c.header('Content-Type', CONTENT_TYPES[format]);
    c.header('Content-Disposition', `attachment; filename="sitting-results-${c.var.cohort.id}-${s.id}.${format}"`);
    return c.body(bytes);
  };
  app.get(`${base}/:sittingId/results.csv`, ...guard, download('csv'));
  app.get(`${base}/:sittingId/results.xlsx`, ...guard, download('xlsx'));

  // --- the trainee's side -------------------------------------------------------------------------
  const trainee = requireRole('trainee');

  const notice = (c: Context<AppEnv>, refusal?: string, status: 200 | 409 = 200) => {
    const { deps, user } = c.var;
    const s = traineeSitting(deps, user!, Number(c.req.param('sittingId')));
    if (!s) throw new HTTPException(404);
    c.header('Cache-Control', 'no-store');
    return c.html(
      <SittingNoticePage
        ctx={viewContext(c)}
        title={examTitle(c, s.examKey)}
        sitting={s}
        extraMinutes={extraMinutes(deps.db, user!.id, s.examKey)}
        refusal={refusal}
      />,
      status,
    );
  };

  app.get('/exams/sittings/:sittingId', trainee, (c) => notice(c));

  app.post('/exams/sittings/:sittingId/start', trainee, (c) => {
    const { deps, user, t, fmt } = c.var;
    const out = startSitting(deps, user!, Number(c.req.param('sittingId')));
    switch (out.kind) {
      case 'ok':
        return c.redirect(`/exams/attempts/${out.attemptId}`, 303);
      case 'notFound':
        throw new HTTPException(404);
      case 'done':
        return c.redirect(`/exams/attempts/${out.attemptId}`, 303);
      case 'notYet':
        return notice(c, t('sittings.refused.notYet', { time: fmt.dateTime(out.sitting.opensAt) }), 409);
      case 'late':
        return notice(c, t('sittings.refused.late', { time: fmt.dateTime(out.sitting.latestStartAt) }), 409);
      case 'closed':
        return notice(c, t('sittings.refused.closed', { time: fmt.dateTime(out.sitting.closesAt) }), 409);
      case 'busy':
        return notice(c, t('sittings.refused.busy'), 409);
      case 'failed':
        deps.logger.error({ sitting: c.req.param('sittingId') }, 'sitting attempt could not be drawn');
        return notice(c, t('exams.unavailable'), 409);
    }
  });

  // Integrity signals from the sitting's exam page (static/js/exam.js): only the attempt's own
  // trainee writes them (anyone else: 404), through the same CSRF origin check as every post, and
  // the body is small (BODY_LIMITS, and checked again here).
  app.post('/exams/attempts/:id/signals', trainee, async (c) => {
    const text = await c.req.text();
    if (text.length > MAX_SIGNAL_BODY_BYTES) throw new HTTPException(413);
    const input = parseSignal(new URLSearchParams(text));
    if (!input) throw new HTTPException(400);
    const out = recordSignal(c.var.deps, c.var.user!.id, Number(c.req.param('id')), input);
    if (out === 'notFound') throw new HTTPException(404);
    c.header('Cache-Control', 'no-store');
    return c.json(out);
  });

  return app;
}

/** The trainee's cohorts of their own institution (the exams home asks which sittings to list). */
export function traineeCohortIdsOf(c: Context<AppEnv>): number[] {
  const user = c.var.user!;
  return traineeCohorts(c.var.deps.db, user.id)
    .filter((x) => x.institutionId === user.institutionId)
    .map((x) => x.id);
}

export { sittingsHref };
