import type { Translate } from '../i18n/index.js';
import { isValidMobile, isValidNationalId } from './pii.js';
import type { Education } from './store.js';

// One trainee's enrolment data, validated the same way from the form and from a roster file.

export type TraineeInput = {
  name: string;
  idNumber: string;
  email: string;
  phone: string;
  education: string;
  yearsInFinance: string;
};

export type TraineeRow = {
  name: string;
  nationalId: string | null;
  employeeNo: string | null;
  email: string;
  phone: string | null;
  education: Education;
  yearsInFinance: number;
};

const EDUCATION_WORDS: Record<string, Education> = {
  大专: 'associate',
  专科: 'associate',
  高职: 'associate',
  associate: 'associate',
  本科: 'bachelor',
  学士: 'bachelor',
  bachelor: 'bachelor',
  硕士: 'master',
  研究生: 'master',
  master: 'master',
  mba: 'master',
  博士: 'doctorate',
  doctorate: 'doctorate',
  phd: 'doctorate',
  其他: 'other',
  高中: 'other',
  中专: 'other',
  other: 'other',
};

export function parseEducation(raw: string): Education | null {
  return (
    EDUCATION_WORDS[
      raw
        .trim()
        .toLowerCase()
        .replace(/[（(].*[)）]$/, '')
    ] ?? null
  );
}

/** The choices of the education field, in the order the forms list them. */
export const EDUCATION_CHOICES = ['associate', 'bachelor', 'master', 'doctorate', 'other'] as const satisfies readonly Education[];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The longest text each field may hold, checked on the raw cell before anything else reads it
 * (so no pattern ever runs over a megabyte-long cell). A name is at most 60 characters: Chinese
 * names are 2–4, transliterated foreign names stay well inside. The others are the longest a
 * valid value can be, with room for the spaces and dashes people type.
 */
export const TRAINEE_FIELD_MAX = { name: 60, idNumber: 40, email: 254, phone: 20, education: 20, yearsInFinance: 4 } as const;

const FIELD_LABEL: Record<keyof TraineeInput, Parameters<Translate>[0]> = {
  name: 'field.name',
  idNumber: 'field.idNumber',
  email: 'field.email',
  phone: 'field.phone',
  education: 'field.education',
  yearsInFinance: 'field.yearsInFinance',
};

/** Control characters (line breaks, tabs, NUL…) have no place in a name and break the files it goes into. */
const CONTROL = /\p{Cc}/u;

/** Returns the clean row, or the messages naming each bad field. */
export function validateTrainee(input: TraineeInput, t: Translate): { row: TraineeRow } | { errors: string[] } {
  const f = (key: Parameters<Translate>[0]) => t(key);
  const tooLong = (Object.keys(TRAINEE_FIELD_MAX) as (keyof TraineeInput)[]).filter((k) => input[k].trim().length > TRAINEE_FIELD_MAX[k]);
  if (tooLong.length) return { errors: tooLong.map((k) => t('form.tooLong', { field: f(FIELD_LABEL[k]), max: TRAINEE_FIELD_MAX[k] })) };

  const errors: string[] = [];
  const name = input.name.trim();
  if (!name) errors.push(t('form.required', { field: f('field.name') }));
  else if (CONTROL.test(name)) errors.push(t('form.controlCharacters', { field: f('field.name') }));

  const email = input.email.trim().toLowerCase();
  if (!email) errors.push(t('form.required', { field: f('field.email') }));
  else if (!EMAIL.test(email)) errors.push(t('form.invalidEmail', { field: f('field.email') }));

  // Full-width digits and lower-case x are common when typed on a Chinese keyboard.
  const id = input.idNumber.normalize('NFKC').trim().toUpperCase();
  let nationalId: string | null = null;
  let employeeNo: string | null = null;
  if (!id) errors.push(t('form.required', { field: f('field.idNumber') }));
  else if (/^\d{17}[\dX]$/.test(id)) {
    if (isValidNationalId(id)) nationalId = id;
    else errors.push(t('form.invalidIdNumber', { field: f('field.idNumber') }));
  } else if (/^[A-Z0-9-]{2,32}$/.test(id)) employeeNo = id;
  else errors.push(t('form.invalidIdNumber', { field: f('field.idNumber') }));

  const phone = input.phone
    .normalize('NFKC')
    .replace(/[\s-]/g, '')
    .replace(/^\+?86/, '');
  if (phone && !isValidMobile(phone)) errors.push(t('form.invalidPhone', { field: f('field.phone') }));

  const education = parseEducation(input.education);
  if (!input.education.trim()) errors.push(t('form.required', { field: f('field.education') }));
  else if (!education) errors.push(t('form.invalidChoice', { field: f('field.education') }));

  const yearsText = input.yearsInFinance.normalize('NFKC').trim() || '0';
  const years = Number(yearsText);
  if (!/^\d+$/.test(yearsText) || years > 60) errors.push(t('form.invalidNumber', { field: f('field.yearsInFinance') }));

  if (errors.length) return { errors };
  return { row: { name, nationalId, employeeNo, email, phone: phone || null, education: education!, yearsInFinance: years } };
}
