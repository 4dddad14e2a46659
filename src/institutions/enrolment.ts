import type { Db } from '../db/client.js';
import { inTransaction } from '../db/client.js';
import type { MessageKey, Translate } from '../i18n/index.js';
import { capMessages } from '../platform/messages.js';
import * as store from './store.js';
import { maskNationalId, maskPhone } from './pii.js';
import { validateTrainee, type TraineeInput, type TraineeRow } from './trainee-row.js';
import type { RawRow } from './roster-file.js';

export type LineError = { line: number; message: string };

/** Each error with its line, the first MAX_LISTED_ERRORS of them and an "and N more" line. */
export function formatLineErrors(errors: LineError[], t: Translate): string[] {
  return capMessages(
    errors.map((e) => t('roster.line', { line: e.line, message: e.message })),
    t,
  );
}

export type EnrolOutcome = { created: number; enrolled: number; names: string[] };

/** One personal-data field changed on an existing account, as the audit log keeps it (masked). */
export type ProfileChange = { field: 'nationalId' | 'employeeNo' | 'phone' | 'education' | 'yearsInFinance'; from: string; to: string };

const sameName = (a: string, b: string) => a.normalize('NFKC').trim() === b.normalize('NFKC').trim();

/**
 * What enrolling `row` would change on an existing trainee's profile. The name and the ID number
 * say who the person is: a row that disagrees with them is someone else (or a typo) and is
 * refused, never written. An ID number the profile does not have yet is filled in; phone,
 * education and years are updated; a blank phone keeps the one on file.
 */
function compareWithAccount(
  person: store.Person,
  profile: store.Profile | undefined,
  row: TraineeRow,
): { mismatch: MessageKey } | { changes: ProfileChange[] } {
  if (!sameName(person.name, row.name)) return { mismatch: 'field.name' };
  const hasId = Boolean(profile?.nationalId || profile?.employeeNo);
  if (hasId && (profile!.nationalId !== row.nationalId || profile!.employeeNo !== row.employeeNo)) return { mismatch: 'field.idNumber' };
  const changes: ProfileChange[] = [];
  const ids = (v: string | null | undefined) => maskNationalId(v ?? '');
  if (!hasId && row.nationalId) changes.push({ field: 'nationalId', from: '', to: ids(row.nationalId) });
  if (!hasId && row.employeeNo) changes.push({ field: 'employeeNo', from: '', to: ids(row.employeeNo) });
  if (row.phone && row.phone !== (profile?.phone ?? null)) changes.push({ field: 'phone', from: maskPhone(profile?.phone), to: maskPhone(row.phone) });
  if (row.education !== (profile?.education ?? null)) changes.push({ field: 'education', from: profile?.education ?? '', to: row.education });
  if (row.yearsInFinance !== (profile?.yearsInFinance ?? null))
    changes.push({ field: 'yearsInFinance', from: String(profile?.yearsInFinance ?? ''), to: String(row.yearsInFinance) });
  return { changes };
}

/** What enrolling one row would do: create an account, or enrol (and update) an existing one. */
export type EnrolPlan = {
  line: number;
  row: TraineeRow;
  person?: store.Person;
  profile?: store.Profile;
  changes: ProfileChange[];
  /** Already on this cohort's roster (then enrolling changes at most the profile). */
  enrolled: boolean;
};

/**
 * What enrolling `rows` in the cohort would do, without writing anything. An email that cannot be
 * used here (another institution's account, or not a trainee) is an error for that line, worded
 * the same whatever the reason so it tells nothing about other institutions' people; so is a row
 * whose name or ID number disagrees with the account its email belongs to.
 */
