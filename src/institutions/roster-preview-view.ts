import { maskNationalId, maskPhone } from './pii.js';
import type { EnrolPlan, ProfileChange } from './enrolment.js';

// What the roster import's preview page shows: each row's outcome, and for a new account its ID
// number and phone masked (the file's numbers never reach the page; the admin checks them by
// their ends). The counts are the ones the confirm button promises.

export type PreviewKind = 'new' | 'existing' | 'enrolled';

export type PreviewRow = {
  line: number;
  name: string;
  email: string;
  kind: PreviewKind;
  /** For a new account: its ID number (national ID masked, or the employee number) and its masked phone. */
  newIdentity: { idNumber: string; phone: string } | null;
  /** Masked as the audit log keeps them (enrolment.ts). */
  changes: ProfileChange[];
};

export type RosterPreviewModel = {
  rows: PreviewRow[];
  counts: Record<PreviewKind, number>;
  /** Rows that change an existing trainee's profile. */
  changed: number;
};

const kindOf = (p: EnrolPlan): PreviewKind => (!p.person ? 'new' : p.enrolled ? 'enrolled' : 'existing');

export function rosterPreview(plans: EnrolPlan[]): RosterPreviewModel {
  const counts: Record<PreviewKind, number> = { new: 0, existing: 0, enrolled: 0 };
  const rows = plans.map((p): PreviewRow => {
    const kind = kindOf(p);
    counts[kind]++;
    return {
      line: p.line,
      name: p.row.name,
      email: p.row.email,
      kind,
      newIdentity:
        kind === 'new' ? { idNumber: p.row.nationalId ? maskNationalId(p.row.nationalId) : (p.row.employeeNo ?? ''), phone: maskPhone(p.row.phone) } : null,
      changes: p.changes,
    };
  });
  return { rows, counts, changed: plans.filter((p) => p.changes.length > 0).length };
}
