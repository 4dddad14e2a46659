import { openDatabase, inTransaction } from '../../src/db/client.js';
import * as people from '../../src/institutions/store.js';
import { appendEntry } from '../../src/hours/ledger/ledger.js';

// Seeds a cohort of N trainees with M ledger entries each into the demo institution, straight
// into the database. Prints { cohortId }.
const [dbPath, traineesArg, entriesArg] = process.argv.slice(2);
const trainees = Number(traineesArg);
const perTrainee = Number(entriesArg);
const db = openDatabase(dbPath!);
const institution = people.findInstitutionByCode(db, 'DEMO');
if (!institution) throw new Error('run the app with --demo first');
const modes = ['faceToFace', 'remote', 'selfStudy'] as const;
const courses = ['bcm-intro', 'theory-regulation', 'marketing-practice', 'client-development', 'retail-marketing', 'retail-risk'];
const cohort = inTransaction(db, () => {
  const c = people.createCohort(db, {
    institutionId: institution.id,
    name: `压测班 ${Date.now()}`,
    level: 'retail',
    startsOn: '2026-03-01',
    endsOn: '2026-12-31',
  });
  for (let i = 0; i < trainees; i++) {
    const p = people.createUser(db, { email: `cohort${c.id}-${i}@bench.example`, name: `学员${i}`, role: 'trainee', institutionId: institution.id });
    people.upsertProfile(db, { userId: p.id, education: i % 3 ? 'bachelor' : 'associate', yearsInFinance: i % 5, employeeNo: `E${i}` });
    people.enrol(db, c.id, p.id);
    for (let j = 0; j < perTrainee; j++) {
      appendEntry(db, {
        traineeId: p.id,
        institutionId: institution.id,
        cohortId: c.id,
        level: 'retail',
        courseSlug: courses[j % courses.length]!,
        lessonSlug: null,
        sessionId: null,
        mode: modes[j % 3]!,
        minutes: 45,
        source: 'roster',
        evidence: null,
        recordedBy: null,
        recordedAt: 1_770_000_000_000 + j,
        correctsId: null,
        reason: null,
      });
    }
  }
  return c;
});
console.log(JSON.stringify({ cohortId: cohort.id }));
