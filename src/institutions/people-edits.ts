import type { Translate } from '../i18n/index.js';
import { maskNationalId, maskPhone } from './pii.js';
import type { Profile, RosterEntry } from './store.js';
import type { TraineeRow } from './trainee-row.js';

// Pure rules for an admin's edits of a cohort and of a trainee's profile. No I/O.

export type CohortForm = { name: string; startsOn: string; endsOn: string };

/** 80 characters: a cohort's name is printed on certificates and exports. */
export const COHORT_NAME_MAX = 80;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isIsoDate = (s: string) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** The messages naming each bad field of a cohort's name and dates (creating or editing it). */
export function cohortFormErrors(values: CohortForm, t: Translate): string[] {
  const errors: string[] = [];
  if (!values.name) errors.push(t('form.required', { field: t('field.cohortName') }));
  else if (values.name.length > COHORT_NAME_MAX) errors.push(t('form.tooLong', { field: t('field.cohortName'), max: COHORT_NAME_MAX }));
  else if (/\p{Cc}/u.test(values.name)) errors.push(t('form.controlCharacters', { field: t('field.cohortName') }));
  if (!isIsoDate(values.startsOn)) errors.push(t('form.invalidDate', { field: t('field.startsOn') }));
  if (!isIsoDate(values.endsOn)) errors.push(t('form.invalidDate', { field: t('field.endsOn') }));
  if (!errors.length && values.endsOn < values.startsOn) errors.push(t('form.dateOrder'));
  return errors;
}

export type FieldChange = { field: string; from: string; to: string };

export function cohortChanges(before: CohortForm, after: CohortForm): FieldChange[] {
  return (['name', 'startsOn', 'endsOn'] as const).filter((k) => before[k] !== after[k]).map((field) => ({ field, from: before[field], to: after[field] }));
}

/** The admin's profile form of a trainee: the fields of the enrolment form but the e-mail (the login). */
export type ProfileForm = { name: string; idNumber: string; phone: string; education: string; yearsInFinance: string };

/** The form as it opens: the trainee's current values, the national ID or else the employee number. */
export function profileFormOf(entry: RosterEntry): ProfileForm {
  const p = entry.profile;
  return {
    name: entry.name,
    idNumber: p?.nationalId ?? p?.employeeNo ?? '',
    phone: p?.phone ?? '',
    education: p?.education ?? '',
    yearsInFinance: String(p?.yearsInFinance ?? 0),
  };
}

/**
 * What an edit changes on a trainee, as the audit log keeps it: ID numbers and phones masked on
 * both sides (PIPL), the name, education and years as they are.
 */
export function profileChanges(before: { name: string; profile: Profile | null }, row: TraineeRow): FieldChange[] {
  const p = before.profile;
  const changes: FieldChange[] = [];
  if (before.name !== row.name) changes.push({ field: 'name', from: before.name, to: row.name });
  // Employee numbers are masked like ID numbers, as the roster import's audit does.
  if ((p?.nationalId ?? null) !== row.nationalId)
    changes.push({ field: 'nationalId', from: maskNationalId(p?.nationalId), to: maskNationalId(row.nationalId) });
  if ((p?.employeeNo ?? null) !== row.employeeNo)
    changes.push({ field: 'employeeNo', from: maskNationalId(p?.employeeNo), to: maskNationalId(row.employeeNo) });
  if ((p?.phone ?? null) !== row.phone) changes.push({ field: 'phone', from: maskPhone(p?.phone), to: maskPhone(row.phone) });
  if ((p?.education ?? null) !== row.education) changes.push({ field: 'education', from: p?.education ?? '', to: row.education });
  if ((p?.yearsInFinance ?? null) !== row.yearsInFinance)
    changes.push({ field: 'yearsInFinance', from: String(p?.yearsInFinance ?? ''), to: String(row.yearsInFinance) });
  return changes;
}
