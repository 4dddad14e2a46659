import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblems, validateCourses } from '../../src/catalog/validate.js';
import { BROKEN, GOOD, copyFixture, edit, tempDir, removeTempDirs } from './helpers.js';

afterAll(removeTempDirs);

describe('validateCourses', () => {
  it('finds nothing wrong in the good fixture', async () => {
    expect(await validateCourses(GOOD, { cacheDir: tempDir() })).toEqual([]);
  });

  it('reports every kind of problem in the broken fixture as path:line:column lines', async () => {
    const problems = await validateCourses(BROKEN, { cacheDir: tempDir() });
    const lines = formatProblems(problems, BROKEN).split('\n');
    expect(lines).toEqual([
      'programme.yaml:8:5 levels[0] (only): lessons add up to 2 hours but studyHours is 10 (steady 2)',
      'shaky/01-bad-frontmatter.mdx:2:1 frontmatter.objectives is required (array)',
      'shaky/01-bad-frontmatter.mdx:3:1 frontmatter.hours must be > 0, got 0',
      'shaky/01-bad-frontmatter.mdx:4:23 frontmatter.modes[1] must be one of "face-to-face", "remote", "self-study", got "classroom"',
      'shaky/01-bad-frontmatter.mdx:5:1 frontmatter.status must be one of "full", "outline", got "draft"',
      'shaky/01-bad-frontmatter.mdx:10:5 frontmatter.selfCheck[0].answer: letter C has no option (2 options: A–B)',
      'shaky/02-bad-syntax.mdx:11:5 MDX: Unexpected end of file in expression, expected a corresponding closing brace for `{`. MDX reads { … } as a JavaScript expression; for a brace in the text write full-width ｛ ｝ or escape it as \\{ \\}',
      'shaky/03-bad-body.mdx:17:1 unknown component <Quiz>',
      'shaky/03-bad-body.mdx:19:1 <SelfCheck id="nope"> has no selfCheck entry with that id in the frontmatter',
      'shaky/03-bad-body.mdx:21:1 <Callout type="danger"> must be one of tip, warning, regulation',
      'shaky/03-bad-body.mdx:23:1 media file ./media/missing.svg does not exist',
      'shaky/03-bad-body.mdx:25:1 <Figure> needs alt="…"',
      'shaky/03-bad-body.mdx:27:1 media file ./media/gone.png does not exist',
      'shaky/03-bad-body.mdx:29:3 link /courses/shaky/99-nope: course shaky has no lesson 99-nope',
      'shaky/03-bad-body.mdx:29:35 link /levels/nowhere: no level nowhere',
      'shaky/03-bad-body.mdx:29:63 link /courses/ghost: no course ghost',
      'shaky/05-unlisted.mdx:1:1 05-unlisted.mdx is not listed in shaky/course.yaml lessons',
      'shaky/course.yaml:8:5 lessons[3]: 04-missing.mdx does not exist',
      'shaky/questions.yaml:2:1 questions: 1 question(s), at least 2 needed',
      'shaky/questions.yaml:2:1 questions: lesson 03-bad-body has 0 question(s), at least 1 needed',
      'shaky/questions.yaml:7:5 questions[0].answer: letter D has no option (2 options: A–B)',
      `shaky/questions.yaml:12:5 id BRK-101-001 is already used (${path.relative(process.cwd(), path.join(BROKEN, 'shaky/questions.yaml'))}:3)`,
      'shaky/questions.yaml:18:5 questions[1].lesson: 09-nowhere is not a lesson in course.yaml',
      'shaky/questions.yaml:21:5 questions[2].type: must be one of single, multiple, truefalse, case, written',
      'steady/questions.yaml:2:1 questions: 1 question(s), at least 2 needed',
      'steady/questions.yaml:3:5 questions[0].id: BRK-101-001 should be BRK-102-NNN',
      `steady/questions.yaml:3:5 id BRK-101-001 is already used (${path.relative(process.cwd(), path.join(BROKEN, 'shaky/questions.yaml'))}:3)`,
      `steady/questions.yaml:5:5 questions[0].stem: BRK-101-001 repeats the stem of BRK-101-001 (${path.relative(process.cwd(), path.join(BROKEN, 'shaky/questions.yaml'))}:14)`,
      'steady/questions.yaml:9:5 questions[0].lesson: 01-fine is an outline (status: outline); a question needs a written lesson',
    ]);
  });

  it("applies issue 14's bank rules when programme.yaml relaxes none", async () => {
    const dir = copyFixture(GOOD);
    edit(path.join(dir, 'programme.yaml'), (t) => t.replace(/\n# Banks of one[\s\S]*$/, '\n'));
    const lines = formatProblems(await validateCourses(dir, { cacheDir: tempDir() }), dir).split('\n');
    expect(lines).toEqual([
      'advanced/questions.yaml:2:1 questions: 1 question(s), at least 120 needed',
      'advanced/questions.yaml:2:1 questions: lesson 01-deep-dive has 1 question(s), at least 10 needed',
      'advanced/questions.yaml:2:1 single choice: the key is the one longest option in 100% (1 of 1), at most 35% allowed',
      'advanced/questions.yaml:2:1 single choice: key A in 100% (1 of 1), allowed 10–40%',
      'advanced/questions.yaml:2:1 single choice: key B in 0% (0 of 1), allowed 10–40%',
      'advanced/questions.yaml:2:1 single choice: key C in 0% (0 of 1), allowed 10–40%',
      'advanced/questions.yaml:2:1 single choice: key D in 0% (0 of 1), allowed 10–40%',
      'advanced/questions.yaml:2:1 difficulty: easy (易/较易, 1–2) is 0% (0 of 1), target 30% ± 15',
      'advanced/questions.yaml:2:1 difficulty: medium (中, 3) is 100% (1 of 1), target 50% ± 15',
      'advanced/questions.yaml:2:1 difficulty: hard (较难/难, 4–5) is 0% (0 of 1), target 20% ± 15',
      'intro/questions.yaml:2:1 questions: 4 question(s), at least 120 needed',
      'intro/questions.yaml:2:1 questions: lesson 01-welcome has 4 question(s), at least 10 needed',
      'intro/questions.yaml:2:1 single choice: the key is the one longest option in 50% (1 of 2), at most 35% allowed',
      'intro/questions.yaml:2:1 single choice: key A in 50% (1 of 2), allowed 10–40%',
      'intro/questions.yaml:2:1 single choice: key B in 50% (1 of 2), allowed 10–40%',
      'intro/questions.yaml:2:1 single choice: key C in 0% (0 of 2), allowed 10–40%',
      'intro/questions.yaml:2:1 single choice: key D in 0% (0 of 2), allowed 10–40%',
      'intro/questions.yaml:2:1 difficulty: easy (易/较易, 1–2) is 50% (2 of 4), target 30% ± 15',
      'intro/questions.yaml:2:1 difficulty: medium (中, 3) is 25% (1 of 4), target 50% ± 15',
    ]);
  });

  it('formats paths relative to the working directory', () => {
    const out = formatProblems([{ path: path.join(process.cwd(), 'courses', 'a.mdx'), line: 3, column: 7, message: 'm' }]);
    expect(out).toBe(`${path.join('courses', 'a.mdx')}:3:7 m`);
  });
});
