import type { Format, MessageKey, Translate } from '../../src/i18n/index.js';
import type { ReasonJson } from '../../src/hours/index.js';
import { isLevelId } from '../../src/institutions/index.js';

// Class hours for display (the ledger counts minutes), and the rules' reason codes as sentences.

export function classHours(fmt: Format, minutes: number, classHourMinutes: number): string {
  return fmt.number(Math.round((minutes / classHourMinutes) * 100) / 100);
}

const education = (t: Translate, e: unknown) =>
  typeof e === 'string' && ['associate', 'bachelor', 'master', 'doctorate', 'other'].includes(e)
    ? t(`education.${e}` as MessageKey)
    : t('dashboards.education.unknown');

const certificate = (t: Translate, c: unknown) => (isLevelId(c) ? t(`level.${c}`) : String(c));

/** The whole route of an eligibility rule ("本科及以上学历且金融从业满 1 年"), from the reason's params. */
function route(t: Translate, r: ReasonJson): string {
  const parts: string[] = [];
  if (r.education !== undefined) parts.push(t('dashboards.route.education', { education: education(t, r.education) }));
  if (r.years !== undefined) parts.push(t('dashboards.route.years', { years: Number(r.years) }));
  if (r.certificate !== undefined) parts.push(t('dashboards.route.certificate', { certificate: certificate(t, r.certificate) }));
  return parts.join(t('dashboards.route.and'));
}

export function reasonSentence(t: Translate, fmt: Format, r: ReasonJson, classHourMinutes: number): string {
  const hours = classHours(fmt, Number(r.remainingMinutes ?? 0), classHourMinutes);
  const rule = Number(r.rule ?? 0) + 1;
  switch (r.code) {
    case 'levelHours':
      return t('dashboards.reason.levelHours', { hours });
    case 'minimumTraining':
      return t('dashboards.reason.minimumTraining', { hours });
    case 'modeMinimum':
      return t('dashboards.reason.modeMinimum', { hours, mode: t(`dashboards.mode.${r.mode}` as MessageKey) });
    case 'needsEducation':
      return t('dashboards.reason.needsEducation', { rule, route: route(t, r), education: education(t, r.education), has: education(t, r.has) });
    case 'needsYears':
      return t('dashboards.reason.needsYears', { rule, route: route(t, r), years: Number(r.years), has: Number(r.has) });
    case 'needsCertificate':
      return t('dashboards.reason.needsCertificate', { rule, route: route(t, r), certificate: certificate(t, r.certificate) });
    case 'majorViolation':
      return t('dashboards.reason.majorViolation');
    default:
      // A code added to the rules later still shows, untranslated, rather than vanishing.
      return r.code;
  }
}

export function ReasonList(props: { t: Translate; fmt: Format; reasons: ReasonJson[]; classHourMinutes: number }) {
  if (props.reasons.length === 0) return null;
  return (
    <ul class="reasons">
      {props.reasons.map((r) => (
        <li data-code={r.code}>{reasonSentence(props.t, props.fmt, r, props.classHourMinutes)}</li>
      ))}
    </ul>
  );
}
