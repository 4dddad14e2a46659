// Checks on a compiled lesson's body, from the positions the compiler recorded: components and
// their attributes, internal links, media files. Pure apart from fs.existsSync for media.
import fs from 'node:fs';
import path from 'node:path';
import { isComponentName } from './component-names.js';
import { BRACE_HINT, isExternalOrAbsolute, lessonFileLinkToUrl, type AttributeValue, type BodyRefs, type JsxUse, type UrlUse } from './mdx-plugins.js';
import type { Problem } from './problem.js';

export interface LinkTargets {
  hasCourse(slug: string): boolean;
  hasLesson(courseSlug: string, lessonSlug: string): boolean;
  hasLevel(id: string): boolean;
}

interface AttrRule {
  required?: boolean;
  oneOf?: readonly string[];
}

const ATTRIBUTE_RULES: Record<string, Record<string, AttrRule>> = {
  Callout: { type: { required: true, oneOf: ['tip', 'warning', 'regulation'] }, title: {} },
  Term: { name: { required: true }, en: {} },
  Case: { title: { required: true } },
  Figure: { src: { required: true }, alt: { required: true }, caption: {} },
  Media: { src: { required: true }, kind: { required: true, oneOf: ['video', 'audio'] }, caption: {} },
  SelfCheck: { id: { required: true } },
};

export interface LessonBody {
  /** The lesson's address, `/courses/<course>/<lesson>`: relative links resolve against it. */
  url: string;
  refs: BodyRefs;
  /** The frontmatter's selfCheck ids; absent when the frontmatter is broken (reported itself). */
  selfCheckIds?: ReadonlySet<string>;
}

export function checkLessonBody(file: string, lesson: LessonBody, targets: LinkTargets): Problem[] {
  const problems: Problem[] = [];
  const add = (at: { line: number; column: number }, message: string) => problems.push({ path: file, line: at.line, column: at.column, message });
  const selfCheckIds = lesson.selfCheckIds;

  for (const use of lesson.refs.components) {
    if (!/^[A-Z]/.test(use.name)) continue; // lower-case names are plain HTML elements
    if (!isComponentName(use.name)) {
      add(use, `unknown component <${use.name}>`);
      continue;
    }
    checkAttributes(use, add);
    const str = (name: string) => (typeof use.attributes[name] === 'string' ? (use.attributes[name] as string) : undefined);
    if (use.name === 'SelfCheck' && selfCheckIds && str('id') && !selfCheckIds.has(str('id')!)) {
      add(use, `<SelfCheck id="${str('id')}"> has no selfCheck entry with that id in the frontmatter`);
    }
    if ((use.name === 'Figure' || use.name === 'Media') && str('src')) {
      checkMedia(file, { url: str('src')!, line: use.line, column: use.column }, add);
    }
  }
  for (const image of lesson.refs.images) checkMedia(file, image, add);
  for (const link of lesson.refs.links) checkLink(link, lesson.url, targets, add);
  // Lessons have no variables, so any expression fails or shows nothing when the page renders:
  // it is a brace typed in the text (`{年份}`), which the docs ask authors to write otherwise.
  for (const expr of lesson.refs.expressions ?? []) {
    add(expr, `MDX: {${shorten(expr.code)}} is not text. ${BRACE_HINT}`);
  }
  return problems;
}

function checkAttributes(use: JsxUse, add: (at: JsxUse, message: string) => void): void {
  const rules = ATTRIBUTE_RULES[use.name] ?? {};
  for (const [name, rule] of Object.entries(rules)) {
    const value: AttributeValue | undefined = use.attributes[name];
    if (value === undefined) {
      if (rule.required) add(use, `<${use.name}> needs ${name}="…"`);
    } else if (typeof value !== 'string') {
      add(use, `<${use.name} ${name}> must be a quoted string`);
    } else if (rule.oneOf && !rule.oneOf.includes(value)) {
      add(use, `<${use.name} ${name}="${value}"> must be one of ${rule.oneOf.join(', ')}`);
    } else if (rule.required && value.trim() === '') {
      add(use, `<${use.name} ${name}> must not be empty`);
    }
  }
  for (const name of Object.keys(use.attributes)) {
    if (!(name in rules) && name !== 'inline') add(use, `<${use.name}> has no attribute ${name}`);
  }
}

function checkMedia(file: string, use: UrlUse, add: (at: UrlUse, message: string) => void): void {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(use.url) || use.url.startsWith('/')) return; // external or site path
  if (!/^(?:\.\/)?media\/[^/]/.test(use.url) || use.url.split('/').includes('..')) {
    add(use, `media ${use.url} must be a file under ./media/`);
    return;
  }
  let decoded = use.url;
  try {
    decoded = decodeURI(use.url);
  } catch {
    // keep as written; a mis-encoded path simply won't be found
  }
  if (!fs.existsSync(path.resolve(path.dirname(file), decoded))) add(use, `media file ${use.url} does not exist`);
}

function checkLink(link: UrlUse, base: string, targets: LinkTargets, add: (at: UrlUse, message: string) => void): void {
  let target = link.url.split(/[?#]/)[0] ?? '';
  if (!target) return; // `#anchor` on the same page
  if (!isExternalOrAbsolute(target)) {
    // A relative link: a lesson file (`./02-x.mdx`, `../other/01-y.mdx`) or a page address
    // (`02-x`); anything with another extension is a file, which media checks cover.
    const last = target.split('/').pop() ?? '';
    const isLessonFile = /\.mdx$/i.test(last);
    if (!isLessonFile && /\.[A-Za-z0-9]+$/.test(last)) return;
    target = new URL(lessonFileLinkToUrl(target), `http://lesson${base}`).pathname;
    if (isLessonFile && !/^\/courses\/[^/]+\/[^/]+$/.test(target)) {
      add(link, `link ${link.url} is not a lesson file: link one as ./NN-slug.mdx or ../<course>/NN-slug.mdx`);
      return;
    }
  }
  const parts = target.split('/').filter(Boolean).map(safeDecode);
  if (!target.startsWith('/')) return;
  if (parts[0] === 'courses' && parts.length >= 2 && parts.length <= 3) {
    if (!targets.hasCourse(parts[1]!)) add(link, `link ${link.url}: no course ${parts[1]}`);
    else if (parts[2] && !targets.hasLesson(parts[1]!, parts[2])) add(link, `link ${link.url}: course ${parts[1]} has no lesson ${parts[2]}`);
  } else if (parts[0] === 'levels' && parts.length === 2) {
    if (!targets.hasLevel(parts[1]!)) add(link, `link ${link.url}: no level ${parts[1]}`);
  }
}

function shorten(code: string): string {
  const flat = code.replace(/\s+/g, ' ').trim();
  return flat.length > 30 ? `${flat.slice(0, 30)}…` : flat;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
