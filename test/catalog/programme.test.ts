import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProgramme, programmeFileProblems } from '../../src/catalog/programme.js';
import { validateCourses } from '../../src/catalog/validate.js';
import { CACHE_DIR } from '../helpers/app.js';
import { copyFixture, edit, GOOD, REAL_COURSES, tempDir, removeTempDirs } from './helpers.js';

afterAll(removeTempDirs);

describe('programme.yaml and course.yaml', () => {
  it('loads levels and courses into typed objects, in file order', () => {
    const pf = loadProgramme(GOOD);
    expect(programmeFileProblems(pf)).toEqual([]);
    const p = pf.programme!;
    expect(p.minimumTrainingHours).toBe(3);
    expect(p.levels.map((l) => l.id)).toEqual(['basic', 'full']);
    expect(p.levels[1]).toMatchObject({
      name: { zh: '完整级', en: 'Full' },
      studyHours: 5,
      courses: ['intro', 'advanced'],
      credit: { fromLevel: 'basic', courses: ['intro'] },
      modeMinimums: { faceToFace: 2, remote: null, selfStudy: null },
      eligibility: { noMajorViolation: true },
    });
    expect([...p.courses.keys()]).toEqual(['intro', 'advanced']);
    const intro = p.courses.get('intro')!;
    expect(intro).toMatchObject({ slug: 'intro', code: 'TST-101', title: { zh: '入门课程', en: 'Introduction' } });
    expect(intro.lessons.map((l) => [l.slug, l.index, path.basename(l.file)])).toEqual([
      ['01-welcome', 0, '01-welcome.mdx'],
      ['02-tools', 1, '02-tools.mdx'],
    ]);
  });

  it('reports a schema error at the offending key, naming the field', () => {
    const dir = copyFixture(GOOD);
    edit(path.join(dir, 'programme.yaml'), (t) => t.replace('studyHours: 3', 'studyHours: many'));
    const pf = loadProgramme(dir);
    expect(pf.programme).toBeUndefined();
    expect(pf.problems).toEqual([
      { path: path.join(dir, 'programme.yaml'), line: 11, column: 5, message: 'levels[0].studyHours must be a number, got "many"' },
    ]);
  });

  it('reports YAML syntax errors with a line and column', () => {
    const dir = copyFixture(GOOD);
    edit(path.join(dir, 'intro', 'course.yaml'), (t) => t.replace('code: TST-101', 'code: [TST-101'));
    const pf = loadProgramme(dir);
    const problems = programmeFileProblems(pf);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: path.join(dir, 'intro', 'course.yaml'), line: expect.any(Number), column: expect.any(Number) });
    expect(problems[0]!.message).toMatch(/^YAML: /);
    expect([...pf.programme!.courses.keys()]).toEqual(['advanced']); // the other course still loads
  });

  it('checks references between levels, courses and credit', () => {
    const dir = copyFixture(GOOD);
    edit(path.join(dir, 'programme.yaml'), (t) =>
      t
        .replace('courses: [intro]\n    modeMinimums', 'courses: [intro, nowhere]\n    modeMinimums')
        .replace('fromLevel: basic', 'fromLevel: full')
        .replace('{ certificate: basic }', '{ certificate: gold }'),
    );
    const messages = loadProgramme(dir).problems.map((p) => `${p.line}:${p.column} ${p.message}`);
    expect(messages).toEqual([
      '14:22 levels[0].courses: nowhere is not in the top-level courses list',
      '32:13 levels[1].eligibility.anyOf[1].certificate: gold is not a level id',
      '27:15 levels[1].credit.fromLevel: full is not another level',
    ]);
  });

  it("fails a level whose lessons don't add up to its studyHours, on the level's line", async () => {
    const dir = copyFixture(GOOD);
    edit(path.join(dir, 'programme.yaml'), (t) => t.replace('studyHours: 5', 'studyHours: 6'));
    const problems = await validateCourses(dir, { cacheDir: tempDir() });
    expect(problems).toEqual([
      {
        path: path.join(dir, 'programme.yaml'),
        line: 21, // `- id: full`
        column: 5,
        message: 'levels[1] (full): lessons add up to 5 hours but studyHours is 6 (intro 3, advanced 2)',
      },
    ]);
  });

  const hasRealContent = fs.existsSync(REAL_COURSES) && fs.readdirSync(REAL_COURSES).some((d) => fs.existsSync(path.join(REAL_COURSES, d, 'course.yaml')));

  it.skipIf(!hasRealContent)(
    'the real courses/programme.yaml loads and every level adds up',
    async () => {
      const pf = loadProgramme(REAL_COURSES);
      expect(pf.problems).toEqual([]);
      expect(pf.programme!.levels.map((l) => l.id)).toEqual(['assistant', 'retail', 'corporate', 'senior']);
      // The compile cache the app tests share (keyed by each lesson's content and compiler).
      const problems = await validateCourses(REAL_COURSES, { cacheDir: CACHE_DIR });
      expect(problems.filter((p) => p.message.includes('studyHours'))).toEqual([]);
    },
    120_000,
  );
});
