import { inTransaction, type Db } from '../../db/client.js';
import { setUserLocale, createUser, findPerson, findPersonByEmail, writeAudit, type Person } from '../../institutions/index.js';
import * as store from '../store.js';
import { mapRoles } from './claims.js';
import { LtiError } from './errors.js';
import { sha256Hex } from './login.js';

// Who an LMS user is here. Shared by launches and roster (NRPS) syncs.
//
// 1. A user already linked to (platform, sub) is that user.
// 2. Else an e-mail the LMS gives links an existing account — but only a trainee or instructor of
//    the platform's own institution. Trusting an LMS-asserted address for an admin, the office, or
//    another institution's user would let whoever runs that LMS take over the account.
// 3. Else a new account in the platform's institution, with no password: the LMS is its login.

export type LmsPerson = {
  sub: string;
  email?: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  roles: readonly string[];
  locale?: string;
};

export type Provisioned = { user: Person; created: boolean };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A stable placeholder address when the LMS shares none (.invalid never delivers, RFC 2606). */
export function placeholderEmail(platformId: number, sub: string): string {
  return `lti-${platformId}-${sha256Hex(sub).slice(0, 20)}@lti.invalid`;
}

function displayName(p: LmsPerson): string {
  const name = p.name?.trim();
  if (name) return name.slice(0, 60);
  // Chinese order: family name first, no space between CJK names.
  const parts = [p.familyName?.trim(), p.givenName?.trim()].filter(Boolean) as string[];
  if (parts.length) return parts.join(/[\u4e00-\u9fff]/.test(parts.join('')) ? '' : ' ').slice(0, 60);
  return `LMS ${p.sub.slice(0, 12)}`;
}

function localeOf(tag: string | undefined): 'zh-CN' | 'en' | null {
  if (!tag) return null;
  if (/^zh\b/i.test(tag)) return 'zh-CN';
  if (/^en\b/i.test(tag)) return 'en';
  return null;
}

const usable = (user: Person, institutionId: number) => user.institutionId === institutionId && (user.role === 'trainee' || user.role === 'instructor');

export function matchOrProvision(db: Db, platform: store.Platform, person: LmsPerson, now = Date.now()): Provisioned {
  const role = mapRoles(person.roles);
  if (!role) throw new LtiError(403, 'lti.error.role', person.roles.join(' ') || 'no roles');
  return inTransaction(db, () => {
    const linkedId = store.findLinkedUserId(db, platform.id, person.sub);
    if (linkedId !== undefined) {
      const user = findPerson(db, linkedId);
      if (!user || !usable(user, platform.institutionId)) throw new LtiError(403, 'lti.error.account', `linked user ${linkedId} is ${user?.role ?? 'gone'}`);
      return { user, created: false };
    }
    const email = person.email?.trim().toLowerCase();
    if (email && EMAIL.test(email)) {
      const existing = findPersonByEmail(db, email);
      if (existing) {
        if (!usable(existing, platform.institutionId)) throw new LtiError(403, 'lti.error.account', `e-mail belongs to user ${existing.id} (${existing.role})`);
        store.linkUser(db, platform.id, person.sub, existing.id);
        writeAudit(
          db,
          {
            actorId: existing.id,
            institutionId: platform.institutionId,
            action: 'lti.link',
            subject: `user:${existing.id}`,
            detail: { platformId: platform.id, by: 'email' },
          },
          now,
        );
        return { user: existing, created: false };
      }
    }
    const user = createUser(
      db,
      {
        email: email && EMAIL.test(email) ? email : placeholderEmail(platform.id, person.sub),
        name: displayName(person),
        role,
        institutionId: platform.institutionId,
      },
      now,
    );
    const locale = localeOf(person.locale);
    if (locale) setUserLocale(db, user.id, locale);
    store.linkUser(db, platform.id, person.sub, user.id);
    writeAudit(
      db,
      { actorId: null, institutionId: platform.institutionId, action: 'lti.provision', subject: `user:${user.id}`, detail: { platformId: platform.id, role } },
      now,
    );
    return { user, created: true };
  });
}
