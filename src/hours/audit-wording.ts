import type { MessageKey, Translate } from '../i18n/index.js';

// The audit log's "what happened" as words: the action's name and a sentence with the details that
// matter (who, which level, how many, why), never the stored JSON. Personal data appears only as it
// was stored: the audit trail keeps masked values (138****0000), and so does its wording.
// Pure: the view passes the row, a translator and the names of people the details mention.

export type AuditEntry = { action: string; detail: unknown };
/** Names of the people a detail mentions by id (traineeId, instructorId), when the reader may see them. */
export type NameOf = (userId: number) => string | undefined;

type Detail = Record<string, unknown>;
type Describe = (t: Translate, d: Detail, nameOf: NameOf) => string;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const LEVELS = ['assistant', 'retail', 'corporate', 'senior'];
const MODES = ['faceToFace', 'remote', 'selfStudy'];
const ROLES = ['trainee', 'instructor', 'admin', 'office'];
const FIELDS = ['nationalId', 'employeeNo', 'phone', 'education', 'yearsInFinance', 'name', 'email'];
const EDUCATION = ['associate', 'bachelor', 'master', 'doctorate', 'other'];

function join(t: Translate, parts: (string | null | false | undefined)[], sep: MessageKey = 'wording.comma'): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(t(sep));
}

function levelName(t: Translate, v: unknown): string | null {
  return typeof v === 'string' && LEVELS.includes(v) ? t(`level.${v}` as MessageKey) : null;
}

/** "张三" when the reader may see them, else "学员 #12" (another institution's person stays unnamed). */
function person(t: Translate, nameOf: NameOf, id: unknown): string | null {
  const n = num(id);
  if (n === null) return null;
  return nameOf(n) ?? t('wording.audit.personId', { id: n });
}

function signed(minutes: number): string {
  return minutes > 0 ? `+${minutes}` : String(minutes);
}

function fieldValue(t: Translate, field: string, v: unknown): string {
  const s = v === null || v === undefined || v === '' ? null : String(v);
  if (s === null) return t('wording.audit.empty');
  if (field === 'education' && EDUCATION.includes(s)) return t(`education.${s}` as MessageKey);
  return s;
}

function changeList(t: Translate, changes: unknown): string {
  if (!Array.isArray(changes)) return '';
  return join(
    t,
    changes.map((c: unknown) => {
      if (!c || typeof c !== 'object') return null;
      const { field, from, to } = c as Detail;
      if (typeof field !== 'string') return null;
      const label = FIELDS.includes(field) ? t(`field.${field}` as MessageKey) : field;
      return t('wording.audit.change', { field: label, from: fieldValue(t, field, from), to: fieldValue(t, field, to) });
    }),
    'wording.semicolon',
  );
}

const yesNo = (t: Translate, v: unknown) => t(v === true ? 'wording.audit.yes' : 'wording.audit.no');

