import type { Translate } from '../i18n/index.js';
import type { MissingReason } from '../hours/index.js';

// Why the requirement gate is closed, as a sentence (interim statement, admin proof page).
export function missingText(t: Translate, reason: MissingReason, hours: (minutes: number) => string): string {
  switch (reason.code) {
    case 'levelHours':
      return t('proof.reason.levelHours', { hours: hours(reason.remainingMinutes) });
    case 'minimumTraining':
      return t('proof.reason.minimumTraining', { hours: hours(reason.remainingMinutes) });
    case 'modeMinimum':
      return t('proof.reason.modeMinimum', { hours: hours(reason.remainingMinutes), mode: t(`proof.mode.${reason.mode}`) });
  }
}
