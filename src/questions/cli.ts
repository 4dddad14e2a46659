import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { loadProgramme } from '../catalog/index.js';
import { openDatabase } from '../db/client.js';
import { POSTGRES_NOT_SERVING } from '../ops/postgres-status.js';
import { translator, type Locale } from '../i18n/index.js';
import { findInstitutionByCode } from '../institutions/index.js';
import { checkDrafts, readDrafts, type TypeCounts } from './import.js';
import { idPrefix, saveImport } from './store.js';
import type { SourceError } from './types.js';

// `npx bcm questions:import FILE --course CODE [--institution CODE] [--dry-run]`
// Prints the number of questions of each type read, or one `FILE:ROW: reason` line per problem
// (exit 1). Usage mistakes (missing FILE, unknown course or institution) exit 2.

export const QUESTIONS_IMPORT_USAGE = `questions:import FILE --course CODE [--institution CODE] [--dry-run]
                                      read a question sheet (CSV/XLSX) or GIFT file for a course
                                      (e.g. BCM-101); without --dry-run, save it for --institution`;

class QuestionsUsageError extends Error {}

const usage = (message: string): never => {
  throw new QuestionsUsageError(message);
};

/** Reasons are printed in Chinese when the shell's locale is Chinese (BCM_LANG or LANG), else English. */
function cliLocale(env: NodeJS.ProcessEnv): Locale {
  const lang = env.BCM_LANG || env.LC_ALL || env.LANG || '';
  return /^zh/i.test(lang) ? 'zh-CN' : 'en';
}

function printCounts(file: string, counts: TypeCounts, parts: number) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`${file}: ${total} question(s)`);
  for (const [type, n] of Object.entries(counts)) {
    if (type === 'written' && n === 0) continue; // most files have none: keep the summary short
    console.log(`  ${type.padEnd(10)} ${String(n).padStart(4)}${type === 'case' && parts ? ` (${parts} parts)` : ''}`);
  }
}

function printErrors(file: string, errors: SourceError[]): number {
  for (const e of errors) console.log(`${file}:${e.at}: ${e.message}`);
  console.error(`${errors.length} problem(s) in ${file}; nothing was imported.`);
  return 1;
}

/** Runs the command; usage mistakes print `bcm: …` and return 2, like the rest of the CLI. */
export async function runQuestionsImport(args: string[], config: Config): Promise<number> {
  try {
    return await questionsImport(args, config);
  } catch (e) {
    if (!(e instanceof QuestionsUsageError)) throw e;
    console.error(`bcm: ${e.message}`);
    console.error(`Usage: npx bcm ${QUESTIONS_IMPORT_USAGE.split('\n')[0]}`);
    return 2;
  }
}

async function questionsImport(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { course: { type: 'string' }, institution: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  });
  const file = positionals[0] ?? usage('questions:import needs a FILE (CSV, XLSX or GIFT)');
  if (positionals.length > 1) usage(`questions:import takes one FILE, got ${positionals.length}`);
  const code = values.course?.normalize('NFKC').trim().toUpperCase() ?? usage('--course CODE is required (e.g. BCM-101)');
  const dryRun = values['dry-run'];
  if (!dryRun && !values.institution) usage('--institution CODE is required to import (or use --dry-run to only check the file)');

  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    return usage(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const programme = loadProgramme(config.coursesDir).programme;
  const courses = [...(programme?.courses.values() ?? [])];
  const course = courses.find((c) => c.code === code) ?? usage(`--course: no course with code '${code}' (${courses.map((c) => c.code).join(', ')})`);

  const t = translator(cliLocale(process.env));
  const read = await readDrafts(file, bytes, course, t);
  const checked = checkDrafts(read, { prefix: idPrefix(values.institution ?? 'NEW', course.code), start: 1 }, t);
  if ('errors' in checked) return printErrors(file, checked.errors);
  // Notes that do not stop the import (a question without an explanation), on standard error.
  for (const w of checked.warnings) console.error(`${file}:${w.at}: ${w.message}`);
  if (dryRun) {
    printCounts(file, checked.counts, partCount(checked.questions.map((q) => q.question)));
    console.error(`Dry run: ${course.code} (${course.slug}), nothing was saved.`);
    return 0;
  }

  if (config.databaseUrl) {
    // The question stores do not run on PostgreSQL yet (a dry run above needs no database).
    console.error(`bcm: ${POSTGRES_NOT_SERVING}`);
    return 1;
  }
  const db = openDatabase(config.databasePath);
  const institution = findInstitutionByCode(db, values.institution!) ?? usage(`--institution: no institution with code '${values.institution}'`);
  const saved = saveImport(
    db,
    { institutionId: institution.id, institutionCode: institution.code, course },
    read.drafts,
    { actorId: null, via: 'cli', fileName: file },
    t,
  );
  if ('errors' in saved) return printErrors(file, saved.errors);
  printCounts(file, saved.counts, partCount(saved.questions.map((q) => q.question)));
  console.error(`Imported into ${institution.code} ${course.code} (${course.slug}): ${saved.created} new, ${saved.updated} updated.`);
  return 0;
}

const partCount = (questions: { type: string; parts?: unknown[] }[]) => questions.reduce((n, q) => n + (q.type === 'case' ? (q.parts?.length ?? 0) : 0), 0);
