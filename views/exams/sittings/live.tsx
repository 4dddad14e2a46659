import type { ViewContext } from '../../../src/http/view-context.js';
import type { Cohort, LiveRow, SittingListItem, SittingPhase } from '../../../src/exams/index.js';
import { Layout } from '../../layout.js';
import { ScrollTable } from '../../scroll-table.js';
import { TableHead } from '../../table-head.js';

export const sittingHref = (cohortId: number, sittingId: number) => `/cohorts/${cohortId}/sittings/${sittingId}`;

const seconds = (ms: number) => Math.round(ms / 1000);

function Timeline(props: { ctx: ViewContext; row: LiveRow }) {
  const { t, fmt } = props.ctx;
  if (props.row.timeline.length === 0) return <span class="muted">—</span>;
  return (
    <ol class="signal-timeline">
      {props.row.timeline.map((e) => (
        <li data-kind={e.kind}>
          <time>{fmt.dateTime(e.at)}</time>{' '}
          {e.kind === 'back'
            ? t('sittings.signal.back', { n: fmt.number(seconds(e.awayMs ?? 0)) })
            : e.kind === 'away'
              ? t(e.detail === 'blur' ? 'sittings.signal.awayBlur' : 'sittings.signal.away')
              : t(`sittings.signal.${e.kind}`)}
        </li>
      ))}
    </ol>
  );
}

/** The part of the live room that htmx reloads every few seconds. */
export function LiveTable(props: { ctx: ViewContext; cohortId: number; sittingId: number; phase: SittingPhase; rows: LiveRow[]; now: number }) {
  const { ctx, rows } = props;
  const { t, fmt } = ctx;
  const started = rows.filter((r) => r.state !== 'notStarted').length;
  const submitted = rows.filter((r) => r.state === 'submitted').length;
  return (
    <>
      <p class="live-summary" data-testid="live-summary">
        {t(`sittings.phase.${props.phase}`)} ·{' '}
        {t('sittings.live.summary', { total: fmt.number(rows.length), started: fmt.number(started), submitted: fmt.number(submitted) })} ·{' '}
        <span class="muted">{t('sittings.live.updated', { time: fmt.dateTime(props.now) })}</span>
      </p>
      <ScrollTable label={t('sittings.live.table')}>
        <table class="live-room" data-testid="live-room">
          <TableHead
            columns={[
              { label: t('sittings.col.trainee') },
              { label: t('sittings.col.state') },
              { label: t('sittings.col.answered'), num: true },
              { label: t('sittings.col.lastSave') },
              { label: t('sittings.col.connection') },
              { label: t('sittings.col.departures'), num: true },
              { label: t('sittings.col.away'), num: true },
              { label: t('sittings.col.copyPaste'), num: true },
              { label: t('sittings.col.secondDevice'), num: true },
              { label: t('sittings.col.timeline') },
              { label: t('sittings.col.actions') },
            ]}
          />
          <tbody>
            {rows.map((r) => (
              <tr data-trainee={String(r.trainee.id)} data-state={r.state}>
                <th scope="row">
                  {r.trainee.name} <span class="muted small">{t('sittings.candidate', { number: r.trainee.number })}</span>
                </th>
                <td data-testid="state">
                  {t(`sittings.state.${r.state}`)}
                  {r.submittedBy && <span class="muted small"> · {t(`exams.by.${r.submittedBy}` as 'exams.by.trainee')}</span>}
                </td>
                <td class="num">{r.state === 'notStarted' ? '—' : `${fmt.number(r.answered)} / ${fmt.number(r.total)}`}</td>
                <td>{r.lastSaveAt ? fmt.dateTime(r.lastSaveAt) : '—'}</td>
                <td data-connection={r.connection}>{r.connection === 'none' ? '—' : t(`sittings.connection.${r.connection}`)}</td>
                <td class="num" data-testid="departures">
                  {fmt.number(r.counts.departures)}
                </td>
                <td class="num">{t('sittings.seconds', { n: fmt.number(seconds(r.counts.awayMs)) })}</td>
                <td class="num">{fmt.number(r.counts.copyPaste)}</td>
                <td class="num">{fmt.number(r.counts.secondDevice)}</td>
                <td>
                  <Timeline ctx={ctx} row={r} />
                </td>
                <td>
                  {r.state === 'started' && (
                    <a href={`${sittingHref(props.cohortId, props.sittingId)}?trainee=${r.trainee.id}#actions`}>
                      {t('sittings.live.actionsFor', { name: r.trainee.name })}
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </>
  );
}

/** 考场监控: the live table (reloaded by htmx every 5 s) and, outside it, the actions on one trainee. */
export function LiveRoomPage(props: {
  ctx: ViewContext;
  cohort: Cohort;
  sitting: SittingListItem;
  phase: SittingPhase;
  rows: LiveRow[];
  now: number;
  selected?: number;
}) {
  const { ctx, cohort, sitting } = props;
  const { t, fmt } = ctx;
  const title = t('sittings.live.title', { exam: sitting.title });
  const base = sittingHref(cohort.id, sitting.id);
  return (
    <Layout ctx={ctx} title={title} wide>
      <p class="crumbs">
        <a href={`/cohorts/${cohort.id}/sittings`}>← {t('sittings.title', { cohort: cohort.name })}</a>
      </p>
      <h1>{title}</h1>
      <p>
        {fmt.dateTimeRange(sitting.opensAt, sitting.closesAt)} · {t('sittings.latestStartAt', { time: fmt.dateTime(sitting.latestStartAt) })} ·{' '}
        <a href={`${base}/results`}>{t('sittings.results')}</a>
      </p>
      <div id="live" hx-get={`${base}/live`} hx-trigger="every 5s" hx-swap="innerHTML" aria-live="off">
        <LiveTable ctx={ctx} cohortId={cohort.id} sittingId={sitting.id} phase={props.phase} rows={props.rows} now={props.now} />
      </div>
      <section id="actions" class="card live-actions" aria-labelledby="actions-h">
        <h2 id="actions-h">{t('sittings.live.actions')}</h2>
        <form method="post" action={`${base}/grant`} class="stack">
          <label for="grant-trainee">{t('sittings.col.trainee')}</label>
          <select id="grant-trainee" name="traineeId" required>
            {props.rows.map((r) => (
              <option value={String(r.trainee.id)} selected={props.selected === r.trainee.id}>
                {r.trainee.name} ({r.trainee.number})
              </option>
            ))}
          </select>
          <label for="grant-minutes">{t('sittings.live.extraMinutes')}</label>
          <input id="grant-minutes" type="number" name="minutes" min="1" max="240" value="10" inputmode="numeric" required />
          <p>
            <button type="submit">{t('sittings.live.grant')}</button>
          </p>
        </form>
        <form method="post" action={`${base}/end`} class="stack">
          <label for="end-trainee">{t('sittings.live.endFor')}</label>
          <select id="end-trainee" name="traineeId" required>
            {props.rows
              .filter((r) => r.state === 'started')
              .map((r) => (
                <option value={String(r.trainee.id)} selected={props.selected === r.trainee.id}>
                  {r.trainee.name} ({r.trainee.number})
                </option>
              ))}
          </select>
          <p class="muted small">{t('sittings.live.endNote')}</p>
          <p>
            <button type="submit" class="secondary">
              {t('sittings.live.end')}
            </button>
          </p>
        </form>
      </section>
    </Layout>
  );
}
