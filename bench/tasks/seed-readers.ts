import fs from 'node:fs';
import { openDatabase, inTransaction } from '../../src/db/client.js';
import { createSession } from '../../src/auth/sessions.js';
import * as people from '../../src/institutions/store.js';

// Seeds N trainees enrolled in the demo assistant cohort, each with a live session, straight into
// the database (logging in 5,000 people over HTTP would mostly measure argon2). Writes their
// session cookies to OUT_FILE as a JSON array.
const [dbPath, countArg, outFile] = process.argv.slice(2);
const count = Number(countArg);
const db = openDatabase(dbPath!);
const institution = people.findInstitutionByCode(db, 'DEMO');
if (!institution) throw new Error('run the app with --demo first');
const cohort = people.listCohorts(db, institution.id).find((c) => c.level === 'assistant')!;
const cookies: string[] = [];
inTransaction(db, () => {
  for (let i = 0; i < count; i++) {
    const email = `reader${i}@bench.example`;
    const person = people.findPersonByEmail(db, email) ?? people.createUser(db, { email, name: `读者${i}`, role: 'trainee', institutionId: institution.id });
    people.enrol(db, cohort.id, person.id);
    cookies.push(`bcm_session=${createSession(db, person.id).token}`);
  }
});
fs.writeFileSync(outFile!, JSON.stringify(cookies));
console.log(JSON.stringify({ count: cookies.length, cohortId: cohort.id }));
