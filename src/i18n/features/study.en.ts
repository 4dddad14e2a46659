import type { studyZh } from './study.zh-CN.js';

export const studyEn: Record<keyof typeof studyZh, string> = {
  'study.status.reading':
    'Active study on this lesson: {minutes} min. Another {remaining} min and all self-checks answered will credit {credit} min of self-study.',
  'study.status.needSelfCheck': 'Active study on this lesson: {minutes} min. Answer all self-checks to credit {credit} min of self-study.',
  'study.status.credited': 'Lesson complete: {credit} min of self-study credited ({minutes} min active).',
  'study.status.outline': 'This lesson is an outline still being written; it earns no self-study hours yet.',
  'study.status.noCohort': 'Active study on this lesson: {minutes} min. You are not in a cohort that includes this course, so no hours are credited yet.',
  'study.status.coaching':
    "Exam coaching: active study on this lesson {minutes} min. Coaching is recorded but does not count toward the level's required study hours.",
  'study.status.coachingDone': "Exam coaching lesson complete ({minutes} min active). Coaching does not count toward the level's required study hours.",
  'study.progress.title': 'My progress',
  'study.progress.none': 'You are not in any cohort yet, so there are no hours to show.',
  'study.progress.earned': 'Earned',
  'study.progress.required': 'Required',
  'study.progress.remaining': '{hours} class hours to go',
  'study.progress.complete': 'Hours requirement met',
  'study.progress.credited': 'including {hours} class hours credited from the assistant level',
  'study.progress.mayApply': 'You meet the conditions to apply for the competency assessment.',
  'study.progress.mayNotApply': 'You cannot apply for the assessment yet:',
  'study.progress.chartTitle': '{level}: class hours by mode',
  'study.progress.total': 'Total',
  'study.progress.minimum': 'min. {hours}',
  'study.progress.hoursUnit': '{hours} h',
  'study.progress.entries': 'Hour entries',
  'study.mode.faceToFace': 'Face-to-face',
  'study.mode.remote': 'Remote',
  'study.mode.selfStudy': 'Self-study',
  // The lesson self-check (labels of views/catalog/mdx-components.tsx).
  'mdx.retry': 'Try again',
  'mdx.showExplanation': 'Show the answer and explanation',
};
