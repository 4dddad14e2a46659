import { getTableName, is, SQL, Table } from 'drizzle-orm';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';

// The SQLite schema and its PostgreSQL twin (decision 007) described in one dialect-neutral shape,
// table by table, so a test can compare them and name the first difference.

/** What a column holds, whichever dialect: both read it back as the same JS type. */
type Kind = 'integer' | 'float' | 'text' | 'json' | 'boolean' | 'bytes';

export type ColumnShape = { kind: Kind; enum: string[] | null; notNull: boolean; default: unknown; generated: boolean };
export type TableShape = {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  /** Every column set that must be unique: unique columns, unique constraints, unique indexes. */
  unique: string[];
  indexes: Record<string, { columns: string[]; unique: boolean; where: string | null }>;
  foreignKeys: Record<string, { table: string; columns: string[]; onDelete: string; onUpdate: string }>;
};

/** Epoch-ms times and millisecond durations: a 32-bit integer would overflow, so PostgreSQL must use bigint. */
export const isMillis = (column: string) => /(^at|_at|_ms|^window_start|^locked_until)$/.test(column);

const SQLITE_KINDS: Record<string, Kind> = {
  SQLiteInteger: 'integer',
  SQLiteReal: 'float',
  SQLiteText: 'text',
  SQLiteTextJson: 'json',
  SQLiteBoolean: 'boolean',
  SQLiteBlobBuffer: 'bytes',
};
const PG_KINDS: Record<string, Kind> = {
  PgInteger: 'integer',
  PgBigInt53: 'integer',
  PgDoublePrecision: 'float',
  PgText: 'text',
  PgJson: 'json',
  PgBoolean: 'boolean',
};

export function tablesOf<T extends Table>(module: Record<string, unknown>, kind: new (...args: never[]) => T): Map<string, T> {
  const tables = Object.values(module).filter((v): v is T => is(v, kind as never));
  return new Map(tables.map((t) => [getTableName(t), t]));
}

const sqlText = (s: SQL | undefined) => (s ? s.queryChunks.map((c) => (c as { value?: string[] }).value?.join('') ?? '?').join('') : null);
const names = (columns: readonly unknown[]) => columns.map((c) => (is(c, SQL) ? `(${sqlText(c)})` : (c as { name: string }).name));
const key = (columns: readonly string[]) => columns.join(',');
const sorted = <V>(entries: [string, V][]) => Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));

export function sqliteShape(table: SQLiteTable): TableShape {
  const c = sqliteConfig(table);
  const kind = (col: (typeof c.columns)[number]) => {
    const found = SQLITE_KINDS[col.columnType];
    if (!found) throw new Error(`${c.name}.${col.name}: no neutral kind for SQLite's ${col.columnType} (add it to test/db/parity.ts)`);
    return found;
  };
  return {
    columns: sorted(
      c.columns.map((col) => [
        col.name,
        {
          kind: kind(col),
          enum: col.enumValues ?? null,
          notNull: col.notNull,
          default: col.default ?? null,
          generated: (col as { autoIncrement?: boolean }).autoIncrement === true,
        },
      ]),
    ),
    primaryKey: c.columns.some((col) => col.primary) ? c.columns.filter((col) => col.primary).map((col) => col.name) : names(c.primaryKeys[0]?.columns ?? []),
    unique: [
      ...c.columns.filter((col) => col.isUnique).map((col) => col.name),
      ...c.uniqueConstraints.map((u) => key(names(u.columns))),
      ...c.indexes.filter((i) => i.config.unique).map((i) => key(names(i.config.columns))),
    ].sort(),
    indexes: sorted(c.indexes.map((i) => [i.config.name, { columns: names(i.config.columns), unique: i.config.unique, where: sqlText(i.config.where) }])),
    foreignKeys: sorted(
      c.foreignKeys.map((fk) => {
        const ref = fk.reference();
        return [
          key(names(ref.columns)),
          {
            table: sqliteConfig(ref.foreignTable).name,
            columns: names(ref.foreignColumns),
            onDelete: fk.onDelete ?? 'no action',
            onUpdate: fk.onUpdate ?? 'no action',
          },
        ];
      }),
    ),
  };
}

