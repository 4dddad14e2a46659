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
  大专: 'associate', 专科: 'associate', 高职: 'associate', associate: 'associate',
  本科: 'bachelor', 学士: 'bachelor', bachelor: 'bachelor',
  硕士: 'master', 研究生: 'master', master: 'master', mba: 'master',
  博士: 'doctorate', doctorate: 'doctorate', phd: 'doctorate',
  其他: 'other', 高中: 'other', 中专: 'other', other: 'other',
};

export function parseEducation(raw: string): Education | null {
  return EDUCATION_WORDS[raw.trim().toLowerCase().replace(/[（(].*[)）]$/, '')] ?? null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Returns the clean row, or the messages naming each bad field. */
export function validateTrainee(input: TraineeInput, t: Translate): { row: TraineeRow } | { errors: string[] } {
  const errors: string[] = [];
  const f = (key: Parameters<Translate>[0]) => t(key);
  const name = input.name.trim();
  if (!name) errors.push(t('form.required', { field: f('field.name') }));
  else if (name.length > 60) errors.push(t('form.tooLong', { field: f('field.name'), max: 60 }));

  const email = input.email.trim().toLowerCase();
  if (!email) errors.push(t('form.required', { field: f('field.email') }));
  else if (!EMAIL.test(email) || email.length > 254) errors.push(t('form.invalidEmail', { field: f('field.email') }));

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

  const phone = input.phone.normalize('NFKC').replace(/[\s-]/g, '').replace(/^\+?86/, '');
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
