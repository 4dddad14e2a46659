import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALLOWED } from './allowlist.js';
import { FEATURES, FOREIGN_KEYS, FOREIGN_KEYS_PG, importsOf, keyOf, readTree, violations } from './boundaries.js';

// The boundaries of docs/architecture.md, checked on every `npm test`.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tree = readTree(root);

describe('module boundaries', () => {
  const found = violations(tree);
  const foundKeys = new Set(found.map(keyOf));

  it('has no import across a boundary other than the allowlisted ones', () => {
    const allowed = new Set(ALLOWED);
    const added = found.filter((v) => !allowed.has(keyOf(v))).map((v) => `${keyOf(v)} (${v.kind}: import the feature's index.ts, or move the code)`);
    expect(added).toEqual([]);
  });

  it('allowlists only imports that still exist, so the list can only shrink', () => {
    const gone = ALLOWED.filter((k) => !foundKeys.has(k)).map((k) => `${k} is gone: delete its line from test/architecture/allowlist.ts`);
    expect(gone).toEqual([]);
    expect(new Set(ALLOWED).size).toBe(ALLOWED.length);
  });

  it('has an index.ts for every feature', () => {
    for (const feature of FEATURES) {
      expect(tree.has(`src/${feature}/index.ts`), feature).toBe(true);
    }
  });

  it("gives other schemas a feature's own tables and nothing else through foreign-keys/index.ts", () => {
    const entries = [...tree].filter(([file]) => file.endsWith(`/${FOREIGN_KEYS}.ts`));
    expect(entries.length).toBeGreaterThan(0);
    for (const [file, source] of entries) {
      const feature = file.split('/')[1];
      expect(importsOf(file, source), file).toEqual([`src/${feature}/schema`]);
    }
  });

  it('gives other PostgreSQL schemas the same tables through foreign-keys/pg/index.ts, for each foreign-keys/index.ts', () => {
    const entries = [...tree].filter(([file]) => file.endsWith(`/${FOREIGN_KEYS_PG}.ts`));
    expect(entries.map(([file]) => file.replace(`/${FOREIGN_KEYS_PG}.ts`, ''))).toEqual(
      [...tree.keys()].filter((file) => file.endsWith(`/${FOREIGN_KEYS}.ts`)).map((file) => file.replace(`/${FOREIGN_KEYS}.ts`, '')),
    );
    for (const [file, source] of entries) {
      const feature = file.split('/')[1];
      expect(importsOf(file, source), file).toEqual([`src/${feature}/schema.pg`]);
    }
  });
});

describe('the boundary check', () => {
  // The same check on the real tree plus one new file: it must catch each kind of break.
  const withFile = (file: string, source: string) => violations(new Map([...tree, [file, source]])).filter((v) => v.from === file.replace(/\.tsx?$/, ''));

  it("fails when a feature imports another feature's schema, or its foreign keys outside its own schema", () => {
    expect(withFile('src/proof/new-report.ts', "import { hourEntries } from '../hours/schema.js';\n")).toEqual([
      { from: 'src/proof/new-report', to: 'src/hours/schema', kind: 'feature-schema' },
    ]);
    expect(withFile('src/proof/new-store.ts', "import { users } from '../institutions/foreign-keys/index.js';\n")).toEqual([
      { from: 'src/proof/new-store', to: 'src/institutions/foreign-keys/index', kind: 'feature-schema' },
    ]);
    expect(violations(new Map([['src/proof/schema.ts', "import { users } from '../institutions/schema.js';\n"]]))).toEqual([
      { from: 'src/proof/schema', to: 'src/institutions/schema', kind: 'feature-schema' },
    ]);
  });

  it('holds the PostgreSQL twins to the same rules: schema.pg.ts, foreign-keys/pg/index.ts, db/schema.pg.ts', () => {
    expect(withFile('src/proof/new-pg-store.ts', "import { hourEntries } from '../hours/schema.pg.js';\n")).toEqual([
      { from: 'src/proof/new-pg-store', to: 'src/hours/schema.pg', kind: 'feature-schema' },
    ]);
    expect(withFile('src/proof/new-pg-store.ts', "import { users } from '../institutions/foreign-keys/pg/index.js';\n")).toEqual([
      { from: 'src/proof/new-pg-store', to: 'src/institutions/foreign-keys/pg/index', kind: 'feature-schema' },
    ]);
    // A SQLite schema takes the SQLite tables, a PostgreSQL schema the PostgreSQL ones.
    expect(violations(new Map([['src/proof/schema.ts', "import { users } from '../institutions/foreign-keys/pg/index.js';\n"]]))).toEqual([
      { from: 'src/proof/schema', to: 'src/institutions/foreign-keys/pg/index', kind: 'feature-schema' },
    ]);
    expect(violations(new Map([['src/proof/schema.pg.ts', "import { users } from '../institutions/foreign-keys/pg/index.js';\n"]]))).toEqual([]);
    expect(withFile('src/hours/new-pg-store.ts', "import type { certificates } from '../db/schema.pg.js';\n")).toEqual([
      { from: 'src/hours/new-pg-store', to: 'src/db/schema.pg', kind: 'db-schema' },
    ]);
  });

  it('fails when a feature reads the tables through db/schema.ts', () => {
    expect(withFile('src/hours/new-store.ts', "import type { certificates } from '../db/schema.js';\n")).toEqual([
      { from: 'src/hours/new-store', to: 'src/db/schema', kind: 'db-schema' },
    ]);
  });

  it("fails when a feature imports another feature's internals, even a type or a re-export", () => {
    const found = withFile(
      'src/lms/new-sync.ts',
      "import type { HourEntry } from '../hours/store.js';\nexport { levelPosition } from '../hours/ledger.js';\nconst m = () => import('../proof/facts.js');\n",
    );
    expect(found.map((v) => `${v.to} ${v.kind}`)).toEqual([
      'src/hours/ledger feature-internal',
      'src/hours/store feature-internal',
      'src/proof/facts feature-internal',
    ]);
  });

  it("fails when a page imports a feature's internals, its own feature's included", () => {
    expect(withFile('views/hours/new-page.tsx', "import type { LedgerRow } from '../../src/hours/report-store.js';\n")).toEqual([
      { from: 'views/hours/new-page', to: 'src/hours/report-store', kind: 'view-internal' },
    ]);
  });

  it("allows a feature's index, its own modules, shared plumbing, and a schema's foreign keys through foreign-keys/index.ts", () => {
    expect(
      withFile(
        'src/proof/new-ok.ts',
        "import { cohortPositions } from '../hours/index.js';\nimport * as store from './store.js';\nimport { inTransaction } from '../db/client.js';\n",
      ),
    ).toEqual([]);
    expect(
      withFile(
        'views/proof/new-ok.tsx',
        "import type { Certificate } from '../../src/proof/index.js';\nimport type { ViewContext } from '../../src/http/view-context.js';\n",
      ),
    ).toEqual([]);
    expect(violations(new Map([['src/proof/schema.ts', "import { users } from '../institutions/foreign-keys/index.js';\n"]]))).toEqual([]);
  });
});
