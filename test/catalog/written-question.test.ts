import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadQuestionBank } from '../../src/catalog/question-bank.js';
import { bankBreaches, bankStats } from '../../src/catalog/bank-quality.js';
import { DEFAULT_BANK_RULES } from '../../src/catalog/bank-rules.js';
import { tempDir } from '../helpers/temp.js';
import { writtenQuestion } from '../helpers/written.js';

const objective = { id: 'ca-001', type: 'truefalse', lesson: 'l1', topic: 't', difficulty: 3, stem: '判断', answer: true, explanation: '因为' };

function bankWith(...questions: unknown[]) {
  const file = path.join(tempDir('written-bank-'), 'questions.yaml');
  fs.writeFileSync(file, stringify({ course: 'ca', questions }));
  return loadQuestionBank(file, { courseCode: 'ca', lessons: ['l1'] });
}

const messages = (b: ReturnType<typeof bankWith>) => b.problems.map((p) => `${p.line}: ${p.message}`);

describe('written questions in questions.yaml', () => {
  it('a well-formed written question loads beside objective ones', () => {
    const b = bankWith(objective, writtenQuestion());
    expect(b.problems).toEqual([]);
    expect(b.bank!.questions.map((q) => q.type)).toEqual(['truefalse', 'written']);
  });

  it('points must equal the sum of each criterion’s highest level, named on the points line', () => {
    const b = bankWith(writtenQuestion({ points: 12 }));
    expect(messages(b)).toEqual([expect.stringMatching(/^\d+: .*points.*12.*add up to 10/)]);
    const line =
      fs
        .readFileSync(b.file, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('points: 12')) + 1;
    expect(b.problems[0]!.line).toBe(line);
  });

  it('levels rise strictly from 0 with distinct descriptions; 2–8 criteria; 2–6 levels', () => {
    const rubric = [
      {
        criterion: 'A',
        levels: [
          { points: 1, description: 'x' },
          { points: 1, description: 'x' },
        ],
      },
      { criterion: 'B', levels: [{ points: 0, description: 'y' }] },
    ];
    const m = messages(bankWith(writtenQuestion({ rubric, points: 5 })));
    expect(m.some((s) => /first level must be worth 0/.test(s))).toBe(true);
    expect(m.some((s) => /points rise strictly/.test(s))).toBe(true);
    expect(m.some((s) => /repeats the description/.test(s))).toBe(true);
    expect(m.some((s) => /levels needs at least 2 item/.test(s))).toBe(true);
    expect(messages(bankWith(writtenQuestion({ rubric: [writtenQuestion().rubric[0]], points: 6 }))).some((s) => /rubric needs at least 2 item/.test(s))).toBe(
      true,
    );
  });

  it('words, stem, model answer and kind have limits; choice keys are refused', () => {
    const m = messages(
      bankWith(
        writtenQuestion({
          words: { min: 800, max: 300 },
          stem: '题'.repeat(6001),
          modelAnswer: '太短',
          kind: 'memo',
          options: ['a', 'b'],
          answer: 'A',
          explanation: 'e',
        }),
      ),
    );
    for (const re of [
      /words.min must be less than words.max/,
      /stem must be at most 6000 characters, got 6001/,
      /modelAnswer must be at least 100 characters, got 2/,
      /kind must be one of "short", "essay", "case", "task"/,
      /options/,
      /answer/,
      /explanation/,
    ]) {
      expect(
        m.some((s) => re.test(s)),
        String(re),
      ).toBe(true);
    }
    expect(messages(bankWith(writtenQuestion({ words: { min: 100, max: 3001 } }))).some((s) => /words\.max/.test(s))).toBe(true);
  });

  it('written ids are the course prefix + "-w" + two digits', () => {
    expect(messages(bankWith(writtenQuestion({ id: 'ca-101' })))).toEqual([expect.stringMatching(/ca-101 should be ca-wNN/)]);
  });

  it('written questions count apart from the objective targets, with their own minimum', () => {
    const stats = bankStats(bankWith(objective, writtenQuestion()).bank!.questions);
    expect(stats.questions).toBe(1);
    expect(stats.written).toBe(1);
    expect(stats.byBand).toEqual({ easy: 0, medium: 1, hard: 0 });
    const rules = { ...DEFAULT_BANK_RULES, minQuestionsPerCourse: 1, minQuestionsPerLesson: 1, difficultyTolerancePoints: 100 };
    expect(bankBreaches(stats, ['l1'], rules, false).map((b) => b.rule)).toEqual([]);
    expect(bankBreaches(stats, ['l1'], rules, true).map((b) => b.rule)).toEqual(['written']);
  });
});
