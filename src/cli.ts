import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { openDatabase, type Db } from './db/client.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './auth/passwords.js';
import { createInvite } from './auth/invites.js';
import * as people from './institutions/store.js';
import { TRAINEE_FIELD_MAX } from './institutions/trainee-row.js';
import { backupDatabase } from './ops/backup.js';
import { PgBackupProblem, pgDumpBackup } from './ops/pg-backup.js';
import { POSTGRES_NOT_SERVING } from './ops/postgres-status.js';
import { describePostgresUrl } from './db/postgres.js';
import type { Config } from './config.js';
import { runValidate } from './catalog/validate-command.js';
import { ProofUsageError, proofVerifyCommand } from './proof/cli.js';
import { QUESTIONS_IMPORT_USAGE, runQuestionsImport } from './questions/cli.js';

// The `bcm` command. Each subcommand prints what it did, or one line per problem and exit 1.
// `runBcm` is the whole command as a function (tests call it); `main` wires it to the process.

const USAGE = `Usage: npx bcm <command> [options]

  validate [dir] [--report]           check lessons, question banks and hours under dir (default ./courses);
                                      --report prints each course's lessons and bank figures as a table
  users:add --email E --name N --role office|admin|instructor|trainee [--institution CODE] [--password-stdin]
                                      create an account; prints a one-time activation link unless
                                      --password-stdin gives the password on standard input
  users:reset-link --email E          a one-time link (7 days) that sets a new password for an existing
                                      account; earlier links stop working, and using it signs the
                                      account out everywhere (for admins and the office, who have
                                      no one above them in the product to issue one)
  institutions:add --code C --name N  create an authorised institution
  backup FILE                         consistent online copy of the database (safe while the server runs);
                                      with DATABASE_URL, pg_dump's custom format (needs pg_dump on the PATH)
  proof:verify FILE [--key KEYFILE]   check an exported certificate or bundle offline against the public
                                      key (KEYFILE: a JWK or /.well-known/bcm-proof-keys.json; default:
                                      the public part of SIGNING_KEY_PATH); exit 0 valid, 1 invalid
  ${QUESTIONS_IMPORT_USAGE}

Settings come from the environment: DATABASE_PATH (default ./data/bcm.sqlite), DATABASE_URL, PUBLIC_URL, …`;

/** Where a command's output goes and what it reads: the process's streams, or a test's. */
export type CliIo = {
  /** A line on standard output. */
  log: (line: string) => void;
  /** A line on standard error. */
  error: (line: string) => void;
  /** Progress text for a person watching (only on a terminal); may be absent. */
  progress?: (text: string) => void;
  /** All of standard input, as text. */
  stdin: () => Promise<string>;
  env: NodeJS.ProcessEnv;
};

class UsageError extends Error {}
/** The command could not do its work (exit 1, its reason on the error sink). */
class CommandProblem extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function usersAdd(db: Db, args: string[], publicUrl: URL, io: CliIo) {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      institution: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
  const email = values.email?.trim().toLowerCase() ?? fail('--email is required');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail(`--email: '${email}' is not an email address`);
  const role = values.role ?? fail('--role is required (office, admin, instructor or trainee)');
  if (!['office', 'admin', 'instructor', 'trainee'].includes(role)) fail(`--role: '${role}' is not one of office, admin, instructor, trainee`);
  let institutionId: number | null = null;
  if (role !== 'office') {
    const code = values.institution ?? fail(`--institution CODE is required for role ${role}`);
    institutionId = people.findInstitutionByCode(db, code)?.id ?? fail(`--institution: no institution with code '${code}' (create it with institutions:add)`);
  }
  if (email.length > TRAINEE_FIELD_MAX.email) fail(`--email: at most ${TRAINEE_FIELD_MAX.email} characters`);
  if ((values.name?.trim().length ?? 0) > TRAINEE_FIELD_MAX.name) fail(`--name: at most ${TRAINEE_FIELD_MAX.name} characters`);
  if (people.findPersonByEmail(db, email)) fail(`--email: an account for ${email} already exists`);
  let passwordHash: string | null = null;
  if (values['password-stdin']) {
    const password = (await io.stdin()).replace(/\r?\n$/, '');
    if ([...password].length < MIN_PASSWORD_LENGTH) fail(`password: at least ${MIN_PASSWORD_LENGTH} characters`);
    if ([...password].length > MAX_PASSWORD_LENGTH) fail(`password: at most ${MAX_PASSWORD_LENGTH} characters`);
    passwordHash = await hashPassword(password);
  }
  const person = people.createUser(db, {
    email,
    name: values.name?.trim() || email,
    role: role as people.Person['role'],
    institutionId,
    passwordHash,
  });
  people.writeAudit(db, { actorId: null, institutionId, action: 'user.create', subject: `user:${person.id}`, detail: { role, via: 'cli' } });
  io.log(`Created ${role} account ${email} (id ${person.id}).`);
  if (!passwordHash) {
    const token = createInvite(db, person.id, null);
    io.log(`Activation link (valid 7 days, shown once): ${new URL(`/activate/${token}`, publicUrl)}`);
  }
}

function usersResetLink(db: Db, args: string[], publicUrl: URL, io: CliIo) {
  const { values } = parseArgs({ args, options: { email: { type: 'string' } } });
  const email = values.email?.trim().toLowerCase() ?? fail('--email is required');
  const person = people.findPersonByEmail(db, email) ?? fail(`--email: no account for ${email}`);
  const token = createInvite(db, person.id, null);
  people.writeAudit(db, {
    actorId: null,
    institutionId: person.institutionId,
    action: 'user.invite',
    subject: `user:${person.id}`,
    detail: { reset: person.activated, via: 'cli' },
  });
  const what = person.activated ? 'Password reset link' : 'Activation link';
  io.log(`${what} for ${person.role} ${email} (valid 7 days, shown once; earlier links no longer work): ${new URL(`/activate/${token}`, publicUrl)}`);
}

