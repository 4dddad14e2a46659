import type { ViewContext } from '../../../src/http/view-context.js';
import type { TraineeSitting } from '../../../src/exams/index.js';

export type SittingCard = TraineeSitting & { title: string };

/** The exams home: scheduled sittings (统一模拟考) upcoming or open for the trainee, each opening its 考前须知. */
export function SittingCards(props: { ctx: ViewContext; sittings: SittingCard[] }) {
  const { t, fmt } = props.ctx;
  return (
    <section aria-labelledby="sittings-h">
      <h2 id="sittings-h">{t('sittings.home.title')}</h2>
      <ul class="cards">
        {props.sittings.map((s) => (
          <li class="card exam-card" data-testid={`sitting-${s.id}`}>
            <h3>{s.title}</h3>
            <dl class="facts">
              <dt>{t('sittings.notice.window')}</dt>
              <dd>{fmt.dateTimeRange(s.opensAt, s.closesAt)}</dd>
              <dt>{t('sittings.notice.latestStart')}</dt>
              <dd>{fmt.dateTime(s.latestStartAt)}</dd>
              <dt>{t('sittings.col.phase')}</dt>
              <dd>{t(s.attempt ? (s.attempt.status === 'open' ? 'sittings.state.started' : 'sittings.state.submitted') : `sittings.phase.${s.phase}`)}</dd>
            </dl>
            <a class="button" href={`/exams/sittings/${s.id}`}>
              {t('exams.enter')}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
