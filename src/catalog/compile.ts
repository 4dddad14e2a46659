// One lesson .mdx → JavaScript for hono/jsx, via mdx-bundler (esbuild + @mdx-js/esbuild).
// Never throws for bad content: frontmatter and MDX errors come back as a Problem with a position.
import path from 'node:path';
import { bundleMDX } from 'mdx-bundler';
import rehypeSlug from 'rehype-slug';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkCjkFriendlyStrikethrough from 'remark-cjk-friendly-gfm-strikethrough';
import remarkGfm from 'remark-gfm';
import YAML from 'yaml';
import { parseFrontmatter, type LessonFrontmatter } from './frontmatter.js';
import { emptyRefs, rehypeHeadingIdsAndToc, remarkCollectRefs, type BodyRefs, type TocEntry } from './mdx-plugins.js';
import type { Problem } from './problem.js';

export type { TocEntry, BodyRefs } from './mdx-plugins.js';

/** Bump when anything below changes the compiled output, so old cache entries stop matching. */
export const PIPELINE_VERSION = 'bcm-mdx-3 mdx-bundler@10 hono-jsx gfm cjk slug+fallback';

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

export type CompileResult =
  | { ok: CompiledLesson }
  | { error: Problem; problems: Problem[] };

export async function compileLesson(file: string, source: string, hash: string): Promise<CompileResult> {
  const fm = parseFrontmatter(file, source);
  if (!fm.frontmatter) return fail(fm.problems);
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
        remarkPlugins: [
          ...(options.remarkPlugins ?? []),
          remarkGfm,
          remarkCjkFriendly,
          remarkCjkFriendlyStrikethrough,
          remarkCollectRefs(refs),
        ],
        rehypePlugins: [...(options.rehypePlugins ?? []), rehypeSlug, rehypeHeadingIdsAndToc(toc)],
      }),
      // esbuild prints failures to stderr itself; we report them as Problems instead.
      esbuildOptions: (options) => ({ ...options, logLevel: 'silent', target: 'node20' }),
    });
    return { ok: { code: result.code, frontmatter: fm.frontmatter, toc, hash, refs } };
  } catch (err) {
    return fail([mdxErrorToProblem(file, err)]);
  }
}

function fail(problems: Problem[]): CompileResult {
  return { error: problems[0]!, problems };
}

interface EsbuildMessage {
  text?: string;
  location?: { line?: number; column?: number } | null;
  detail?: { line?: number; column?: number; reason?: string; cause?: { reason?: string; line?: number; column?: number } };
}

/** esbuild wraps the VFileMessage from @mdx-js/esbuild: prefer its 1-based line/column and reason. */
export function mdxErrorToProblem(file: string, err: unknown): Problem {
  const first = (err as { errors?: EsbuildMessage[] } | null)?.errors?.[0];
  if (!first) {
    return { path: file, line: 1, column: 1, message: `MDX: ${err instanceof Error ? err.message : String(err)}` };
  }
  const detail = first.detail;
  const cause = detail?.cause;
  const line = cause?.line ?? detail?.line ?? first.location?.line ?? 1;
  const column = cause?.column ?? detail?.column ?? (first.location?.column ?? 0) + 1;
  const reason = cause?.reason ?? detail?.reason ?? first.text ?? 'compile error';
  return { path: file, line, column, message: `MDX: ${reason}` };
}
