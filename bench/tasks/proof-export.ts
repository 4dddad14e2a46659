import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { openDatabase } from '../../src/db/client.js';
import { findCohort, findInstitution } from '../../src/institutions/store.js';
import { translator } from '../../src/i18n/index.js';
import { exportFile, type ExportKind } from '../../src/proof/exports.js';
import type { Format } from '../../src/platform/tables.js';

// One streamed export of the seeded cohort, written to a file as a download would be, timed from
// the request's start to the last byte; prints its size, line count (CSV) and peak memory.
//   node --import tsx bench/tasks/proof-export.ts DB_FILE COHORT_ID KIND FORMAT OUT_FILE
const [dbFile, cohortArg, kind, format, outFile] = process.argv.slice(2);
const db = openDatabase(dbFile!);
const cohort = findCohort(db, Number(cohortArg))!;
const institution = findInstitution(db, cohort.institutionId)!;
const started = performance.now();
const file = exportFile({
  db,
  cohort,
  institution,
  kind: kind as ExportKind,
  format: format as Format,
  range: { from: '2026-03-01', to: '2026-03-31' },
  classHourMinutes: 45,
  t: translator('zh-CN'),
});
await pipeline(file.stream, fs.createWriteStream(outFile!));
const ms = performance.now() - started;
const bytes = fs.statSync(outFile!).size;
const lines = format === 'csv' ? fs.readFileSync(outFile!, 'utf8').trimEnd().split('\r\n').length : null;
const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify({ ms, bytes, lines, peakMb }));
