import { describe, expect, it } from 'vitest';
import { bestOf, type MockAttempt } from '../../src/exams/store.js';

// The best mock-exam result, as the trainee's home and the certificate print it.

let id = 0;
const a = (score: number | null, maxScore: number, o: Partial<MockAttempt> = {}): MockAttempt => ({
  id: ++id,
  examKey: 'retail-mock',
  status: 'submitted',
  deadlineAt: null,
  submittedAt: 1000 + id,
  score,
  maxScore,
  passed: score !== null && score / maxScore >= 0.6,
  ...o,
});

describe('the best result', () => {
  it('is the best share of the paper, then the higher raw score', () => {
    expect(bestOf([a(60, 100), a(55, 80)])).toEqual({ score: 55, maxScore: 80, percent: 68.8 });
    expect(bestOf([a(66, 110), a(60, 100)])).toEqual({ score: 66, maxScore: 110, percent: 60 });
    expect(bestOf([a(30, 50), a(60, 100)])).toEqual({ score: 60, maxScore: 100, percent: 60 });
  });

  it('never counts an open attempt, one awaiting marking, or an empty paper; passedOnly keeps to passes', () => {
    expect(bestOf([a(90, 100, { status: 'open' }), a(null, 130), a(0, 0)])).toBeNull();
    expect(bestOf([a(50, 100), a(40, 100)], { passedOnly: true })).toBeNull();
    expect(bestOf([a(50, 100), a(61, 100)], { passedOnly: true })).toEqual({ score: 61, maxScore: 100, percent: 61 });
  });
});
