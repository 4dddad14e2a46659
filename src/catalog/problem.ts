// Shared shape for everything that can be wrong with course content, plus the YAML helpers that
// turn a zod issue path back into the line and column an author must edit.
import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';

export interface Problem {
  path: string;
  line: number;
  column: number;
  message: string;
}

export interface Position {
  line: number;
  column: number;
}

export type YamlPath = ReadonlyArray<PropertyKey>;

export interface ParsedYaml {
  file: string;
  data: unknown;
  problems: Problem[];
  /** Position of the key (or item) at `at`; falls back to the nearest existing ancestor. */
  locate(at: YamlPath): Position;
}

/**
 * Parses YAML 1.2 with the `yaml` package, keeping positions. `lineOffset` is the number of lines
 * before `text` in the file (the opening `---` of MDX frontmatter), so positions are file lines.
 */
export function parseYaml(file: string, text: string, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const pos = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: Math.max(p.line, 1) + lineOffset, column: Math.max(p.col, 1) };
  };
  const problems: Problem[] = doc.errors.map((e) => ({
    path: file,
    ...pos(e.pos[0]),
    message: `YAML: ${firstLine(e.message)}`,
  }));
  return {
    file,
    data: problems.length ? undefined : doc.toJS(),
    problems,
    locate: (at) => locateIn(doc, at, pos, lineOffset),
  };
}

export function readYamlFile(file: string): ParsedYaml {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return {
      file,
      data: undefined,
      problems: [{ path: file, line: 1, column: 1, message: `cannot read ${path.basename(file)}` }],
      locate: () => ({ line: 1, column: 1 }),
    };
  }
  return parseYaml(file, stripBom(text));
}

function locateIn(doc: Document, at: YamlPath, pos: (offset: number) => Position, lineOffset: number): Position {
  let node: unknown = doc.contents;
  let best: Position = { line: 1 + lineOffset, column: 1 };
  const rangeOf = (n: unknown): Position | undefined => {
    const r = (n as { range?: [number, number, number] } | null)?.range;
    return r ? pos(r[0]) : undefined;
  };
  best = rangeOf(node) ?? best;
  for (const seg of at) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return best;
      best = rangeOf(pair.key) ?? best; // the key's line is what an author looks for
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
      node = node.items[seg];
      best = rangeOf(node) ?? best;
    } else {
      return best;
    }
  }
  return best;
}

/** One problem per zod issue, each placed on the offending key and naming the field. */
export function issuesToProblems(parsed: Pick<ParsedYaml, 'file' | 'locate'>, issues: readonly z.core.$ZodIssue[], data: unknown, prefix = ''): Problem[] {
  return issues.map((issue) => ({
    path: parsed.file,
    ...parsed.locate(issue.path),
    message: describeIssue(issue, data, prefix),
  }));
}

export function fieldName(at: YamlPath, prefix = ''): string {
  let out = prefix;
  for (const seg of at) {
    out += typeof seg === 'number' ? `[${seg}]` : `${out ? '.' : ''}${String(seg)}`;
  }
  return out || '(document)';
}

// zod's own wording ("Invalid input: expected string, received undefined") is accurate but reads
// badly for content authors; name the field and say what is expected.
export function describeIssue(issue: z.core.$ZodIssue, data: unknown, prefix = ''): string {
  const field = fieldName(issue.path, prefix);
  const value = valueAt(data, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? `${field} is required (${issue.expected})` : `${field} must be ${article(issue.expected)}, got ${show(value)}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `${field} needs at least ${String(issue.minimum)} item(s)`
        : issue.origin === 'string'
          ? Number(issue.minimum) > 1
            ? `${field} must be at least ${String(issue.minimum)} characters, got ${typeof value === 'string' ? [...value].length : 0}`
            : `${field} must not be empty`
          : `${field} must be ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}, got ${show(value)}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `${field} allows at most ${String(issue.maximum)} item(s)`
        : issue.origin === 'string'
          ? `${field} must be at most ${String(issue.maximum)} characters, got ${typeof value === 'string' ? [...value].length : 0}`
          : `${field} must be ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}, got ${show(value)}`;
    case 'invalid_value':
      return `${field} must be one of ${issue.values.map((v) => show(v)).join(', ')}, got ${show(value)}`;
    case 'unrecognized_keys':
      return `${field}: unknown field(s) ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return `${field}: ${issue.message}`;
    default:
      return `${field}: ${issue.message}`;
  }
}

function valueAt(data: unknown, at: YamlPath): unknown {
  let v = data;
  for (const seg of at) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

export function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

export function problemAt(file: string, at: Position, message: string): Problem {
  return { path: file, line: at.line, column: at.column, message };
}

/** `path:line:column message`, paths relative to the current directory, sorted for stable output. */
export function formatProblems(problems: readonly Problem[], cwd = process.cwd()): string {
  return sortProblems(problems)
    .map((p) => `${path.relative(cwd, p.path) || p.path}:${p.line}:${p.column} ${p.message}`)
    .join('\n');
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column);
}