function institutionsAdd(db: Db, args: string[], io: CliIo) {
  const { values } = parseArgs({ args, options: { code: { type: 'string' }, name: { type: 'string' } } });
  const code = values.code?.trim() ?? fail('--code is required');
  if (!/^[A-Za-z0-9_-]{2,32}$/.test(code)) fail(`--code: '${code}' must be 2–32 letters, digits, - or _`);
  const name = values.name?.trim() || fail('--name is required');
  if (name.length > people.INSTITUTION_NAME_MAX) fail(`--name: at most ${people.INSTITUTION_NAME_MAX} characters`);
  if (people.findInstitutionByCode(db, code)) fail(`--code: institution '${code}' already exists`);
  const inst = people.createInstitution(db, code, name);
  io.log(`Created institution ${inst.code} “${inst.name}” (id ${inst.id}).`);
}

/**
 * questions:import prints through `console` (src/questions/cli.ts); until it takes a sink like
 * proof:verify does, its lines are sent to ours for the length of the command.
 */
async function consoleTo<T>(io: CliIo, run: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, error: console.error };
  console.log = (...args: unknown[]) => io.log(format(...args));
  console.error = (...args: unknown[]) => io.error(format(...args));
  try {
    return await run();
  } finally {
    Object.assign(console, saved);
  }
}

/** Opens the database for one command and closes it after (the command may be one of many in a process). */
async function withDatabase<T>(config: Config, run: (db: Db) => T | Promise<T>): Promise<T> {
  // The stores these commands use do not run on PostgreSQL yet; never write to a SQLite file instead.
  if (config.databaseUrl) throw new CommandProblem(POSTGRES_NOT_SERVING);
  const db = openDatabase(config.databasePath);
  try {
    return await run(db);
  } finally {
    db.$client.close();
  }
}

async function command(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig(io.env);
  switch (command) {
    case 'validate': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { report: { type: 'boolean', default: false } } });
      if (positionals.length > 1) fail(`validate takes one folder, got ${positionals.length}`);
      return runValidate(positionals[0] ?? config.coursesDir, io, { report: values.report });
    }
    case 'users:add':
      await withDatabase(config, (db) => usersAdd(db, rest, config.publicUrl, io));
      return 0;
    case 'users:reset-link':
      await withDatabase(config, (db) => usersResetLink(db, rest, config.publicUrl, io));
      return 0;
    case 'institutions:add':
      await withDatabase(config, (db) => institutionsAdd(db, rest, io));
      return 0;
    case 'questions:import':
      return consoleTo(io, () => runQuestionsImport(rest, config));
    case 'proof:verify':
      try {
        return proofVerifyCommand(rest, config.signingKeyPath, io);
      } catch (err) {
        if (err instanceof ProofUsageError) fail(err.message);
        throw err;
      }
    case 'backup': {
      const target = rest[0] ?? fail('backup needs a target FILE');
      if (fs.existsSync(target)) fail(`backup: ${target} already exists; choose a new file name`);
      if (config.databaseUrl) {
        try {
          const { bytes, ms } = await pgDumpBackup(config.databaseUrl, target, io.env);
          io.log(`Backed up ${describePostgresUrl(config.databaseUrl)} to ${target} with pg_dump (${bytes} bytes, ${ms} ms; restore with pg_restore).`);
          return 0;
        } catch (err) {
          if (err instanceof PgBackupProblem) throw new CommandProblem(`backup: ${err.message}`);
          throw err;
        }
      }
      const { pages, ms } = await backupDatabase(config.databasePath, target, (done, total) => io.progress?.(`\rcopied ${done}/${total} pages`));
      io.progress?.('\n');
      io.log(`Backed up ${config.databasePath} to ${target} (${pages} pages, ${ms} ms).`);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      io.log(USAGE);
      return 0;
    default:
      fail(`unknown command '${command}'`);
  }
}

/**
 * Runs `bcm <argv>`: 0 done (or valid), 1 problems found (or invalid), 2 usage mistake (with
 * `bcm: reason` on the error sink). An unexpected failure is thrown; the process prints it and exits 1.
 */
export async function runBcm(argv: string[], io: CliIo): Promise<number> {
  try {
    return await command(argv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.error(`bcm: ${err.message}`);
      if (/unknown command/.test(err.message)) io.error(USAGE);
      return 2;
    }
    if (err instanceof CommandProblem) {
      io.error(`bcm: ${err.message}`);
      return 1;
    }
    if (err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.error(`bcm: ${err.message}`);
      return 2;
    }
    throw err;
  }
}

/** The process's own streams and environment. */
export const processIo = (): CliIo => ({
  log: (line) => process.stdout.write(`${line}\n`),
  error: (line) => process.stderr.write(`${line}\n`),
  progress: process.stderr.isTTY ? (text) => process.stderr.write(text) : undefined,
  stdin: readProcessStdin,
  env: process.env,
});

/** `bcm` as a program: bin/bcm.js, or `tsx src/cli.ts` (npm run bcm). */
export function main(argv: string[] = process.argv.slice(2)): void {
  runBcm(argv, processIo()).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}

// Run directly (`tsx src/cli.ts`), not imported by bin/bcm.js or a test.
const entry = process.argv[1];
if (entry && path.resolve(entry) === fileURLToPath(import.meta.url)) main();
