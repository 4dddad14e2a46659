import { inTransaction, type Db } from '../db/client.js';
import { hashPassword } from '../auth/index.js';
import * as store from './store.js';
import { LEVEL_IDS } from './levels.js';

export const DEMO_PASSWORD = 'demo-password';
export const DEMO_ACCOUNTS = [
  { email: 'office@example.com', name: '周项目', role: 'office' },
  { email: 'admin@example.com', name: '王管理', role: 'admin' },
  { email: 'instructor@example.com', name: '李讲师', role: 'instructor' },
  { email: 'trainee@example.com', name: '张学员', role: 'trainee' },
] as const;

const COHORT_NAMES: Record<(typeof LEVEL_IDS)[number], string> = {
  assistant: '2026 年助理级 1 班',
  retail: '2026 年对私客户经理 1 班',
  corporate: '2026 年对公客户经理 1 班',
  senior: '2026 年高级客户经理 1 班',
};

/**
 * Seeds a demo institution with one cohort per level and the four demo accounts. Idempotent:
 * running it again finds what exists and adds only what is missing.
 */
export async function seedDemo(db: Db, now = Date.now()): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  inTransaction(db, () => {
    const institution = store.findInstitutionByCode(db, 'DEMO') ?? store.createInstitution(db, 'DEMO', '示范培训中心', now);
    const people = new Map<string, store.Person>();
    for (const account of DEMO_ACCOUNTS) {
      const person =
        store.findPersonByEmail(db, account.email) ??
        store.createUser(db, {
          email: account.email,
          name: account.name,
          role: account.role,
          institutionId: account.role === 'office' ? null : institution.id,
          passwordHash,
        });
      people.set(account.role, person);
    }
    const trainee = people.get('trainee')!;
    if (!store.findProfile(db, trainee.id)) {
      store.upsertProfile(db, {
        userId: trainee.id,
        nationalId: '11010519491231002X',
        employeeNo: null,
        phone: '13800138000',
        education: 'bachelor',
        yearsInFinance: 2,
        assistantCertificate: false,
        majorViolation: false,
      });
    }
    const year = new Date(now).getUTCFullYear();
    for (const level of LEVEL_IDS) {
      const name = COHORT_NAMES[level];
      const cohort =
        store.findCohortByName(db, institution.id, name) ??
        store.createCohort(db, { institutionId: institution.id, name, level, startsOn: `${year}-03-01`, endsOn: `${year}-12-31` }, now);
      store.assignInstructor(db, cohort.id, people.get('instructor')!.id);
      if (level === 'assistant') store.enrol(db, cohort.id, trainee.id, now);
    }
  });
}
