import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase, inTransaction } from '../../src/db/client.js';
import { attendanceMarks, classSessions, enrolments, hourEntries, traineeProfiles, users } from '../../src/db/schema.js';
import * as people from '../../src/institutions/store.js';
import { loadCatalog } from '../../src/catalog/catalog.js';
import { loadOrCreateSigningKey } from '../../src/proof/keys.js';
import { issueCertificate } from '../../src/proof/certificates.js';
import { loadBlueprints } from '../../src/exams/blueprint.js';

// Seeds a proof benchmark database: one assistant cohort of N trainees, 20 class sessions
// (10 face-to-face, 10 remote) in March 2026 with a roster mark for everyone, and E ledger rows
// per trainee (one per session, the rest self-study). Then issues one real certificate, so the
// PDF task has signed facts to draw. Rows go in with multi-row inserts in one transaction:
// seeding is set-up, not what is measured.
//   node --import tsx bench/tasks/proof-seed.ts DB_FILE MDX_CACHE_DIR TRAINEES ENTRIES
const [dbFile, cacheDir, traineesArg, entriesArg] = process.argv.slice(2);
const trainees = Number(traineesArg);
const entries = Number(entriesArg);
const started = performance.now();
const db = openDatabase(dbFile!);
const T0 = Date.parse('2026-03-02T01:00:00Z');
const DAY = 86_400_000;
const SESSIONS = 20;

const inst = people.createInstitution(db, 'BENCH', '压测培训中心');
const cohort = people.createCohort(db, { institutionId: inst.id, name: '压测大班', level: 'assistant', startsOn: '2026-03-01', endsOn: '2026-03-31' });
const admin = people.createUser(db, { email: 'admin@bench.example', name: '压测管理员', role: 'admin', institutionId: inst.id });

function batches<T>(rows: T[], insert: (chunk: T[]) => void, size = 500) {
  for (let i = 0; i < rows.length; i += size) insert(rows.slice(i, i + size));
}

inTransaction(db, () => {
  const sessions = Array.from({ length: SESSIONS }, (_, i) =>
    db
      .insert(classSessions)
      .values({
        cohortId: cohort.id,
        institutionId: inst.id,
        mode: i % 2 === 0 ? 'faceToFace' : 'remote',
        courseSlug: ['bcm-intro', 'theory-regulation', 'marketing-practice'][i % 3]!,
        title: `第 ${i + 1} 讲`,
        startsAt: T0 + i * DAY,
        endsAt: T0 + i * DAY + 90 * 60_000,
        checkInSecret: randomBytes(16),
        createdAt: T0,
      })
      .returning()
      .get(),
  );
  const userRows = Array.from({ length: trainees }, (_, i) => ({
    email: `t${i}@bench.example`,
    name: `学员${String(i).padStart(5, '0')}`,
    role: 'trainee' as const,
    institutionId: inst.id,
    createdAt: T0,
  }));
  const ids: number[] = [];
  batches(userRows, (chunk) =>
    ids.push(
      ...db
        .insert(users)
        .values(chunk)
        .returning({ id: users.id })
        .all()
        .map((r) => r.id),
    ),
  );
  batches(
    ids.map((userId, i) => ({
      userId,
      nationalId: `1101051990010${String(i % 10000).padStart(4, '0')}X`.slice(0, 18),
      education: 'bachelor' as const,
      yearsInFinance: 2,
    })),
    (c) => db.insert(traineeProfiles).values(c).run(),
  );
  batches(
    ids.map((userId) => ({ cohortId: cohort.id, userId, enrolledAt: T0 })),
    (c) => db.insert(enrolments).values(c).run(),
  );
  const statuses = ['present', 'present', 'present', 'late', 'leftEarly', 'excused', 'absent'] as const;
  const marks = ids.flatMap((traineeId, i) =>
    sessions.map((s, j) => ({
      sessionId: s.id,
      traineeId,
      status: statuses[(i + j) % statuses.length]!,
      minutes: 90,
      source: 'roster' as const,
      recordedAt: s.endsAt,
    })),
  );
  batches(marks, (c) => db.insert(attendanceMarks).values(c).run());
  const ledger = ids.flatMap((traineeId) =>
    Array.from({ length: entries }, (_, k) => {
      const s = sessions[k];
      return {
        traineeId,
        institutionId: inst.id,
        cohortId: cohort.id,
        level: 'assistant' as const,
        courseSlug: s?.courseSlug ?? 'bcm-intro',
        sessionId: s?.id ?? null,
        mode: s?.mode ?? ('selfStudy' as const),
        minutes: s ? 90 : 30,
        source: s ? ('roster' as const) : ('heartbeat' as const),
        recordedAt: s ? s.endsAt : T0 + (k % 28) * DAY + 12 * 3_600_000,
      };
    }),
  );
  batches(ledger, (c) => db.insert(hourEntries).values(c).run());
});
const seedMs = performance.now() - started;

// One real certificate for the first trainee (2,400 minutes, well over the 720 required).
const catalog = await loadCatalog({ coursesDir: path.resolve('courses'), cacheDir: cacheDir!, production: true });
const signer = loadOrCreateSigningKey(path.join(path.dirname(dbFile!), 'signing-key.json'));
const first = people.listRoster(db, cohort.id)[0]!;
const issued = issueCertificate(
  { db, catalog, blueprints: loadBlueprints(catalog.coursesDir), signer, publicUrl: new URL('http://127.0.0.1:3000') },
  cohort,
  first.id,
  admin.id,
  Date.parse('2026-04-01T02:00:00Z'),
);
if (!issued.ok) throw new Error(`could not issue the bench certificate: ${issued.error}`);
console.log(JSON.stringify({ cohortId: cohort.id, serial: issued.certificate.serial, trainees, entries: trainees * entries, seedMs }));
