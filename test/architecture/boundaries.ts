import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// The module boundaries of docs/architecture.md, read from the code's own imports with the
// TypeScript compiler's parser (so `import type`, `export … from` and `import()` all count):
// - a feature (src/<feature>/) imports another feature only through its index.ts; its schema.ts
//   names another feature's tables, for foreign keys and nothing else, through that feature's
//   foreign-keys/index.ts (the tables and nothing more, so no import cycle reaches a schema);
// - nothing but the database plumbing (src/db/) imports src/db/schema.ts, the re-export for
//   drizzle-kit: a feature reads its own schema.ts;
// - the same for the PostgreSQL twins (decision 007): schema.pg.ts, foreign-keys/pg/index.ts
//   (named only by another feature's schema.pg.ts) and src/db/schema.pg.ts;
// - a page (views/) imports a feature only through its index.ts.
// Shared plumbing (src/db, http, i18n, platform, ops) and the composition root (src/app.tsx,
// server.ts, cli.ts, config.ts, env.ts) are not features.

export const FEATURES = ['auth', 'catalog', 'exams', 'hours', 'institutions', 'lms', 'proof', 'questions'] as const;

export type Kind = 'feature-internal' | 'feature-schema' | 'db-schema' | 'view-internal';
export type Violation = { from: string; to: string; kind: Kind };

/** `from -> to`, both repository paths without extension: the allowlist's format. */
export const keyOf = (v: Pick<Violation, 'from' | 'to'>) => `${v.from} -> ${v.to}`;

/** The entry a feature gives other features' schema.ts: the tables their foreign keys name. */
export const FOREIGN_KEYS = 'foreign-keys/index';
/** Its PostgreSQL twin, for other features' schema.pg.ts. */
export const FOREIGN_KEYS_PG = 'foreign-keys/pg/index';

const isFeature = (name: string | undefined): name is string => name !== undefined && (FEATURES as readonly string[]).includes(name);
const stripExt = (p: string) => p.replace(/\.(tsx?|jsx?)$/, '');

/** Every .ts/.tsx file under src/ and views/ of `root`, as repository paths with their text. */
export function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'migrations') walk(rel);
      } else if (/\.tsx?$/.test(entry.name)) {
        files.set(rel, fs.readFileSync(path.join(root, rel), 'utf8'));
      }
    }
  };
  for (const top of ['src', 'views']) if (fs.existsSync(path.join(root, top))) walk(top);
  return files;
}

/** The relative imports of one file, resolved to repository paths without extension. */
export function importsOf(file: string, source: string): string[] {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => stripExt(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec))));
}

/** What one import breaks, if anything. */
export function classify(from: string, to: string): Kind | null {
  const [fromTop, fromFeature] = from.split('/');
  const [toTop, toFeature, ...rest] = to.split('/');
  if (toTop !== 'src') return null;
  const target = rest.join('/');
  if (to === 'src/db/schema' || to === 'src/db/schema.pg') return fromTop === 'src' && fromFeature === 'db' ? null : 'db-schema';
  if (!isFeature(toFeature) || target === 'index') return null;
  if (fromTop === 'views') return 'view-internal';
  if (!isFeature(fromFeature) || fromFeature === toFeature) return null;
  if (target === FOREIGN_KEYS) return from === `src/${fromFeature}/schema` ? null : 'feature-schema';
  if (target === FOREIGN_KEYS_PG) return from === `src/${fromFeature}/schema.pg` ? null : 'feature-schema';
  if (target === 'schema' || target === 'schema.pg') return 'feature-schema';
  return 'feature-internal';
}

export function violations(files: ReadonlyMap<string, string>): Violation[] {
  const out: Violation[] = [];
  for (const [file, source] of files) {
    const from = stripExt(file);
    for (const to of new Set(importsOf(file, source))) {
      const kind = classify(from, to);
      if (kind) out.push({ from, to, kind });
    }
  }
  return out.sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
}
