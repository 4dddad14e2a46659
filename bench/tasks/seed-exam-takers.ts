import fs from 'node:fs';
import { openDatabase, inTransaction } from '../../src/db/client.js';
import { createSession } from '../../src/auth/sessions.js';
import * as people from '../../src/institutions/store.js';

// Seeds N trainees in the demo institution's cohort of LEVEL, each with a live session, straight
// into the database (logging 2,000 people in over HTTP would mostly measure argon2). They have no
// attempt yet: the exam benchmark starts their exams over HTTP. Writes the cookies to OUT_FILE.
//   node --import tsx bench/tasks/seed-exam-takers.ts DB_FILE COUNT LEVEL OUT_FILE
const [dbPath, countArg, level, outFile] = process.argv.slice(2);
const count = Number(countArg);
const db = openDatabase(dbPath!);
const institution = people.findInstitutionByCode(db, 'DEMO');
if (!institution) throw new Error('run the app with --demo first');
const cohort = people.listCohorts(db, institution.id).find((c) => c.level === level);
if (!cohort) throw new Error(`the demo institution has no ${level} cohort`);
const cookies: string[] = [];
inTransaction(db, () => {
  for (let i = 0; i < count; i++) {
    const email = `examtaker${i}@bench.example`;
    const person = people.findPersonByEmail(db, email) ?? people.createUser(db, { email, name: `考生${i}`, role: 'trainee', institutionId: institution.id });
    people.enrol(db, cohort.id, person.id);
    cookies.push(`bcm_session=${createSession(db, person.id).token}`);
  }
});
fs.writeFileSync(outFile!, JSON.stringify(cookies));
console.log(JSON.stringify({ count: cookies.length, cohortId: cohort.id }));
