/** @jsxImportSource hono/jsx */
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/catalog.js';
import type { SelfCheckEntry } from '../../src/catalog/frontmatter.js';
import { findSelfCheck, renderCounters, renderLessonBody } from '../../src/catalog/render.js';
import { gradeSelfCheck } from '../../src/catalog/self-check.js';
import { createMdxComponents, mediaUrl, SelfCheckResult } from '../../views/catalog/mdx-components.js';
import { GOOD, tempDir, removeTempDirs } from './helpers.js';

afterAll(removeTempDirs);

const single: SelfCheckEntry = {
  id: 'role-1',
  question: '下列哪一项不属于客户经理的核心职责？',
  options: ['市场分析', '客户关系管理', '制定央行货币政策', '营销方案策划'],
  answer: 'C',
  explanation: '货币政策由中央银行制定，不是客户经理的职责。',
};
const multiple: SelfCheckEntry = { ...single, id: 'multi', question: '哪些属于银行产品？', answer: 'ABD', explanation: '交易所不是银行产品。' };

const html = async (node: unknown) => String(await (node as { toString(): string | Promise<string> }).toString());
const components = (selfCheck: SelfCheckEntry[] = [single, multiple]) => createMdxComponents({ courseSlug: 'bcm-intro', lessonSlug: '01-role', selfCheck });

describe('lesson components', () => {
  it('Callout: role="note", a visible label per type, labels replaceable', async () => {
    const { Callout } = components();
    expect(
      await html(
        <Callout type="regulation" title="商业银行法">
          依法经营
        </Callout>,
      ),
    ).toBe(
      '<div class="callout callout-regulation" role="note"><p class="callout-label"><strong>法规</strong><span class="callout-title">商业银行法</span></p><div class="callout-body">依法经营</div></div>',
    );
    expect(await html(<Callout type="warning">x</Callout>)).toContain('<strong>注意</strong>');
    expect(await html(<Callout type="tip">x</Callout>)).toContain('<strong>提示</strong>');
    const en = createMdxComponents({ courseSlug: 'c', lessonSlug: 'l', selfCheck: [], labels: { tip: 'Tip' } });
    expect(await html(<en.Callout type="tip">x</en.Callout>)).toContain('<strong>Tip</strong>');
  });

  it('Term, Case, Figure and Media', async () => {
    const { Term, Case, Figure, Media, img } = components();
    expect(
      await html(
        <Term name="客户经理制" en="Customer manager system">
          定义
        </Term>,
      ),
    ).toBe('<dl class="term"><dt><dfn>客户经理制</dfn><span class="term-en" lang="en">Customer manager system</span></dt><dd>定义</dd></dl>');
    expect(
      await html(
        <Term name="客户经理制" inline>
          定义
        </Term>,
      ),
    ).toMatch(/^<span class="term term-inline"><dfn>客户经理制<\/dfn>/);
    expect(await html(<Case title="某支行">背景</Case>)).toBe(
      '<section class="case"><h3 class="case-title"><span class="case-label">案例</span><span>某支行</span></h3><div class="case-body">背景</div></section>',
    );
    expect(await html(<Figure src="./media/org.svg" alt="结构图" caption="组织" />)).toBe(
      '<figure class="figure"><img src="/media/bcm-intro/org.svg" alt="结构图" loading="lazy" decoding="async"/><figcaption>组织</figcaption></figure>',
    );
    const video = await html(<Media src="./media/intro.mp4" kind="video" caption="短片" />);
    expect(video).toContain('<video controls="" preload="metadata" src="/media/bcm-intro/intro.mp4">');
    expect(await html(<Media src="media/a.mp3" kind="audio" />)).toContain('<audio controls="" preload="metadata" src="/media/bcm-intro/a.mp3">');
    expect(await html(img({ src: './media/p.png', alt: 'p' }))).toContain('src="/media/bcm-intro/p.png"');
  });

  it('rewrites only ./media/ paths, and never out of the course folder', () => {
    expect(mediaUrl('c', './media/图 1.png')).toBe('/media/c/%E5%9B%BE%201.png');
    expect(mediaUrl('c', 'media/sub/x.svg')).toBe('/media/c/sub/x.svg');
    expect(mediaUrl('c', './media/../../etc/passwd')).toBe('./media/../../etc/passwd');
    expect(mediaUrl('c', 'https://example.com/x.png')).toBe('https://example.com/x.png');
  });

  it('SelfCheck renders an htmx form with the question only: no answer, no explanation', async () => {
    const { SelfCheck } = components();
    const form = await html(<SelfCheck id="role-1" />);
    expect(form).toContain('hx-post="/courses/bcm-intro/01-role/self-check/role-1"');
    expect(form).toContain('hx-target="this"');
    expect(form).toContain('hx-swap="outerHTML"');
    expect(form).toContain(single.question);
    expect(form.match(/type="radio"/g)).toHaveLength(4);
    expect(form).toContain('<button type="submit">');
    expect(form).not.toContain(single.explanation);
    expect(form).not.toMatch(/correct|checked|data-answer/i);

    const multi = await html(<SelfCheck id="multi" />);
    expect(multi.match(/type="checkbox"/g)).toHaveLength(4);
    expect(multi).not.toContain(multiple.explanation);
    expect(await html(<SelfCheck id="missing" />)).toContain('self-check-missing');
  });

  it('keeps per-render context apart between concurrent renders', async () => {
    const a = createMdxComponents({ courseSlug: 'a', lessonSlug: 'l1', selfCheck: [single] });
    const b = createMdxComponents({ courseSlug: 'b', lessonSlug: 'l2', selfCheck: [{ ...single, question: '别的题' }] });
    const [ha, hb] = await Promise.all([html(<a.SelfCheck id="role-1" />), html(<b.SelfCheck id="role-1" />)]);
    expect(ha).toContain('/courses/a/l1/');
    expect(hb).toContain('/courses/b/l2/');
    expect(hb).toContain('别的题');
  });

  it('gradeSelfCheck ignores order, case and duplicates of submitted letters', () => {
    expect(gradeSelfCheck(single, 'C')).toEqual({ correct: true, correctAnswer: 'C', explanation: single.explanation, submitted: 'C' });
    expect(gradeSelfCheck(single, 'b')).toMatchObject({ correct: false, correctAnswer: 'C', submitted: 'B' });
    expect(gradeSelfCheck(multiple, ['D', 'a', 'B'])).toMatchObject({ correct: true, correctAnswer: 'ABD', submitted: 'ABD' });
    expect(gradeSelfCheck(multiple, 'AB')).toMatchObject({ correct: false });
    expect(gradeSelfCheck(multiple, 'ABDZ')).toMatchObject({ correct: true, submitted: 'ABD' });
    expect(gradeSelfCheck(single, [])).toMatchObject({ correct: false, submitted: '' });
  });

  it('SelfCheckResult shows the verdict, the right answer and the explanation', async () => {
    const out = await html(<SelfCheckResult entry={single} grade={gradeSelfCheck(single, 'C')} courseSlug="a" lessonSlug="l1" />);
    expect(out).toContain('role="status"');
    expect(out).toContain('回答正确');
    expect(out).toContain('C. 制定央行货币政策');
    expect(out).toContain(single.explanation);
    expect(out).not.toContain('<details');
    expect(out).not.toContain('重做');
  });

  it('SelfCheckResult after a wrong answer folds the key under 查看解析 and offers 重做', async () => {
    const out = await html(<SelfCheckResult entry={single} grade={gradeSelfCheck(single, 'A')} courseSlug="a" lessonSlug="l1" />);
    expect(out).toContain('回答错误');
    expect(out).toContain('A. 市场分析');
    // The key and the explanation are only inside the closed <details>.
    const [before, folded] = out.split('<details class="self-check-key"><summary>查看解析</summary>');
    expect(before).not.toContain('C. 制定央行货币政策');
    expect(folded!.split('</details>')[0]).toContain('C. 制定央行货币政策');
    expect(folded!.split('</details>')[0]).toContain(single.explanation);
    expect(out).toContain('hx-get="/courses/a/l1/self-check/role-1"');
    expect(out).toContain('>重做</button>');
  });
});

