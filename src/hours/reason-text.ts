import type { Translate } from '../i18n/index.js';
import type { ReasonJson } from './json.js';

// Reason codes from the hours and eligibility rules as sentences in the reader's language.

export function reasonText(t: Translate, r: ReasonJson, classHourMinutes: number): string {
  const hours = (m: unknown) => Math.ceil((Number(m) / classHourMinutes) * 10) / 10;
  const edu = (e: unknown) => (typeof e === 'string' ? t(`education.${e}` as 'education.master') : t('study.reason.unknownEducation'));
  switch (r.code) {
    case 'levelHours':
      return t('study.reason.levelHours', { hours: hours(r.remainingMinutes) });
    case 'minimumTraining':
      return t('study.reason.minimumTraining', { hours: hours(r.remainingMinutes) });
    case 'modeMinimum':
      return t('study.reason.modeMinimum', { hours: hours(r.remainingMinutes), mode: t(`study.mode.${r.mode}` as 'study.mode.remote') });
    case 'needsEducation':
      return t('study.reason.needsEducation', { education: edu(r.education), has: edu(r.has) });
    case 'needsYears':
      return t('study.reason.needsYears', { education: edu(r.education), years: Number(r.years), has: Number(r.has) });
    case 'needsCertificate':
      return t('study.reason.needsCertificate');
    case 'majorViolation':
      return t('study.reason.majorViolation');
    default:
      return r.code;
  }
}
