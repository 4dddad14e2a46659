import type { ViewContext } from '../../src/http/view-context.js';
import type { SelfCheckMiss } from '../../src/hours/index.js';
import { selfCheckAnchor } from '../catalog/mdx-components.js';

/** The lesson page scrolled to the self-check. */
export const selfCheckHref = (m: Pick<SelfCheckMiss, 'courseSlug' | 'lessonSlug' | 'questionId'>) =>
  `/courses/${encodeURIComponent(m.courseSlug)}/${encodeURIComponent(m.lessonSlug)}#${encodeURIComponent(selfCheckAnchor(m.questionId))}`;

/**
 * The 错题本's lesson part: self-checks answered wrongly, each opening its lesson at the question
 * (where 重做 is). A miss stays listed after a right retry, marked as redone.
 */
export function NotebookSelfChecks(props: { ctx: ViewContext; misses: SelfCheckMiss[]; courseTitle: (slug: string) => string }) {
  const { t, fmt } = props.ctx;
  if (props.misses.length === 0) return null;
  return (
    <section aria-labelledby="nb-self-checks">
      <h2 id="nb-self-checks">{t('exams.notebookSelfChecks')}</h2>
      <p class="muted small">{t('exams.notebookSelfChecksIntro')}</p>
      <ol class="notebook" data-testid="notebook-self-checks">
        {props.misses.map((m) => (
          <li>
            <span class="badge">{t('exams.notebookSelfCheckBadge')}</span> <a href={selfCheckHref(m)}>{m.question}</a>
            <span class="muted small">
              {' '}
              · {props.courseTitle(m.courseSlug)}
              {t('label.colon')}
              {m.lessonTitle} · {t('exams.missed', { n: m.misses, when: fmt.dateTime(m.lastMissedAt) })}
              {m.correctNow && <> · {t('exams.notebookRedone')}</>}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
