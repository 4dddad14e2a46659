import type { LessonFrontmatter } from './frontmatter.js';
import type { TocEntry } from './mdx-plugins.js';

// What a lesson page lists above its body: the table of contents and, for lessons that do not
// write their own, the frontmatter's learning objectives.

export type TocSection = { id?: string; text: string; children: TocEntry[] };
export type LessonOutline = { toc: TocSection[]; objectives: readonly string[] };

/**
 * Sub-headings (h3) nested under their section (h2), so the numbered list counts sections only
 * (a flat list numbered the h3 entries too: 1–4, then 11, 12, 13). An h3 before any h2 gets a
 * section without a link of its own.
 */
export function nestToc(toc: readonly TocEntry[]): TocSection[] {
  const sections: TocSection[] = [];
  for (const e of toc) {
    if (e.depth === 2 || sections.length === 0) sections.push(e.depth === 2 ? { id: e.id, text: e.text, children: [] } : { text: '', children: [e] });
    else sections.at(-1)!.children.push(e);
  }
  return sections;
}

// Lessons written in full carry their own objectives section; the frontmatter list is shown only
// when the body has none (outline lessons), so objectives never appear twice.
const OBJECTIVES_HEADING = /学习目标|learning objectives/i;

export function lessonOutline(frontmatter: LessonFrontmatter | undefined, toc: readonly TocEntry[]): LessonOutline {
  const ownObjectives = toc.some((e) => OBJECTIVES_HEADING.test(e.text));
  return { toc: nestToc(toc), objectives: frontmatter && !ownObjectives ? frontmatter.objectives : [] };
}
