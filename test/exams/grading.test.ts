import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/catalog/question-bank.js';
import { gradePaper, itemOutcomes, normaliseLetters, passes, scoreAnswer, scoreMultiple, scoreSingle, scoreTrueFalse } from '../../src/exams/grading.js';
import { displayAnswer, displayPicks, encodePicks } from '../../src/exams/answers.js';
import { acceptsAnswers, deadlineFor, GRACE_MS, isOverdue, submitReason } from '../../src/exams/clock.js';
import { paperSlots, type Paper } from '../../src/exams/types.js';

// The grading rules and the deadline rules, as pure functions.

describe('single choice and true/false', () => {
  it('score full points only for the exact answer', () => {
    expect(scoreSingle('B', 'B', 1)).toBe(1);
    expect(scoreSingle('B', 'b', 1)).toBe(1);
    expect(scoreSingle('B', 'C', 1)).toBe(0);
    expect(scoreSingle('B', '', 1)).toBe(0);
    expect(scoreTrueFalse(true, 'true', 1)).toBe(1);
    expect(scoreTrueFalse(false, 'true', 1)).toBe(0);
    expect(scoreTrueFalse(false, '', 1)).toBe(0);
  });
});

describe('multiple choice', () => {
  it('all-or-nothing: only exactly the key’s letters score, in any order', () => {
    expect(scoreMultiple('ACD', 'DCA', 2, 'allOrNothing')).toBe(2);
    expect(scoreMultiple('ACD', 'AC', 2, 'allOrNothing')).toBe(0);
    expect(scoreMultiple('ACD', 'ABCD', 2, 'allOrNothing')).toBe(0);
    expect(scoreMultiple('ACD', '', 2, 'allOrNothing')).toBe(0);
  });

  it('partial credit: proportional to right picks, zero for any wrong pick', () => {
    expect(scoreMultiple('ACD', 'ACD', 2, 'partial')).toBe(2);
    expect(scoreMultiple('ACD', 'AC', 2, 'partial')).toBe(1.33);
    expect(scoreMultiple('ACD', 'A', 3, 'partial')).toBe(1);
    expect(scoreMultiple('ABCD', 'AB', 2, 'partial')).toBe(1);
    expect(scoreMultiple('ACD', 'AB', 2, 'partial')).toBe(0);
    expect(scoreMultiple('ACD', 'ABCD', 2, 'partial')).toBe(0);
    expect(scoreMultiple('ACD', '', 2, 'partial')).toBe(0);
  });

  it('normalises letters (case, repeats, order)', () => {
    expect(normaliseLetters('dcaA')).toBe('ACD');
    expect(scoreAnswer({ type: 'multiple', answer: 'AC' }, 'ca', 2, 'allOrNothing')).toBe(2);
  });
});

const bank: Record<string, Question> = {
  S1: { id: 'S1', type: 'single', stem: 's', options: ['a', 'b', 'c', 'd'], answer: 'B', explanation: 'e', difficulty: 1, lesson: 'l', topic: 't' },
  M1: { id: 'M1', type: 'multiple', stem: 'm', options: ['a', 'b', 'c', 'd'], answer: 'ACD', explanation: 'e', difficulty: 1, lesson: 'l', topic: 't' },
  T1: { id: 'T1', type: 'truefalse', stem: 't', answer: false, explanation: 'e', difficulty: 1, lesson: 'l', topic: 't' },
  C1: {
    id: 'C1',
    type: 'case',
    stem: 'case',
    difficulty: 3,
    lesson: 'l',
    topic: 't',
    parts: [
      { id: 'C1a', type: 'single', stem: 'p1', options: ['a', 'b', 'c'], answer: 'C', explanation: 'e' },
      { id: 'C1b', type: 'multiple', stem: 'p2', options: ['a', 'b', 'c'], answer: 'AB', explanation: 'e' },
    ],
  },
};

const paper = (scoring: Paper['scoring']): Paper => ({
  v: 1,
  scoring,
  passPercent: 60,
  review: { answers: true, explanations: true },
  items: [
    { key: 'S1', course: 'x', type: 'single', points: 1, order: [3, 2, 1, 0] },
    { key: 'M1', course: 'x', type: 'multiple', points: 2, order: [0, 1, 2, 3] },
    { key: 'T1', course: 'y', type: 'truefalse', points: 1 },
    {
      key: 'C1',
      course: 'y',
      type: 'case',
      points: 0,
      parts: [
        { id: 'C1a', type: 'single', points: 2, order: [2, 0, 1] },
        { id: 'C1b', type: 'multiple', points: 2, order: [0, 1, 2] },
      ],
    },
  ],
});

