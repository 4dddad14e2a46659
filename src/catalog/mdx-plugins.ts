// Two small unified plugins built per compile (closures collect into the caller's arrays, so
// parallel compiles never share state): one records what the body uses (components, links, media)
// with positions for validation; one gives every heading a non-empty id and builds the TOC.

/** The few fields of mdast/hast nodes we read; avoids depending on @types packages we don't own. */
interface UNode {
  type: string;
  name?: string | null;
  tagName?: string;
  url?: string;
  value?: unknown;
  properties?: Record<string, unknown>;
  attributes?: Array<{ type: string; name?: string; value?: unknown }>;
  children?: UNode[];
  position?: { start: { line: number; column: number } };
}

export interface TocEntry {
  depth: 2 | 3;
  text: string;
  id: string;
}

export type AttributeValue = string | true | { expression: string };

export interface JsxUse {
  name: string;
  line: number;
  column: number;
  attributes: Record<string, AttributeValue>;
}

export interface UrlUse {
  url: string;
  line: number;
  column: number;
}

/** A `{…}` in the body outside a component's attributes: the source text between the braces. */
export interface ExpressionUse {
  code: string;
  line: number;
  column: number;
}

export interface BodyRefs {
  components: JsxUse[];
  links: UrlUse[];
  images: UrlUse[];
  expressions: ExpressionUse[];
}

export function emptyRefs(): BodyRefs {
  return { components: [], links: [], images: [], expressions: [] };
}

/** Why a brace in a lesson's prose fails, and what to type instead (docs/content-format.md). */
export const BRACE_HINT = 'MDX reads { … } as a JavaScript expression; for a brace in the text write full-width ｛ ｝ or escape it as \\{ \\}';

function walk(node: UNode, visit: (n: UNode) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

function at(node: UNode): { line: number; column: number } {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

interface VFileLike {
  fail(reason: string, place?: unknown): never;
}

export function remarkCollectRefs(refs: BodyRefs) {
  return () => (tree: UNode, file: VFileLike) => {
    walk(tree, (node) => {
      if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name) {
        const attributes: Record<string, AttributeValue> = {};
        for (const a of node.attributes ?? []) {
          if (a.type !== 'mdxJsxAttribute' || !a.name) continue;
          const v = a.value;
          attributes[a.name] =
            v === null || v === undefined ? true : typeof v === 'string' ? v : { expression: String((v as { value?: unknown }).value ?? '') };
        }
        refs.components.push({ name: node.name, ...at(node), attributes });
        // Components can't tell whether they sit inside a paragraph; tell them, so e.g. <Term>
        // used mid-sentence renders phrasing content instead of a <dl> inside a <p>.
        if (node.type === 'mdxJsxTextElement') node.attributes?.push({ type: 'mdxJsxAttribute', name: 'inline', value: null });
      } else if ((node.type === 'link' || node.type === 'definition') && node.url) {
        refs.links.push({ url: node.url, ...at(node) });
        node.url = lessonFileLinkToUrl(node.url);
      } else if (node.type === 'image' && node.url) {
        refs.images.push({ url: node.url, ...at(node) });
      } else if ((node.type === 'mdxTextExpression' || node.type === 'mdxFlowExpression') && node.position) {
        refs.expressions.push({ code: String(node.value ?? ''), ...at(node) });
      } else if (node.type === 'mdxjsEsm' && node.position) {
        // Only author-written ESM has a position (remark-mdx-frontmatter's export has none). Fail
        // here, before esbuild tries to resolve the import: the cache key covers only this file.
        file.fail('import/export is not allowed in lessons', node);
      }
    });
  };
}

/**
 * Authors link lessons by file, as their editor resolves them: `./02-x.mdx`, `../other/01-y.mdx`.
 * Without `.mdx` the same relative link works from the lesson page `/courses/<course>/<lesson>`,
 * and it does not depend on which folder the file sits in (the cache key is the content only).
 */
export function lessonFileLinkToUrl(url: string): string {
  if (isExternalOrAbsolute(url)) return url;
  return url.replace(/\.mdx(?=$|[?#])/, '');
}

export function isExternalOrAbsolute(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:|^\/|^#/i.test(url);
}

function textOf(node: UNode): string {
  if (node.type === 'text') return String(node.value ?? '');
  // MDX expressions ({…}) have no text at compile time: leave them out of ids and the TOC.
  if (node.type.startsWith('mdx')) return '';
  return (node.children ?? []).map(textOf).join('');
}

/**
 * Runs after rehype-slug: github-slugger yields '' for headings such as `## ！！！`, which would
 * break TOC anchors, so those get `section-N` (N counts headings in document order).
 */
export function rehypeHeadingIdsAndToc(toc: TocEntry[]) {
  return () => (tree: UNode) => {
    let n = 0;
    const used = new Set<string>();
    walk(tree, (node) => {
      if (node.type !== 'element' || !/^h[1-6]$/.test(node.tagName ?? '')) return;
      n += 1;
      const props = (node.properties ??= {});
      let id = typeof props['id'] === 'string' ? props['id'] : '';
      if (!id || used.has(id)) {
        let k = n;
        while (used.has(`section-${k}`)) k += 1;
        id = `section-${k}`;
      }
      used.add(id);
      props['id'] = id;
      const depth = Number(node.tagName?.slice(1));
      if (depth === 2 || depth === 3) toc.push({ depth, text: textOf(node).trim(), id });
    });
  };
}
