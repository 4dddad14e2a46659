/** @jsxImportSource hono/jsx */
// Lesson body → HTML per request. Evaluating the compiled code (new Function) costs far more than
// rendering, so the evaluated MDX component is kept per content hash; only the components map,
// which carries per-request context, is built on each call.
import path from 'node:path';
import * as HonoJSX from 'hono/jsx';
import type { FC } from 'hono/jsx';
import * as _jsx_runtime from 'hono/jsx/jsx-runtime';
import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { getMDXExport } from 'mdx-bundler/client/jsx.js';
import { createMdxComponents, ZH_LABELS, type CatalogLabels } from '../../views/catalog/mdx-components.js';
import type { Catalog } from './catalog.js';
import type { CompiledLesson } from './compile.js';
import { JSX_CONFIG } from './compile.js';
import type { SelfCheckEntry } from './frontmatter.js';
import type { Problem } from './problem.js';

type MdxContent = FC<{ components: Record<string, unknown> }>;

const JSX_GLOBALS = { [JSX_CONFIG.jsxLib.varName]: HonoJSX, [JSX_CONFIG.jsxRuntime.varName]: _jsx_runtime };

// Bounded so a long dev session (a new hash per save) cannot grow memory without limit.
const MAX_EVALUATED = 1000;
const evaluated = new Map<string, MdxContent>();

export const renderCounters = { evaluated: 0 };

const MAX_RENDERED = 2000;
const renderedHtml = new Map<string, string>();

function remember(key: string, html: string): string {
  if (renderedHtml.size >= MAX_RENDERED) renderedHtml.delete(renderedHtml.keys().next().value!);
  renderedHtml.set(key, html);
  return html;
}

export function mdxComponentFor(lesson: CompiledLesson): MdxContent {
  let content = evaluated.get(lesson.hash);
  if (!content) {
    content = getMDXExport(lesson.code, JSX_GLOBALS).default as unknown as MdxContent;
    renderCounters.evaluated += 1;
    if (evaluated.size >= MAX_EVALUATED) evaluated.delete(evaluated.keys().next().value!);
    evaluated.set(lesson.hash, content);
  }
  return content;
}

export interface RenderLessonOptions {
  labels?: Partial<CatalogLabels>;
}

/**
 * The lesson body as an already-escaped HTML string (embed it in hono/jsx as `{body}`), or
 * undefined when the course or lesson does not exist (the route answers 404). A lesson in an
 * error state, or one that throws while rendering, gives an error block instead of an exception.
 */
export function renderLessonBody(
  catalog: Catalog,
  courseSlug: string,
  lessonSlug: string,
  opts: RenderLessonOptions = {},
): HtmlEscapedString | Promise<HtmlEscapedString> | undefined {
  const found = catalog.lesson(courseSlug, lessonSlug);
  if (!found) return undefined;
  const { state } = found.lesson;
  if ('error' in state) return errorBlock(catalog, state.error, opts);
  // The body depends only on the compiled lesson and the label language (no per-user data), so
  // its HTML is kept per (content hash, labels) and rendering runs once per lesson and language.
  const cacheKey = `${state.ok.hash}\u0000${opts.labels ? JSON.stringify(opts.labels) : ''}`;
  const cached = renderedHtml.get(cacheKey);
  if (cached !== undefined) return raw(cached);
  try {
    const Content = mdxComponentFor(state.ok);
    const components = createMdxComponents({
      courseSlug,
      lessonSlug,
      selfCheck: state.ok.frontmatter.selfCheck,
      labels: opts.labels,
    });
    const html = HonoJSX.jsx(Content, { components }).toString();
    if (typeof html === 'string') return raw(remember(cacheKey, html));
    return html.then(
      (s) => raw(remember(cacheKey, s)),
      (err: unknown) => errorBlock(catalog, runtimeProblem(found.lesson.file, err), opts),
    );
  } catch (err) {
    return errorBlock(catalog, runtimeProblem(found.lesson.file, err), opts);
  }
}

/** The frontmatter entry a self-check route grades against. */
export function findSelfCheck(catalog: Catalog, courseSlug: string, lessonSlug: string, id: string): SelfCheckEntry | undefined {
  const state = catalog.lesson(courseSlug, lessonSlug)?.lesson.state;
  return state && 'ok' in state ? state.ok.frontmatter.selfCheck.find((q) => q.id === id) : undefined;
}

function runtimeProblem(file: string, err: unknown): Problem {
  return { path: file, line: 1, column: 1, message: `render: ${err instanceof Error ? err.message : String(err)}` };
}

// Trainees in production see a neutral notice; authors in dev see exactly where to look.
function errorBlock(catalog: Catalog, problem: Problem, opts: RenderLessonOptions): HtmlEscapedString {
  const where = `${path.relative(process.cwd(), problem.path)}:${problem.line}:${problem.column}`;
  const node = (
    <div class="lesson-error" role="alert">
      <p>{opts.labels?.lessonUnavailable ?? ZH_LABELS.lessonUnavailable}</p>
      {catalog.production ? null : <pre>{`${where} ${problem.message}`}</pre>}
    </div>
  );
  return raw(String(node.toString()));
}
