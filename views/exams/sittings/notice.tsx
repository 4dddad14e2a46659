import type { ViewContext } from '../../../src/http/view-context.js';
import type { TraineeSitting } from '../../../src/exams/index.js';
import { Layout } from '../../layout.js';

/**
 * 考前须知 of a scheduled sitting: its window, the latest start (迟到禁止入场), the time limit, what
 * is recorded and any integrity limit, when the results are shown, then the one button that starts
 * it (a POST; the server refuses a start outside the window). `refusal` answers a refused start.
 */
export function SittingNoticePage(props: { ctx: ViewContext; title: string; sitting: TraineeSitting; extraMinutes: number; refusal?: string }) {
  const { ctx, sitting: s } = props;
  const { t, fmt } = ctx;
  const canStart = s.phase === 'open' && !s.attempt;
  const resume = s.attempt?.status === 'open';
  return (
    <Layout ctx={ctx} title={`${t('exams.notice.title')} · ${props.title}`}>
      <p class="crumbs">
        <a href="/exams">{t('exams.notice.back')}</a>
      </p>
      <h1>{props.title}</h1>
      {props.refusal && (
        <div class="flash flash-error" role="alert" data-testid="sitting-refusal">
          {props.refusal}
        </div>
      )}
      <section class="card notice" aria-labelledby="notice-h">
        <h2 id="notice-h">{t('sittings.notice.title')}</h2>
        <dl class="facts">
          <dt>{t('sittings.notice.window')}</dt>
          <dd data-testid="sitting-window">{fmt.dateTimeRange(s.opensAt, s.closesAt)}</dd>
          <dt>{t('sittings.notice.latestStart')}</dt>
          <dd data-testid="sitting-latest-start">{fmt.dateTime(s.latestStartAt)}</dd>
          <dt>{t('exams.timeLimit')}</dt>
          <dd>
            {t('exams.minutes', { n: fmt.number(s.timeLimitMinutes) })}
            {props.extraMinutes > 0 && <> {t('exams.plusExtra', { n: fmt.number(props.extraMinutes) })}</>}
          </dd>
          <dt>{t('sittings.notice.review')}</dt>
          <dd>{t(`sittings.notice.review.${s.review}`)}</dd>
        </dl>
        <h3>{t('exams.notice.rulesTitle')}</h3>
        <ol class="notice-rules">
          <li>{t('sittings.notice.ruleLate', { time: fmt.dateTime(s.latestStartAt) })}</li>
          <li>{t('sittings.notice.ruleClose', { time: fmt.dateTime(s.closesAt) })}</li>
          <li>{t('sittings.notice.ruleOnce')}</li>
          <li>{t('sittings.notice.ruleRecorded')}</li>
          <li data-testid="sitting-integrity">
            {s.maxDepartures === null && s.maxAwaySeconds === null
              ? t('sittings.notice.noLimit')
              : s.maxDepartures !== null && s.maxAwaySeconds !== null
                ? t('sittings.notice.limitBoth', { n: fmt.number(s.maxDepartures), s: fmt.number(s.maxAwaySeconds) })
                : s.maxDepartures !== null
                  ? t('sittings.notice.limitDepartures', { n: fmt.number(s.maxDepartures) })
                  : t('sittings.notice.limitSeconds', { s: fmt.number(s.maxAwaySeconds ?? 0) })}
          </li>
          <li>{t('exams.notice.ruleSave')}</li>
        </ol>
      </section>
      <section class="card notice-start" aria-labelledby="start-h">
        <h2 id="start-h">{t(resume ? 'exams.resume' : 'exams.notice.startTitle')}</h2>
        {s.attempt && !resume ? (
          <p>
            {t('sittings.notice.done')} <a href={`/exams/attempts/${s.attempt.id}`}>{t('exams.seeResult')}</a>
          </p>
        ) : resume || canStart ? (
          <form method="post" action={`/exams/sittings/${s.id}/start`}>
            <button type="submit">{t(resume ? 'exams.resume' : 'exams.notice.startButton')}</button>
          </form>
        ) : (
          <p data-testid="sitting-phase">{t(`sittings.notice.phase.${s.phase}`, { time: fmt.dateTime(s.opensAt) })}</p>
        )}
      </section>
    </Layout>
  );
}
