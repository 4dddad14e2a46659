import { describe, expect, it } from 'vitest';
import type { Question } from '../../../src/catalog/question-bank.js';
import { gradePaper, itemOutcomes } from '../../../src/exams/grading.js';
import type { Paper } from '../../../src/exams/types.js';
import { writtenQuestion } from '../../helpers/written.js';

const tf = { id: 'ca-001', type: 'truefalse', lesson: 'l1', topic: 't', difficulty: 3, stem: '判断', answer: true, explanation: '因为' } as Question;
const w = writtenQuestion() as unknown as Question; // worth 10 on its rubric
const paper: Paper = {
  v: 1,
  items: [
    { key: 'ca-001', course: 'ca', type: 'truefalse', points: 2 },
    { key: 'ca-w01', course: 'ca', type: 'written', points: 20 },
  ],
  scoring: 'allOrNothing',
  passPercent: 60,
  review: { answers: true, explanations: true },
};
const lookup = (k: string) => (k === 'ca-001' ? tf : k === 'ca-w01' ? w : undefined);

describe('grading a paper with a written question', () => {
  it('an unmarked answer leaves the result awaiting marking: no pass, the written slot pending', () => {
    const r = gradePaper(
      paper,
      lookup,
      new Map([
        ['ca-001', 'true'],
        ['ca-w01', '我的分析……'],
      ]),
    );
    expect(r.awaiting).toEqual(['ca-w01']);
    expect(r.passed).toBe(false);
    expect(r.slots.find((s) => s.key === 'ca-w01')).toMatchObject({ score: 0, max: 20, pending: true });
    expect(itemOutcomes(r).has('ca-w01')).toBe(false);
  });

  it('a mark on the rubric scale is scaled to the slot’s points and makes the result final', () => {
    const r = gradePaper(
      paper,
      lookup,
      new Map([
        ['ca-001', 'true'],
        ['ca-w01', '我的分析……'],
      ]),
      new Map([['ca-w01', 8]]),
    );
    expect(r.awaiting).toBeUndefined();
    expect(r).toMatchObject({ score: 18, max: 22, passed: true, byType: { written: { score: 16, max: 20 } } });
  });

  it('a blank written answer scores 0 at once and needs no marker', () => {
    const r = gradePaper(
      paper,
      lookup,
      new Map([
        ['ca-001', 'true'],
        ['ca-w01', '  '],
      ]),
    );
    expect(r.awaiting).toBeUndefined();
    expect(r).toMatchObject({ score: 2, max: 22, passed: false });
  });
});
