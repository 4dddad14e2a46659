import { describe, expect, it } from 'vitest';
import { lessonHash } from '../../src/catalog/cache.js';
import { compileLesson } from '../../src/catalog/compile.js';
import { mdxComponentFor } from '../../src/catalog/render.js';
import * as HonoJSX from 'hono/jsx';

const FM = '---\ntitle: t\nhours: 1\nobjectives: [o]\nmodes: [remote]\nstatus: outline\n---\n\n';
const FILE = '/virtual/course/01-x.mdx';

async function compile(body: string) {
  const source = FM + body;
  return compileLesson(FILE, source, lessonHash(source));
}

async function html(body: string, components: Record<string, unknown> = {}) {
  const r = await compile(body);
  if (!('ok' in r)) throw new Error(r.error.message);
  return String(await HonoJSX.jsx(mdxComponentFor(r.ok), { components }).toString());
}

describe('compileLesson', () => {
  it('produces hono/jsx code that renders to HTML, with GFM and CJK-friendly emphasis', async () => {
    const out = await html('## 表格\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n请**注意（重要）**事项，**粗体。**后文 ~~删除~~。');
    expect(out).toContain('<table>');
    expect(out).toContain('<strong>注意（重要）</strong>');
    expect(out).toContain('<strong>粗体。</strong>后文');
    expect(out).toContain('<del>删除</del>');
    expect(out).not.toContain('**');
  });

  it('gives every heading an id and builds the TOC from ## and ###', async () => {
    const r = await compile('## 学习目标\n\n### 小节 A\n\n## ！！！\n\n#### 深层\n\n## 学习目标\n');
    if (!('ok' in r)) throw new Error(r.error.message);
    expect(r.ok.toc).toEqual([
      { depth: 2, text: '学习目标', id: '学习目标' },
      { depth: 3, text: '小节 A', id: '小节-a' },
      { depth: 2, text: '！！！', id: 'section-3' },
      { depth: 2, text: '学习目标', id: '学习目标-1' },
    ]);
    const out = await html('## ！！！\n');
    expect(out).toBe('<h2 id="section-1">！！！</h2>');
  });

  it('returns MDX syntax errors as a Problem with the file line and column', async () => {
    const r = await compile('## 要点\n\n利率 {5% 左右\n');
    expect('error' in r && r.error).toEqual({
      path: FILE,
      line: 11,
      column: expect.any(Number),
      message: expect.stringMatching(/^MDX: .*expression/),
    });
  });

  it('places an error that carries no position (an unclosed tag) at the tag, not at line 0', async () => {
    const r = await compile('## 要点\n\n<Callout type="tip">\n\n正文\n');
    expect('error' in r && r.error).toEqual({
      path: FILE,
      line: 11,
      column: 1,
      message: 'MDX: Expected a closing tag for `<Callout>` (11:1-11:21)',
    });
  });

  it('links a lesson file as the relative address of its page, leaving other links alone', async () => {
    const out = await html('[下一课](./02-next.mdx#要点) [别课](../other/01-x.mdx) [站外](https://example.com/a.mdx) [文件](./media/a.pdf)\n');
    expect(out).toContain(`href="./02-next#${encodeURIComponent('要点')}"`);
    expect(out).toContain('href="../other/01-x"');
    expect(out).toContain('href="https://example.com/a.mdx"');
    expect(out).toContain('href="./media/a.pdf"');
  });

  it('compiles the body under a broken frontmatter, so both kinds of problem come back', async () => {
    const source = '---\ntitle: t\nhours: [\n---\n\n## a\n\n利率 {5% 左右\n';
    const r = await compileLesson(FILE, source, lessonHash(source));
    expect('error' in r && r.problems.map((p) => `${p.line}:${p.column} ${p.message.slice(0, 22)}`)).toEqual([
      '3:9 frontmatter YAML: Flow',
      '8:4 MDX: Unexpected end of',
    ]);
  });

  it('refuses import/export, which would escape the content-hash cache', async () => {
    const r = await compile("import x from './x.js'\n\n## a\n");
    expect('error' in r && r.error).toMatchObject({ line: 9, column: 1, message: expect.stringMatching(/import\/export is not allowed/) });
  });

  it("returns a frontmatter problem as the lesson's first error", async () => {
    const source = '---\ntitle: t\nhours: -1\nobjectives: [o]\nmodes: [remote]\nstatus: outline\n---\n\n## a\n';
    const r = await compileLesson(FILE, source, lessonHash(source));
    expect('error' in r && r.error).toMatchObject({ line: 3, column: 1, message: 'frontmatter.hours must be > 0, got -1' });
  });

  it('records component uses, links and images with positions', async () => {
    const r = await compile('<Callout type="tip">x</Callout>\n\n[a](/courses/c/l) ![i](./media/p.svg) 文中 <Term name="n" /> 用法\n');
    if (!('ok' in r)) throw new Error(r.error.message);
    expect(r.ok.refs.components).toEqual([
      { name: 'Callout', line: 9, column: 1, attributes: { type: 'tip' } },
      { name: 'Term', line: 11, column: 42, attributes: { name: 'n' } },
    ]);
    expect(r.ok.refs.links).toEqual([{ url: '/courses/c/l', line: 11, column: 1 }]);
    expect(r.ok.refs.images).toEqual([{ url: './media/p.svg', line: 11, column: 19 }]);
  });
});
