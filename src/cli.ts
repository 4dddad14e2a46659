import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { openDatabase, type Db } from './db/client.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './auth/passwords.js';
import { createInvite } from './auth/invites.js';
import * as people from './institutions/store.js';
import { backupDatabase } from './ops/backup.js';
import { runValidate } from './catalog/validate-command.js';
import { ProofUsageError, proofVerifyCommand } from './proof/cli.js';
import { QUESTIONS_IMPORT_USAGE, runQuestionsImport } from './questions/cli.js';

// The `bcm` command. Each subcommand prints what it did, or one line per problem and exit 1.

const USAGE = `Usage: npx bcm <command> [options]

  validate [dir]                      check lessons, question banks and hours under dir (default ./courses)
  users:add --email E --name N --role office|admin|instructor|trainee [--institution CODE] [--password-stdin]
                                      create an account; prints a one-time activation link unless
                                      --password-stdin gives the password on standard input
  institutions:add --code C --name N  create an authorised institution
  backup FILE                         consistent online copy of the database (safe while the server runs)
  proof:verify FILE [--key KEYFILE]   check an exported certificate or bundle offline against the public
                                      key (KEYFILE: a JWK or /.well-known/bcm-proof-keys.json; default:
                                      the public part of SIGNING_KEY_PATH); exit 0 valid, 1 invalid
  ${QUESTIONS_IMPORT_USAGE}

Settings come from the environment: DATABASE_PATH (default ./data/bcm.sqlite), PUBLIC_URL, …`;

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function usersAdd(db: Db, args: string[], publicUrl: URL) {
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
  if (people.findPersonByEmail(db, email)) fail(`--email: an account for ${email} already exists`);
  let passwordHash: string | null = null;
  if (values['password-stdin']) {
    const password = await readStdin();
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
  console.log(`Created ${role} account ${email} (id ${person.id}).`);
  if (!passwordHash) {
    const token = createInvite(db, person.id, null);
    console.log(`Activation link (valid 7 days, shown once): ${new URL(`/activate/${token}`, publicUrl)}`);
  }
}

function institutionsAdd(db: Db, args: string[]) {
  const { values } = parseArgs({ args, options: { code: { type: 'string' }, name: { type: 'string' } } });
  const code = values.code?.trim() ?? fail('--code is required');
  if (!/^[A-Za-z0-9_-]{2,32}$/.test(code)) fail(`--code: '${code}' must be 2–32 letters, digits, - or _`);
  const name = values.name?.trim() ?? fail('--name is required');
  if (people.findInstitutionByCode(db, code)) fail(`--code: institution '${code}' already exists`);
  const inst = people.createInstitution(db, code, name);
  console.log(`Created institution ${inst.code} “${inst.name}” (id ${inst.id}).`);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig(process.env);
  switch (command) {
    case 'validate':
      return runValidate(rest[0] ?? config.coursesDir);
    case 'users:add':
      await usersAdd(openDatabase(config.databasePath), rest, config.publicUrl);
      return 0;
    case 'institutions:add':
      institutionsAdd(openDatabase(config.databasePath), rest);
      return 0;
    case 'questions:import':
      return runQuestionsImport(rest, config);
    case 'proof:verify':
      try {
        return proofVerifyCommand(rest, config.signingKeyPath);
      } catch (err) {
        if (err instanceof ProofUsageError) fail(err.message);
        throw err;
      }
    case 'backup': {
      const target = rest[0] ?? fail('backup needs a target FILE');
      if (fs.existsSync(target)) fail(`backup: ${target} already exists; choose a new file name`);
      const { pages, ms } = await backupDatabase(config.databasePath, target, (done, total) => {
        if (process.stderr.isTTY) process.stderr.write(`\rcopied ${done}/${total} pages`);
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      console.log(`Backed up ${config.databasePath} to ${target} (${pages} pages, ${ms} ms).`);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default:
      fail(`unknown command '${command}'`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`bcm: ${err.message}`);
      if (/unknown command/.test(err.message)) console.error(USAGE);
      process.exit(2);
    }
    if (err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`bcm: ${err.message}`);
      process.exit(2);
    }
    console.error(err);
    process.exit(1);
  },
);