export function planEnrolment(
  db: Db,
  cohort: store.Cohort,
  rows: { line: number; row: TraineeRow }[],
  t: Translate,
): { plans: EnrolPlan[] } | { errors: LineError[] } {
  const errors: LineError[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, row } of rows) {
    const seen = firstLine.get(row.email);
    if (seen !== undefined) errors.push({ line, message: t('roster.duplicate', { email: row.email, other: seen }) });
    else firstLine.set(row.email, line);
  }
  const plans: EnrolPlan[] = [];
  for (const { line, row } of rows) {
    const existing = store.findPersonByEmail(db, row.email);
    if (!existing) {
      plans.push({ line, row, changes: [], enrolled: false });
      continue;
    }
    if (existing.role !== 'trainee' || existing.institutionId !== cohort.institutionId) {
      errors.push({ line, message: t('roster.emailUnusable', { email: row.email }) });
      continue;
    }
    const profile = store.findProfile(db, existing.id);
    const compared = compareWithAccount(existing, profile, row);
    if ('mismatch' in compared) errors.push({ line, message: t('roster.personMismatch', { email: row.email, field: t(compared.mismatch) }) });
    else plans.push({ line, row, person: existing, profile, changes: compared.changes, enrolled: store.isEnrolled(db, cohort.id, existing.id) });
  }
  return errors.length ? { errors: errors.sort((a, b) => a.line - b.line) } : { plans };
}

/**
 * Creates (or reuses) trainee accounts and enrols them in the cohort, all in one transaction.
 * Any error (see planEnrolment) means nothing is written. Every change to an existing trainee's
 * personal data is audited with the old and new values, ID numbers and phones masked.
 */
export function enrolTrainees(
  db: Db,
  cohort: store.Cohort,
  rows: { line: number; row: TraineeRow }[],
  actorId: number,
  t: Translate,
): { outcome: EnrolOutcome } | { errors: LineError[] } {
  return inTransaction(db, () => {
    const planned = planEnrolment(db, cohort, rows, t);
    return 'errors' in planned ? planned : { outcome: applyEnrolment(db, cohort, planned.plans, actorId) };
  });
}

/** Writes a plan from planEnrolment; call it inside the transaction that made the plan. */
export function applyEnrolment(db: Db, cohort: store.Cohort, plans: EnrolPlan[], actorId: number): EnrolOutcome {
  const outcome: EnrolOutcome = { created: 0, enrolled: 0, names: [] };
  for (const { line, row, profile, changes, ...plan } of plans) {
    let person = plan.person;
    if (!person) {
      person = store.createUser(db, { email: row.email, name: row.name, role: 'trainee', institutionId: cohort.institutionId });
      outcome.created++;
    }
    if (!plan.person || changes.length) {
      store.upsertProfile(db, {
        userId: person.id,
        nationalId: profile?.nationalId || profile?.employeeNo ? profile.nationalId : row.nationalId,
        employeeNo: profile?.nationalId || profile?.employeeNo ? profile.employeeNo : row.employeeNo,
        phone: row.phone ?? profile?.phone ?? null,
        education: row.education,
        yearsInFinance: row.yearsInFinance,
        assistantCertificate: profile?.assistantCertificate ?? false,
        majorViolation: profile?.majorViolation ?? false,
      });
    }
    if (plan.person && changes.length) {
      store.writeAudit(db, {
        actorId,
        institutionId: cohort.institutionId,
        action: 'trainee.profileChange',
        subject: `user:${person.id}`,
        detail: { via: 'enrolment', cohortId: cohort.id, line, changes },
      });
    }
    if (store.enrol(db, cohort.id, person.id)) {
      outcome.enrolled++;
      outcome.names.push(person.name);
    }
  }
  store.writeAudit(db, {
    actorId,
    institutionId: cohort.institutionId,
    action: 'cohort.enrol',
    subject: `cohort:${cohort.id}`,
    detail: { created: outcome.created, enrolled: outcome.enrolled },
  });
  return outcome;
}

/** What a preview promised, to compare with the plan made again at confirmation. */
export function planSignature(plans: EnrolPlan[]): string {
  return JSON.stringify(plans.map((p) => [p.line, p.person?.id ?? null, p.enrolled, p.changes]));
}

/** Validates every raw row first; reports each bad field by line. */
export function validateRoster(raw: RawRow[], t: Translate): { rows: { line: number; row: TraineeRow }[] } | { errors: LineError[] } {
  const rows: { line: number; row: TraineeRow }[] = [];
  const errors: LineError[] = [];
  for (const { line, input } of raw) {
    const result = validateTrainee(input, t);
    if ('errors' in result) for (const message of result.errors) errors.push({ line, message });
    else rows.push({ line, row: result.row });
  }
  return errors.length ? { errors } : { rows };
}

export type { TraineeInput };
