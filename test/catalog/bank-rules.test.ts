// The question-bank quality rules of `bcm validate` (issue 14), each broken once on a copy of the
// courses-banks fixture: two ten-question banks that meet every rule, with the counts scaled down
// in its programme.yaml and the rates left at their defaults.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProgramme } from '../../src/catalog/programme.js';
import { formatProblems, validateCourses } from '../../src/catalog/validate.js';
import { BANKS, copyFixture, edit, removeTempDirs, tempDir } from './helpers.js';

let cacheDir: string;
beforeAll(() => {
  cacheDir = tempDir();
});
afterAll(removeTempDirs);

/** `bcm validate`'s lines for a tree, paths relative to it. */
async function lines(dir: string): Promise<string[]> {
  return formatProblems(await validateCourses(dir, { cacheDir }), dir)
    .split('\n')
    .filter(Boolean);
}

/** A copy of the fixture with alpha's bank changed. */
function alphaWith(change: (bank: string) => string): string {
  const dir = copyFixture(BANKS);
  edit(path.join(dir, 'alpha', 'questions.yaml'), (t) => {
    const changed = change(t);
    if (changed === t) throw new Error('the edit changed nothing: the fixture moved');
    return changed;
  });
  return dir;
}

/** Removes one top-level question (its whole block) from a bank's text. */
const withoutQuestion = (id: string) => (t: string) => t.replace(new RegExp(`  - id: ${id}\\n(?:    .*\\n|      .*\\n)*`), '');

describe('bcm validate: question-bank rules', () => {
  it('passes two banks that meet every rule', async () => {
    expect(await lines(BANKS)).toEqual([]);
  });

  it('needs the minimum number of questions per course, a case counting once', async () => {
    const dir = alphaWith(withoutQuestion('TQA-101-008'));
    expect(await lines(dir)).toEqual(['alpha/questions.yaml:2:1 questions: 9 question(s), at least 10 needed']);
  });

  it('needs the minimum number of questions on every written lesson', async () => {
    const dir = alphaWith((t) => t.replace('lesson: 02-practice', 'lesson: 01-basics').replace('lesson: 02-practice', 'lesson: 01-basics'));
    expect(await lines(dir)).toEqual(['alpha/questions.yaml:2:1 questions: lesson 02-practice has 3 question(s), at least 4 needed']);
  });

  it('refuses a question tied to an outline lesson, on that question’s line', async () => {
    const dir = alphaWith((t) => t.replace('    difficulty: 4\n    lesson: 02-practice', '    difficulty: 4\n    lesson: 03-outline'));
    expect(await lines(dir)).toEqual([
      'alpha/questions.yaml:80:5 questions[8].lesson: 03-outline is an outline (status: outline); a question needs a written lesson',
    ]);
  });

  it('caps single choice whose key is the one longest option, case parts included', async () => {
    const dir = alphaWith((t) => t.replace('[活期存款, 定期存款', '[可随时支取的活期存款, 定期存款'));
    expect(await lines(dir)).toEqual(['alpha/questions.yaml:2:1 single choice: the key is the one longest option in 50% (3 of 6), at most 35% allowed']);
  });

  it('does not count a key tied for longest', async () => {
    // 003's key keeps its 18 characters, but another option now has as many: 1 of 6 left.
    const dir = alphaWith((t) => t.replace('[加快放款, 减少工作,', '[加快放款并减少同一人营销审批的风险点, 减少工作,'));
    expect(await lines(dir)).toEqual([]);
  });

  it('keeps every key letter A–D within its share of single-choice keys', async () => {
    const dir = alphaWith((t) => t.replace('客户经理]\n    answer: D', '客户经理]\n    answer: A'));
    expect(await lines(dir)).toEqual([
      'alpha/questions.yaml:2:1 single choice: key A in 50% (3 of 6), allowed 10–40%',
      'alpha/questions.yaml:2:1 single choice: key D in 0% (0 of 6), allowed 10–40%',
    ]);
  });

  it('caps multiple choice keyed on all options', async () => {
    const dir = alphaWith((t) => t.replace('answer: ACD', 'answer: ABCD'));
    expect(await lines(dir)).toEqual(['alpha/questions.yaml:2:1 multiple choice: 33.3% (1 of 3) keyed on all options, at most 20% allowed']);
  });

  it('needs multiple choice keyed on exactly two options', async () => {
    const dir = alphaWith((t) => t.replace('answer: AB\n', 'answer: ABD\n'));
    expect(await lines(dir)).toEqual(['alpha/questions.yaml:2:1 multiple choice: 0% (0 of 3) keyed on exactly 2 options, at least 20% needed']);
  });

  it('keeps each difficulty band within the tolerance of its target (1–2 easy, 3 medium, 4–5 hard)', async () => {
    const dir = alphaWith((t) => t.replaceAll('difficulty: 1\n', 'difficulty: 5\n'));
    expect(await lines(dir)).toEqual([
      'alpha/questions.yaml:2:1 difficulty: easy (易/较易, 1–2) is 0% (0 of 10), target 30% ± 15',
      'alpha/questions.yaml:2:1 difficulty: hard (较难/难, 4–5) is 50% (5 of 10), target 20% ± 15',
    ]);
  });

  it('refuses a stem asked twice in one bank, whatever its spacing and punctuation, naming both ids', async () => {
    const dir = alphaWith((t) => t.replace('stem: 客户经理拜访前首先应做什么？', 'stem: "可以随时支取的 存款是?"'));
    const first = path.relative(process.cwd(), path.join(dir, 'alpha', 'questions.yaml'));
    expect(await lines(dir)).toEqual([`alpha/questions.yaml:14:5 questions[1].stem: TQA-101-002 repeats the stem of TQA-101-001 (${first}:5)`]);
  });

  it('refuses a stem asked in two banks, on the second', async () => {
    const dir = copyFixture(BANKS);
    edit(path.join(dir, 'beta', 'questions.yaml'), (t) => t.replace('stem: （乙课）可以随时支取的存款是？', 'stem: 可以随时支取的存款是：'));
    const first = path.relative(process.cwd(), path.join(dir, 'alpha', 'questions.yaml'));
    expect(await lines(dir)).toEqual([`beta/questions.yaml:5:5 questions[0].stem: TQB-102-001 repeats the stem of TQA-101-001 (${first}:5)`]);
  });
});

describe('programme.yaml bankRules', () => {
  it('rejects an unknown rule and targets that do not add up, at their lines', () => {
    const dir = copyFixture(BANKS);
    edit(path.join(dir, 'programme.yaml'), (t) =>
      t.replace('  minQuestionsPerLesson: 4', '  minQuestionPerLesson: 4\n  difficultyTargetPercent: { easy: 30, medium: 50, hard: 10 }'),
    );
    expect(loadProgramme(dir).problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '23:1 bankRules: unknown field(s) minQuestionPerLesson',
      '26:3 bankRules.difficultyTargetPercent: easy + medium + hard must be 100, got 90',
    ]);
  });
});
