import { describe, expect, it } from 'vitest';
import { nestToc } from '../../views/catalog/pages.js';

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
});