describe('grading a paper', () => {
  const answers = new Map([
    ['S1', 'B'],
    ['M1', 'AC'],
    ['T1', 'false'],
    ['C1/C1a', 'C'],
    ['C1/C1b', 'A'],
  ]);

  it('adds up by course and by type, case parts under case', () => {
    const r = gradePaper(paper('allOrNothing'), (k) => bank[k], answers);
    expect(r).toMatchObject({ score: 4, max: 8, percent: 50, passed: false, withdrawn: [] });
    expect(r.byCourse).toEqual({ x: { score: 1, max: 3 }, y: { score: 3, max: 5 } });
    expect(r.byType).toEqual({ single: { score: 1, max: 1 }, multiple: { score: 0, max: 2 }, truefalse: { score: 1, max: 1 }, case: { score: 2, max: 4 } });
  });

  it('applies partial credit to multiple choice and to case parts', () => {
    const r = gradePaper(paper('partial'), (k) => bank[k], answers);
    // M1: 2 of 3 right → 1.33; C1b: 1 of 2 right → 1
    expect(r.score).toBe(6.33);
    expect(r.passed).toBe(true);
  });

  it('voids a question that left the bank: out of score and maximum', () => {
    const r = gradePaper(paper('allOrNothing'), (k) => (k === 'M1' ? undefined : bank[k]), answers);
    expect(r.max).toBe(6);
    expect(r.withdrawn).toEqual(['M1']);
  });

  it('marks an item right only if every part is right (for the wrong-answer notebook)', () => {
    const r = gradePaper(paper('partial'), (k) => bank[k], answers);
    const o = itemOutcomes(r);
    expect(o.get('S1')!.right).toBe(true);
    expect(o.get('M1')!.right).toBe(false);
    expect(o.get('C1')!.right).toBe(false);
  });

  it('passes at exactly the pass mark', () => {
    expect(passes(6, 10, 60)).toBe(true);
    expect(passes(5.99, 10, 60)).toBe(false);
    expect(passes(0, 0, 0)).toBe(false);
  });
});

describe('answers in display order and in stored form', () => {
  const slots = paperSlots(paper('allOrNothing'));
  it('stores the original letters of the displayed positions picked', () => {
    // S1 shows options in order D, C, B, A: position 2 is the original B.
    expect(encodePicks(slots[0]!, ['2'])).toBe('B');
    expect(encodePicks(slots[0]!, ['2', '1'])).toBeNull(); // two picks for a single choice
    expect(encodePicks(slots[0]!, ['7'])).toBeNull();
    expect(encodePicks(slots[1]!, ['3', '0', '2'])).toBe('ACD');
    expect(encodePicks(slots[2]!, ['false'])).toBe('false');
    expect(encodePicks(slots[2]!, ['maybe'])).toBeNull();
    expect(encodePicks(slots[0]!, [])).toBe('');
  });

  it('shows a stored answer as the trainee saw it', () => {
    expect([...displayPicks(slots[0]!, 'B')]).toEqual(['2']);
    expect(displayAnswer(slots[0]!, 'B', { yes: '正确', no: '错误' })).toBe('C');
    expect(displayAnswer(slots[3]!, 'C', { yes: '正确', no: '错误' })).toBe('A'); // C1a shows C first
    expect(displayAnswer(slots[2]!, 'false', { yes: '正确', no: '错误' })).toBe('错误');
  });
});

describe('deadline and grace', () => {
  const start = 1_000_000;
  const deadline = deadlineFor(start, 60, 15);

  it('adds the time limit and any extra time to the start', () => {
    expect(deadline).toBe(start + 75 * 60_000);
    expect(deadlineFor(start, 0.25, 0)).toBe(start + 15_000);
  });

  it('accepts answers up to the grace period after the deadline, not after', () => {
    expect(acceptsAnswers(deadline - 1, deadline)).toBe(true);
    expect(acceptsAnswers(deadline + GRACE_MS, deadline)).toBe(true);
    expect(acceptsAnswers(deadline + GRACE_MS + 1, deadline)).toBe(false);
    expect(isOverdue(deadline + GRACE_MS + 1, deadline)).toBe(true);
    expect(GRACE_MS).toBe(5000);
  });

  it('never closes untimed practice', () => {
    expect(acceptsAnswers(Number.MAX_SAFE_INTEGER, null)).toBe(true);
    expect(isOverdue(Number.MAX_SAFE_INTEGER, null)).toBe(false);
  });

  it('credits a submission at or after the deadline to the clock', () => {
    expect(submitReason(deadline - 1, deadline)).toBe('trainee');
    expect(submitReason(deadline, deadline)).toBe('deadline');
    expect(submitReason(deadline + 10, null)).toBe('trainee');
  });
});
