import type { accountZh } from './account.zh-CN.js';

// Account recovery strings (English).
export const accountEn: Record<keyof typeof accountZh, string> = {
  'account.forgotLink': 'Forgot your password?',
  'account.forgot.title': 'Forgot your password',
  'account.forgot.intro':
    'To protect trainees’ hours and certificates, a password can only be set again through a one-time reset link. This platform sends no e-mail by default; the link reaches you in person or through your institution’s usual channels:',
  'account.forgot.trainee':
    'Trainees and instructors: ask your training institution’s administrator. They press “Make a password reset link” on the cohort roster (for instructors, on the institution page) and hand you the link.',
  'account.forgot.admin': 'Institution administrators: ask the programme office, whose IT staff make a reset link for you.',
  'account.forgot.link':
    'A reset link works for 7 days and only once; making a new one ends the old one. Once you set a new password, your account is signed out on every device, and you sign in again with the new password.',
  'account.forgot.noEmail': 'This platform sends no e-mail by default (no SMTP mail server is configured), so there is no e-mail address to enter here.',
  'account.forgot.back': 'Back to sign-in',
  'account.forgot.itSummary': 'Technical notes (for the programme office’s IT staff)',
  'account.forgot.itCommand':
    'On the server, in the platform program’s folder, run this to make a reset link for any existing account (it is recorded in the audit log):',
  'account.resetLink': 'Make a password reset link',
  'account.resetCreated':
    'Password reset link for {name} (valid 7 days, shown only this once). Any earlier link has stopped working; once a new password is set, the account is signed out on every device:',
};
