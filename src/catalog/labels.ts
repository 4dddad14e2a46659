import type { Translate } from '../i18n/index.js';
import type { CatalogLabels } from '../../views/catalog/mdx-components.js';

/** The MDX components' labels in the reader's language, from the message catalogue. */
export function catalogLabels(t: Translate): CatalogLabels {
  return {
    tip: t('mdx.tip'),
    warning: t('mdx.warning'),
    regulation: t('mdx.regulation'),
    case: t('mdx.case'),
    selfCheck: t('mdx.selfCheck'),
    submit: t('mdx.submit'),
    correct: t('mdx.correct'),
    incorrect: t('mdx.incorrect'),
    correctAnswer: t('mdx.correctAnswer'),
    yourAnswer: t('mdx.yourAnswer'),
    explanation: t('mdx.explanation'),
    noAnswer: t('mdx.noAnswer'),
    missingSelfCheck: t('mdx.missingSelfCheck'),
    mediaFallback: t('mdx.mediaFallback'),
    lessonUnavailable: t('mdx.lessonUnavailable'),
    retry: t('mdx.retry'),
    showExplanation: t('mdx.showExplanation'),
  };
}
