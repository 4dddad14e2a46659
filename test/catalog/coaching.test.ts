// Exam coaching (考前辅导) as `bcm validate` checks it: a level's coaching course is a course folder
// like the others, its lessons add up to examCoachingHours, it is never also a study course, and
// it needs no question bank of its own.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { summaryLine } from '../../src/catalog/bank-report.js';
import { checkCourses, formatProblems, validateCourses } from '../../src/catalog/validate.js';
import { COACHING, copyFixture, edit, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const problemLines = async (dir: string) =>
  formatProblems(await validateCourses(dir, { cacheDir: tempDir() }), dir)
    .split('\n')
    .filter(Boolean);

describe('exam coaching courses in bcm validate', () => {
  it('accepts a coaching course whose lessons add up to examCoachingHours, without a question bank', async () => {
    const result = await checkCourses(COACHING, { cacheDir: tempDir() });
    expect(result.problems).toEqual([]);
    const prep = result.banks.find((r) => r.slug === 'prep')!;
    expect(summaryLine(prep)).toBe('prep: 1/1 lessons written, exam coaching, no question bank');
  });

  it('reports coaching lessons that do not add up to examCoachingHours, at the level', async () => {
    const dir = copyFixture(COACHING);
    edit(path.join(dir, 'programme.yaml'), (t) => t.replace('examCoachingHours: 1', 'examCoachingHours: 8'));
    expect(await problemLines(dir)).toEqual(['programme.yaml:16:5 levels[0].coaching (basic): prep lessons add up to 1 hours but examCoachingHours is 8']);
  });

  it('refuses a coaching course that is also a study course', async () => {
    const dir = copyFixture(COACHING);
    edit(path.join(dir, 'programme.yaml'), (t) => t.replace('coaching: prep', 'coaching: intro'));
    expect(await problemLines(dir)).toEqual([
      // prep is no longer anyone's coaching course, so it needs a bank like any course
      'prep/questions.yaml:1:1 prep has no questions.yaml',
      'programme.yaml:16:5 levels[0].coaching: intro is also a study course of level basic; a coaching course cannot count as study hours',
      'programme.yaml:16:5 levels[0].coaching (basic): intro lessons add up to 3 hours but examCoachingHours is 1',
    ]);
  });

  it('refuses a coaching course missing from the top-level courses list', async () => {
    const dir = copyFixture(COACHING);
    edit(path.join(dir, 'programme.yaml'), (t) => t.replace('  - prep\n', ''));
    expect(await problemLines(dir)).toEqual(['programme.yaml:15:5 levels[0].coaching: prep is not in the top-level courses list']);
  });

  it('still requires a question bank of every study course', async () => {
    const dir = copyFixture(COACHING);
    fs.rmSync(path.join(dir, 'intro', 'questions.yaml'));
    expect(await problemLines(dir)).toEqual(['intro/questions.yaml:1:1 intro has no questions.yaml']);
  });
});