describe('renderLessonBody', () => {
  it('renders a whole lesson with no self-check answer in the page', async () => {
    const c = await loadCatalog({ coursesDir: GOOD, cacheDir: tempDir(), production: false });
    const page = String(await renderLessonBody(c, 'intro', '01-welcome'));
    expect(page).toContain('<h2 id="section-2">！！！</h2>');
    expect(page).toContain('hx-post="/courses/intro/01-welcome/self-check/welcome-1"');
    expect(page).toContain('src="/media/intro/diagram.svg"');
    expect(page).not.toContain('货币政策由中央银行制定');
    expect(page).not.toContain('交易所不是银行产品');
    expect(renderLessonBody(c, 'intro', 'nope')).toBeUndefined();
    // Embedded in a page it stays HTML (already escaped), not text.
    const wrapped = await html(<main>{renderLessonBody(c, 'intro', '02-tools')}</main>);
    expect(wrapped).toMatch(/^<main><h2 id="要点">要点<\/h2>/);
    expect(findSelfCheck(c, 'intro', '01-welcome', 'welcome-2')?.answer).toBe('ABD');
  });

  it('evaluates the compiled code once per content hash, not per request', async () => {
    const c = await loadCatalog({ coursesDir: GOOD, cacheDir: tempDir(), production: false });
    await renderLessonBody(c, 'intro', '02-tools');
    const before = renderCounters.evaluated;
    for (let i = 0; i < 5; i++) await renderLessonBody(c, 'intro', '02-tools');
    expect(renderCounters.evaluated).toBe(before);
  });
});