export function pgShape(table: PgTable): TableShape {
  const c = pgConfig(table);
  const kind = (col: (typeof c.columns)[number]) => {
    const found = col.columnType === 'PgCustomColumn' && col.getSQLType() === 'bytea' ? 'bytes' : PG_KINDS[col.columnType];
    if (!found) throw new Error(`${c.name}.${col.name}: no neutral kind for PostgreSQL's ${col.columnType} (add it to test/db/parity.ts)`);
    return found;
  };
  return {
    columns: sorted(
      c.columns.map((col) => [
        col.name,
        { kind: kind(col), enum: col.enumValues ?? null, notNull: col.notNull, default: col.default ?? null, generated: col.generatedIdentity !== undefined },
      ]),
    ),
    primaryKey: c.columns.some((col) => col.primary) ? c.columns.filter((col) => col.primary).map((col) => col.name) : names(c.primaryKeys[0]?.columns ?? []),
    unique: [
      ...c.columns.filter((col) => col.isUnique).map((col) => col.name),
      ...c.uniqueConstraints.map((u) => key(names(u.columns))),
      ...c.indexes.filter((i) => i.config.unique).map((i) => key(names(i.config.columns))),
    ].sort(),
    indexes: sorted(
      c.indexes.map((i) => [i.config.name ?? '(unnamed)', { columns: names(i.config.columns), unique: i.config.unique, where: sqlText(i.config.where) }]),
    ),
    foreignKeys: sorted(
      c.foreignKeys.map((fk) => {
        const ref = fk.reference();
        return [
          key(names(ref.columns)),
          {
            table: pgConfig(ref.foreignTable).name,
            columns: names(ref.foreignColumns),
            onDelete: fk.onDelete ?? 'no action',
            onUpdate: fk.onUpdate ?? 'no action',
          },
        ];
      }),
    ),
  };
}

/** PostgreSQL-only rules: times in bigint (read as a number), never a 32-bit integer or a `timestamp`. */
export function pgRuleBreaks(table: PgTable): string[] {
  const c = pgConfig(table);
  return c.columns
    .filter((col) => isMillis(col.name) && col.columnType !== 'PgBigInt53')
    .map((col) => `${c.name}.${col.name}: a time in epoch ms must be bigint({ mode: 'number' }) (epochMs), not ${col.columnType}`);
}

/** The first difference between two values, as `path: SQLite …, PostgreSQL …`, or null when equal. */
export function firstDifference(sqlite: unknown, pg: unknown, path: string): string | null {
  if (Object.is(sqlite, pg)) return null;
  const plain = (v: unknown) => typeof v === 'object' && v !== null;
  if (Array.isArray(sqlite) || Array.isArray(pg) || !plain(sqlite) || !plain(pg)) {
    return JSON.stringify(sqlite) === JSON.stringify(pg) ? null : `${path}: SQLite ${JSON.stringify(sqlite)}, PostgreSQL ${JSON.stringify(pg)}`;
  }
  const a = sqlite as Record<string, unknown>;
  const b = pg as Record<string, unknown>;
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (!(k in b)) return `${path} ${k}: in SQLite only`;
    if (!(k in a)) return `${path} ${k}: in PostgreSQL only`;
    const found = firstDifference(a[k], b[k], `${path} ${k}`);
    if (found) return found;
  }
  return null;
}

/** The first difference between the two schemas' tables (names, then each table's shape), or null. */
export function schemaDifference(sqlite: Map<string, SQLiteTable>, pg: Map<string, PgTable>): string | null {
  const tables = firstDifference(
    Object.fromEntries([...sqlite.keys()].map((n) => [n, true])),
    Object.fromEntries([...pg.keys()].map((n) => [n, true])),
    'table',
  );
  if (tables) return tables;
  for (const [name, table] of [...sqlite].sort(([a], [b]) => a.localeCompare(b))) {
    const found = firstDifference(sqliteShape(table), pgShape(pg.get(name)!), name);
    if (found) return found;
    const [rule] = pgRuleBreaks(pg.get(name)!);
    if (rule) return rule;
  }
  return null;
}
