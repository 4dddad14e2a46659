// One lesson .mdx → JavaScript for hono/jsx, via mdx-bundler (esbuild + @mdx-js/esbuild).
// Never throws for bad content: frontmatter and MDX errors come back as a Problem with a position.
import path from 'node:path';
import { bundleMDX } from 'mdx-bundler';
import rehypeSlug from 'rehype-slug';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkCjkFriendlyStrikethrough from 'remark-cjk-friendly-gfm-strikethrough';
import remarkGfm from 'remark-gfm';
import YAML from 'yaml';
import { parseFrontmatter, splitFrontmatter, type LessonFrontmatter } from './frontmatter.js';
import { BRACE_HINT, emptyRefs, rehypeHeadingIdsAndToc, remarkCollectRefs, type BodyRefs, type TocEntry } from './mdx-plugins.js';
import type { Position, Problem } from './problem.js';

export type { TocEntry, BodyRefs } from './mdx-plugins.js';

/** Bump when anything below changes the compiled output, so old cache entries stop matching. */
export const PIPELINE_VERSION = 'bcm-mdx-4 mdx-bundler@10 hono-jsx gfm cjk slug+fallback relative-mdx-links';

/** Names the compiled code expects as globals; render.ts passes the hono/jsx modules under them. */
export const JSX_CONFIG = {
  jsxLib: { varName: 'HonoJSX', package: 'hono/jsx' },
  jsxRuntime: { varName: '_jsx_runtime', package: 'hono/jsx/jsx-runtime' },
} as const;

export interface CompiledLesson {
  code: string;
  frontmatter: LessonFrontmatter;
  toc: TocEntry[];
  hash: string;
  refs: BodyRefs;
}

/**
 * `problems` holds every problem found (frontmatter and body); `refs` is present when the body
 * compiled although the frontmatter did not, so validation can still check the body's links.
 */
export type CompileResult = { ok: CompiledLesson } | { error: Problem; problems: Problem[]; refs?: BodyRefs };

export async function compileLesson(file: string, source: string, hash: string): Promise<CompileResult> {
  const fm = parseFrontmatter(file, source);
  if (!fm.frontmatter) {
    // Still compile the body, so an author sees its errors in the same run as the frontmatter's.
    // The frontmatter is blanked (lines kept) so a broken YAML block cannot fail the compiler too.
    const body = await compileBody(file, blankFrontmatter(source));
    return 'code' in body
      ? { error: fm.problems[0]!, problems: fm.problems, refs: body.refs }
      : { error: fm.problems[0]!, problems: [...fm.problems, body.problem] };
  }
  const body = await compileBody(file, source);
  if (!('code' in body)) return { error: body.problem, problems: [body.problem] };
  return { ok: { code: body.code, frontmatter: fm.frontmatter, toc: body.toc, hash, refs: body.refs } };
}

type BodyResult = { code: string; toc: TocEntry[]; refs: BodyRefs } | { problem: Problem };

async function compileBody(file: string, source: string): Promise<BodyResult> {
  const toc: TocEntry[] = [];
  const refs = emptyRefs();
  try {
    const result = await bundleMDX({
      source,
      cwd: path.dirname(file),
      jsxConfig: {
        jsxLib: { ...JSX_CONFIG.jsxLib },
        jsxRuntime: { ...JSX_CONFIG.jsxRuntime },
      },
      // gray-matter defaults to js-yaml (YAML 1.1): swap in `yaml` so both parsers agree.
      grayMatterOptions: (options) => ({ ...options, engines: { yaml: (s: string) => YAML.parse(s) as object } }),
      mdxOptions: (options) => ({
        ...options,
        remarkPlugins: [...(options.remarkPlugins ?? []), remarkGfm, remarkCjkFriendly, remarkCjkFriendlyStrikethrough, remarkCollectRefs(refs)],
        rehypePlugins: [...(options.rehypePlugins ?? []), rehypeSlug, rehypeHeadingIdsAndToc(toc)],
      }),
      // esbuild prints failures to stderr itself; we report them as Problems instead.
      esbuildOptions: (options) => ({ ...options, logLevel: 'silent', target: 'node20' }),
    });
    return { code: result.code, toc, refs };
  } catch (err) {
    return { problem: mdxErrorToProblem(file, err, source) };
  }
}

