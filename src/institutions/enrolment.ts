import type { Db } from '../db/client.js';
import { inTransaction } from '../db/client.js';
import type { Translate } from '../i18n/index.js';
import * as store from './store.js';
import { validateTrainee, type TraineeInput, type TraineeRow } from './trainee-row.js';
import type { RawRow } from './roster-file.js';

export type LineError = { line: number; message: string };

export function formatLineErrors(errors: LineError[], t: Translate): string[] {
  return errors.map((e) => t('roster.line', { line: e.line, message: e.message }));
}

export type EnrolOutcome = { created: number; enrolled: number; names: string[] };

/**
 * Creates (or reuses) trainee accounts and enrols them in the cohort, all in one transaction.
 * An email that belongs to another institution's account, or to a non-trainee, is an error for
 * that line; any error means nothing is written.
 */
export function enrolTrainees(
  db: Db,
  cohort: store.Cohort,
  rows: { line: number; row: TraineeRow }[],
  actorId: number,
  t: Translate,
): { outcome: EnrolOutcome } | { errors: LineError[] } {
  const errors: LineError[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, row } of rows) {
    const seen = firstLine.get(row.email);
    if (seen !== undefined) errors.push({ line, message: t('roster.duplicate', { email: row.email, other: seen }) });
    else firstLine.set(row.email, line);
  }
  return inTransaction(db, () => {
    for (const { line, row } of rows) {
      const existing = store.findPersonByEmail(db, row.email);
      if (existing && (existing.role !== 'trainee' || existing.institutionId !== cohort.institutionId)) {
        errors.push({ line, message: t('form.emailTaken', { email: row.email }) });
      }
    }
    if (errors.length) return { errors };
    const outcome: EnrolOutcome = { created: 0, enrolled: 0, names: [] };
    for (const { row } of rows) {
      let person = store.findPersonByEmail(db, row.email);
      if (!person) {
        person = store.createUser(db, { email: row.email, name: row.name, role: 'trainee', institutionId: cohort.institutionId });
        outcome.created++;
      }
      const previous = store.findProfile(db, person.id);
      store.upsertProfile(db, {
        userId: person.id,
        nationalId: row.nationalId,
        employeeNo: row.employeeNo,
        phone: row.phone,
        education: row.education,
        yearsInFinance: row.yearsInFinance,
        assistantCertificate: previous?.assistantCertificate ?? false,
        majorViolation: previous?.majorViolation ?? false,
      });
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
    return { outcome };
  });
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
