import type { ViewContext } from '../../../src/http/view-context.js';
import type { AttemptRow } from '../../../src/exams/index.js';
import { Layout } from '../../layout.js';

/**
 * A sitting's attempt as its trainee sees it before the review opens ('wait'), or after it closes
 * when the sitting shows no review ('none') or only the score ('score'). The key never reaches it.
 */
export function SittingHeldPage(props: {
  ctx: ViewContext;
  title: string;
  attempt: AttemptRow;
  shown: 'wait' | 'none' | 'score';
  revealAt: number;
  passPercent: number;
}) {
  const { ctx, attempt: a } = props;
  const { t, fmt } = ctx;
  return (
    <Layout ctx={ctx} title={props.title}>
      <p class="crumbs">
        <a href="/exams">{t('exams.notice.back')}</a>
      </p>
      <h1>{props.title}</h1>
      <section class="card" aria-labelledby="held-h" id="exam-done" data-attempt={String(a.id)}>
        <h2 id="held-h">{t('sittings.held.submitted')}</h2>
        <p data-testid="sitting-held">
          {props.shown === 'wait'
            ? t('sittings.held.wait', { time: fmt.dateTime(props.revealAt) })
            : props.shown === 'none'
              ? t('sittings.held.none')
              : t('sittings.held.scoreOnly')}
        </p>
        {props.shown === 'score' && a.score !== null && a.maxScore !== null && (
          <dl class="facts">
            <dt>{t('exams.col.score')}</dt>
            <dd data-testid="score">{t('sittings.held.score', { score: fmt.number(a.score), max: fmt.number(a.maxScore) })}</dd>
            <dt>{t('exams.col.result')}</dt>
            <dd>{a.passed === null ? '—' : t(a.passed ? 'exams.passed' : 'exams.failed')}</dd>
          </dl>
        )}
      </section>
      <script src="/static/js/exam.js" defer></script>
    </Layout>
  );
}