/** The source with its `---` block replaced by as many empty lines, so body positions stay put. */
function blankFrontmatter(source: string): string {
  const split = splitFrontmatter(source);
  if (!split) return source;
  const head = source.slice(0, source.length - split.body.length);
  return head.replace(/[^\n]/g, '') + split.body;
}

interface Place {
  line?: number;
  column?: number;
  start?: { line?: number; column?: number };
}

interface VFileMessageLike {
  reason?: string;
  line?: number;
  column?: number;
  place?: Place | null;
  source?: string;
  ruleId?: string;
  cause?: VFileMessageLike;
}

interface EsbuildMessage {
  text?: string;
  location?: { line?: number; column?: number } | null;
  detail?: VFileMessageLike;
}

/**
 * esbuild wraps @mdx-js/esbuild's VFileMessage, which wraps the parser's. Positions come from the
 * innermost message that has one; some (an unclosed `<Callout>` at the end of the file) carry none,
 * only a range in their text, `(38:1-38:33)`. Every position is already a line of the whole file:
 * mdx-bundler compiles the source with its frontmatter (remark-frontmatter), so no offset applies.
 */
export function mdxErrorToProblem(file: string, err: unknown, source = ''): Problem {
  const first = (err as { errors?: EsbuildMessage[] } | null)?.errors?.[0];
  if (!first) {
    return { path: file, line: 1, column: 1, message: `MDX: ${err instanceof Error ? err.message : String(err)}` };
  }
  const cause = first.detail?.cause ?? first.detail;
  const reason = cause?.reason ?? first.detail?.reason ?? first.text ?? 'compile error';
  const at =
    positionOf(cause) ??
    positionOf(first.detail) ??
    rangeInText(reason) ??
    (first.location?.line ? { line: first.location.line, column: (first.location.column ?? 0) + 1 } : { line: 1, column: 1 });
  if (cause?.source === 'micromark-extension-mdx-expression') {
    // Nearly always prose with a brace in it, not an intended expression: point at the brace.
    const brace = openBraceBefore(source, at);
    return { path: file, ...(brace ?? at), message: `MDX: ${reason}. ${BRACE_HINT}` };
  }
  const hint = cause?.ruleId === 'unexpected-character' && /before name/.test(reason) ? ` ${LESS_THAN_HINT}` : '';
  return { path: file, ...at, message: `MDX: ${reason}${hint}` };
}

const LESS_THAN_HINT = 'MDX reads < as the start of a tag; for a less-than sign in the text write ＜ or \\<';

function positionOf(m: VFileMessageLike | undefined): Position | undefined {
  if (!m) return undefined;
  const p = m.place;
  const line = m.line ?? p?.line ?? p?.start?.line;
  const column = m.column ?? p?.column ?? p?.start?.column;
  return line && line > 0 ? { line, column: column && column > 0 ? column : 1 } : undefined;
}

function rangeInText(text: string): Position | undefined {
  const m = /\((\d+):(\d+)(?:-\d+:\d+)?\)/.exec(text);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}

/** The nearest `{` before `at` that no `}` closes (escaped `\{` skipped), as a file position. */
function openBraceBefore(source: string, at: Position): Position | undefined {
  const lines = source.split('\n');
  if (at.line > lines.length) return undefined;
  let depth = 0;
  for (let l = at.line - 1; l >= 0; l--) {
    const text = lines[l]!;
    const end = l === at.line - 1 ? Math.min(at.column - 1, text.length) : text.length;
    for (let c = end - 1; c >= 0; c--) {
      const ch = text[c];
      if (text[c - 1] === '\\') continue;
      if (ch === '}') depth += 1;
      else if (ch === '{') {
        if (depth === 0) return { line: l + 1, column: c + 1 };
        depth -= 1;
      }
    }
  }
  return undefined;
}
