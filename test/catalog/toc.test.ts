import { describe, expect, it } from 'vitest';
import type { LessonFrontmatter } from '../../src/catalog/frontmatter.js';
import { lessonOutline, nestToc } from '../../src/catalog/outline.js';

describe('a lesson’s table of contents', () => {
  it('numbers sections only, with their sub-headings nested under them', () => {
    const toc = [
      { depth: 3 as const, text: '导读', id: 'intro' },
      { depth: 2 as const, text: '一', id: 'a' },
      { depth: 3 as const, text: '一.1', id: 'a1' },
      { depth: 3 as const, text: '一.2', id: 'a2' },
      { depth: 2 as const, text: '二', id: 'b' },
    ];
    expect(nestToc(toc)).toEqual([
      { text: '', children: [toc[0]] },
      { id: 'a', text: '一', children: [toc[2], toc[3]] },
      { id: 'b', text: '二', children: [] },
    ]);
  });

  it('lists the frontmatter objectives only when the body has no objectives section of its own', () => {
    const fm = { title: 't', hours: 1, objectives: ['说明定位'], modes: ['remote'], status: 'outline', selfCheck: [] } satisfies LessonFrontmatter;
    expect(lessonOutline(fm, [{ depth: 2, text: '概述', id: 'a' }]).objectives).toEqual(['说明定位']);
    expect(lessonOutline(fm, [{ depth: 2, text: '学习目标', id: 'o' }]).objectives).toEqual([]);
    expect(lessonOutline(fm, [{ depth: 3, text: 'Learning objectives', id: 'o' }]).objectives).toEqual([]);
    expect(lessonOutline(undefined, []).objectives).toEqual([]);
  });
});
