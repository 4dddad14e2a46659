// The pure parts of the bank rules: what counts as the longest key, a repeated stem, a band, and
// where each threshold's boundary lies (at the limit passes, one question past it fails).
import { describe, expect, it } from 'vitest';
import { type BankRuleId, bankBreaches, bankStats, difficultyBand, keyIsUniqueLongest, normaliseStem, percent } from '../../src/catalog/bank-quality.js';
import { DEFAULT_BANK_RULES } from '../../src/catalog/bank-rules.js';
import type { Question } from '../../src/catalog/question-bank.js';

const EVEN = ['甲甲', '乙乙', '丙丙', '丁丁'];
let n = 0;
function single(answer: string, options = EVEN, difficulty = 2): Question {
  return { id: `T-${++n}`, type: 'single', stem: `题${n}`, options, answer, explanation: 'e', difficulty, lesson: 'l', topic: 't' };
}
function truefalse(difficulty: number): Question {
  return { id: `T-${++n}`, type: 'truefalse', stem: `题${n}`, answer: true, explanation: 'e', difficulty, lesson: 'l', topic: 't' };
}
const rules = (over: Partial<typeof DEFAULT_BANK_RULES> = {}) => ({ ...DEFAULT_BANK_RULES, minQuestionsPerCourse: 0, ...over });
/** The messages of one rule's breaches (the other rules' are checked in their own tests). */
const breaches = (rule: BankRuleId, qs: Question[]) =>
  bankBreaches(bankStats(qs), [], rules())
    .filter((b) => b.rule === rule)
    .map((b) => b.message);
/** Ten singles keyed A,A,A,A,B,C,C,C,D,D (40/10/30/20%): every letter at or inside its limits. */
const spread = () => [...'AAAABCCCDD'].map((a) => single(a));

describe('keyIsUniqueLongest', () => {
  it('is true only when the key is longer than every other option, counting characters', () => {
    expect(keyIsUniqueLongest(['短', '最长的一个', '中等长'], 'B')).toBe(true);
    expect(keyIsUniqueLongest(['一样长', '一样长', '短'], 'A')).toBe(false);
    expect(keyIsUniqueLongest(['😀😀', 'ab'], 'A')).toBe(false); // two characters each, though 4 and 2 UTF-16 units
    expect(keyIsUniqueLongest(['  甲  ', '乙乙'], 'A')).toBe(false); // outer spaces are not length
  });
});

describe('normaliseStem', () => {
  it('ignores spacing, punctuation and full-width forms', () => {
    expect(normaliseStem('下列说法，正确的是？')).toBe(normaliseStem('下列说法 正确的是?'));
    expect(normaliseStem('ＤＴＩ 是多少？')).toBe(normaliseStem('dti是多少'));
    expect(normaliseStem('存款保险限额50万')).not.toBe(normaliseStem('存款保险限额60万'));
  });
});

describe('bands and rates', () => {
  it('bands difficulty 1–2 as easy, 3 as medium, 4–5 as hard (the scale the imports use too)', () => {
    expect([1, 2, 3, 4, 5].map(difficultyBand)).toEqual(['easy', 'easy', 'medium', 'hard', 'hard']);
  });

  it('prints shares with one decimal, so 35.4% is never shown as 35%', () => {
    expect(percent(1, 3)).toBe('33.3%');
    expect(percent(2, 5)).toBe('40%');
  });

  it('allows a key letter at exactly 10% and 40%, not one key past', () => {
    expect(breaches('keyLetters', spread())).toEqual([]);
    const over = spread();
    over[4] = single('A'); // A 50%, B 0%
    expect(breaches('keyLetters', over)).toEqual([
      'single choice: key A in 50% (5 of 10), allowed 10–40%',
      'single choice: key B in 0% (0 of 10), allowed 10–40%',
    ]);
  });

  it('allows the longest option as key in exactly 35% of single choice', () => {
    const long = ['甲', '乙', '丙', '丁丁丁丁'];
    const bank = [...spread(), ...spread()]; // 20 singles, none with a long key
    for (let i = 0; i < 7; i++) bank[i] = single('D', long);
    expect(breaches('keyLongest', bank)).toEqual([]);
    bank[7] = single('D', long);
    expect(breaches('keyLongest', bank)).toEqual(['single choice: the key is the one longest option in 40% (8 of 20), at most 35% allowed']);
  });

  it('allows a difficulty band exactly 15 points off its target, not one question more', () => {
    const mix = (easy: number, medium: number, hard: number) => [
      ...Array.from({ length: easy }, () => truefalse(1)),
      ...Array.from({ length: medium }, () => truefalse(3)),
      ...Array.from({ length: hard }, () => truefalse(5)),
    ];
    expect(breaches('difficulty', mix(3, 13, 4))).toEqual([]); // 15 / 65 / 20
    expect(breaches('difficulty', mix(2, 14, 4))).toEqual([
      // 10 / 70 / 20
      'difficulty: easy (易/较易, 1–2) is 10% (2 of 20), target 30% ± 15',
      'difficulty: medium (中, 3) is 70% (14 of 20), target 50% ± 15',
    ]);
  });

  it('counts a case once and its parts among single and multiple choice', () => {
    const kase: Question = {
      id: 'C-1',
      type: 'case',
      stem: '案例',
      difficulty: 5,
      lesson: 'l',
      topic: 't',
      parts: [
        { id: 'C-1a', type: 'single', stem: 'a', options: ['短', '很长的选项'], answer: 'B', explanation: 'e' },
        { id: 'C-1b', type: 'multiple', stem: 'b', options: ['x', 'y', 'z'], answer: 'ABC', explanation: 'e' },
        { id: 'C-1c', type: 'multiple', stem: 'c', options: ['x', 'y', 'z'], answer: 'AC', explanation: 'e' },
      ],
    };
    const stats = bankStats([kase]);
    expect(stats).toMatchObject({
      questions: 1,
      caseParts: 3,
      byBand: { hard: 1 },
      single: { count: 1, keyLongest: 1 },
      multiple: { count: 2, allKeyed: 1, twoKeyed: 1 },
    });
    expect(stats.byLesson.get('l')).toBe(1);
  });
});