const DESCRIBE: Record<string, Describe> = {
  'hours.correct': (t, d) => {
    const minutes = num(d.minutes);
    const mode = typeof d.mode === 'string' && MODES.includes(d.mode) ? t(`dashboards.mode.${d.mode}` as MessageKey) : null;
    const corrects = num(d.correctsId);
    return join(t, [
      minutes !== null && t('wording.audit.hoursCorrect', { mode: mode ?? '', minutes: signed(minutes) }),
      corrects !== null && t('wording.audit.correctsEntry', { id: corrects }),
      num(d.entryId) !== null && t('wording.audit.newEntry', { id: num(d.entryId)! }),
    ]);
  },
  'trainee.flags': (t, d) => {
    const before = (d.before ?? {}) as Detail;
    const after = (d.after ?? {}) as Detail;
    return join(
      t,
      (['assistantCertificate', 'majorViolation'] as const).map(
        (k) => before[k] !== after[k] && t('wording.audit.change', { field: t(`wording.audit.flag.${k}`), from: yesNo(t, before[k]), to: yesNo(t, after[k]) }),
      ),
      'wording.semicolon',
    );
  },
  'trainee.profileChange': (t, d) => {
    const list = changeList(t, d.changes);
    const line = num(d.line);
    const lead = d.via === 'enrolment' && line !== null ? t('wording.audit.viaRosterLine', { line }) : null;
    return join(t, [lead, list], 'wording.colon');
  },
  'cohort.enrol': (t, d) => t('wording.audit.enrol', { enrolled: num(d.enrolled) ?? 0, created: num(d.created) ?? 0 }),
  'cohort.assignInstructor': (t, d, nameOf) => {
    const who = person(t, nameOf, d.instructorId);
    return who ? t('wording.audit.instructor', { name: who }) : '';
  },
  'user.create': (t, d) =>
    join(t, [
      typeof d.role === 'string' && ROLES.includes(d.role) && t('wording.audit.role', { role: t(`role.${d.role}` as MessageKey) }),
      d.via === 'cli' && t('wording.audit.viaCli'),
    ]),
  'user.invite': (t, d) => join(t, [d.reset === true && t('wording.audit.reset'), d.via === 'cli' && t('wording.audit.viaCliLink'), t('wording.audit.invite')]),
  'certificate.issue': (t, d, nameOf) =>
    t('wording.audit.certIssue', { name: person(t, nameOf, d.traineeId) ?? '', level: levelName(t, d.level) ?? '', minutes: num(d.totalMinutes) ?? 0 }),
  'certificate.revoke': (t, d, nameOf) =>
    join(t, [
      t('wording.audit.certRevoke', { name: person(t, nameOf, d.traineeId) ?? '', level: levelName(t, d.level) ?? '' }),
      str(d.reason) && t('wording.evidence.reason', { reason: str(d.reason)! }),
    ]),
  'certificate.reissue': (t, d, nameOf) =>
    join(t, [
      t('wording.audit.certReissue', { name: person(t, nameOf, d.traineeId) ?? '', level: levelName(t, d.level) ?? '' }),
      str(d.supersedes) && t('wording.audit.supersedes', { serial: str(d.supersedes)! }),
      str(d.reason) && t('wording.evidence.reason', { reason: str(d.reason)! }),
    ]),
  'session.create': (t, d) =>
    typeof d.mode === 'string' && MODES.includes(d.mode) ? t('wording.audit.sessionMode', { mode: t(`dashboards.mode.${d.mode}` as MessageKey) }) : '',
  'session.importAttendance': (t, d) =>
    join(t, [
      t('wording.audit.importAttendance', { rows: num(d.rows) ?? 0, trainees: num(d.trainees) ?? 0 }),
      (num(d.unknown) ?? 0) > 0 && t('wording.audit.unknownNames', { count: num(d.unknown)! }),
    ]),
  'questions.import': (t, d) =>
    join(t, [
      str(d.file) && t('wording.audit.file', { file: str(d.file)! }),
      t('wording.audit.questions', { created: num(d.created) ?? 0, updated: num(d.updated) ?? 0 }),
    ]),
  'lti.roster.sync': (t, d) => t('wording.audit.ltiRoster', { members: num(d.members) ?? 0, enrolled: num(d.enrolled) ?? 0, created: num(d.created) ?? 0 }),
};

/** Plain words for an action the wording does not know yet: its primitive fields, no braces. */
function fallback(t: Translate, d: Detail): string {
  return join(
    t,
    Object.entries(d)
      .filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))
      .map(([k, v]) => `${k}${t('wording.colon')}${String(v)}`),
    'wording.semicolon',
  );
}

const MAX = 300;

export function describeAudit(t: Translate, entry: AuditEntry, nameOf: NameOf = () => undefined): string {
  const d = entry.detail && typeof entry.detail === 'object' && !Array.isArray(entry.detail) ? (entry.detail as Detail) : {};
  const describe = DESCRIBE[entry.action];
  const text = describe ? describe(t, d, nameOf) : fallback(t, d);
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

/** Ids of people a detail names, so the page can look their names up with the subjects'. */
export function auditPeopleIds(detail: unknown): number[] {
  if (!detail || typeof detail !== 'object') return [];
  const d = detail as Detail;
  return [d.traineeId, d.instructorId].flatMap((v) => (typeof v === 'number' && Number.isSafeInteger(v) ? [v] : []));
}

/** The action's name; one added later without a name shows its code until it gets one. */
export function auditActionLabel(t: Translate, action: string): string {
  const key = `dashboards.audit.action.${action}` as MessageKey;
  const text = t(key);
  return text === key ? action : text;
}
