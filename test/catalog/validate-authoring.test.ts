// `bcm validate` on the mistakes authors make while writing a lesson: each fixture in
// test/fixtures/lessons-authoring/ takes the place of intro/02-tools.mdx in a copy of courses-good.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblems, validateCourses } from '../../src/catalog/validate.js';
import { FIXTURES, GOOD, copyFixture, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const AUTHORING = path.join(FIXTURES, 'lessons-authoring');
const cacheDir = tempDir();

/** `bcm validate` lines for courses-good with intro/02-tools.mdx replaced by `fixture`. */
async function validateWith(fixture: string): Promise<string[]> {
  const dir = copyFixture(GOOD);
  fs.copyFileSync(path.join(AUTHORING, fixture), path.join(dir, 'intro', '02-tools.mdx'));
  const problems = await validateCourses(dir, { cacheDir });
  return formatProblems(problems, dir).split('\n').filter(Boolean);
}

const BRACE_HINT = 'MDX reads { … } as a JavaScript expression; for a brace in the text write full-width ｛ ｝ or escape it as \\{ \\}';

describe('bcm validate, for lesson authors', () => {
  it('places an unclosed <Callout> at its own line below a long frontmatter, not at 0:1', async () => {
    expect(await validateWith('unclosed-callout.mdx')).toEqual(['intro/02-tools.mdx:38:1 MDX: Expected a closing tag for `<Callout>` (38:1-38:36)']);
  });

  it('explains a bare { in prose that does not parse, pointing at the brace itself', async () => {
    expect(await validateWith('bare-brace-unparsable.mdx')).toEqual([`intro/02-tools.mdx:11:10 MDX: Could not parse expression with acorn. ${BRACE_HINT}`]);
  });

  it('reports braces around words, which compile but fail when the page renders', async () => {
    expect(await validateWith('bare-brace.mdx')).toEqual([
      `intro/02-tools.mdx:11:8 MDX: {年份} is not text. ${BRACE_HINT}`,
      `intro/02-tools.mdx:11:13 MDX: {序号} is not text. ${BRACE_HINT}`,
      `intro/02-tools.mdx:13:7 MDX: {客户号} is not text. ${BRACE_HINT}`,
    ]);
  });

  it('checks relative lesson links, by file name or by address, each at its own line', async () => {
    expect(await validateWith('relative-links.mdx')).toEqual([
      'intro/02-tools.mdx:13:1 link ./99-missing.mdx: course intro has no lesson 99-missing',
      'intro/02-tools.mdx:15:4 link ../other-course/01-x.mdx: no course other-course',
      'intro/02-tools.mdx:15:39 link ../../notes.mdx is not a lesson file: link one as ./NN-slug.mdx or ../<course>/NN-slug.mdx',
      'intro/02-tools.mdx:17:28 link ./98-gone: course intro has no lesson 98-gone',
    ]);
  });

  it('reports a frontmatter error and the body’s syntax error together', async () => {
    expect(await validateWith('frontmatter-and-syntax.mdx')).toEqual([
      'intro/02-tools.mdx:3:1 frontmatter.hours must be > 0, got 0',
      `intro/02-tools.mdx:11:10 MDX: Unexpected end of file in expression, expected a corresponding closing brace for \`{\`. ${BRACE_HINT}`,
    ]);
  });

  it('still checks the components and links of a body whose frontmatter is broken', async () => {
    expect(await validateWith('frontmatter-and-body.mdx')).toEqual([
      'intro/02-tools.mdx:5:21 frontmatter.modes[1] must be one of "face-to-face", "remote", "self-study", got "classroom"',
      'intro/02-tools.mdx:11:1 unknown component <Quiz>',
      'intro/02-tools.mdx:13:1 link ./99-missing.mdx: course intro has no lesson 99-missing',
    ]);
  });
});
