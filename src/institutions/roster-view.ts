import type { CurrentUser } from '../env.js';
import { canSeeSensitive } from '../auth/index.js';
import { maskNationalId, maskPhone } from './pii.js';
import type { Education, RosterEntry } from './store.js';

// What a roster table shows one viewer. National ID and phone (PIPL sensitive personal
// information) are masked here, before a page sees them, unless auth's canSeeSensitive lets this
// viewer read them in clear: a page never holds a number it must not print.

export type RosterRow = {
  id: number;
  name: string;
  email: string;
  activated: boolean;
  /** The national ID (masked unless the viewer may see it) or, when there is none, the employee number. */
  idNumber: string;
  /** Masked unless the viewer may see it; '' when there is none. */
  phone: string;
  education: Education | null;
  yearsInFinance: number | null;
};

export function rosterRow(viewer: CurrentUser | null, entry: RosterEntry): RosterRow {
  const clear = viewer !== null && canSeeSensitive(viewer, entry);
  const p = entry.profile;
  const nationalId = p?.nationalId ?? null;
  return {
    id: entry.id,
    name: entry.name,
    email: entry.email,
    activated: entry.activated,
    idNumber: nationalId ? (clear ? nationalId : maskNationalId(nationalId)) : (p?.employeeNo ?? ''),
    phone: clear ? (p?.phone ?? '') : maskPhone(p?.phone),
    education: p?.education ?? null,
    yearsInFinance: p?.yearsInFinance ?? null,
  };
}

export function rosterRows(viewer: CurrentUser | null, roster: RosterEntry[]): RosterRow[] {
  return roster.map((entry) => rosterRow(viewer, entry));
}
