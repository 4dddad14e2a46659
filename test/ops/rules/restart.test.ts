import { describe, expect, it } from 'vitest';
import { HEALTHY_AFTER_MS, RESTART_MAX_MS, nextYoungDeaths, restartDelay } from '../../../src/ops/rules/restart.js';

describe('restarting a dead worker', () => {
  it('restarts at once the first time, then backs off doubling up to a ceiling', () => {
    expect([0, 1, 2, 3, 4].map(restartDelay)).toEqual([0, 500, 1_000, 2_000, 4_000]);
    expect(restartDelay(50)).toBe(RESTART_MAX_MS);
  });

  it('counts deaths in a row only while workers die young', () => {
    expect(nextYoungDeaths(0, 100)).toBe(1);
    expect(nextYoungDeaths(3, 100)).toBe(4);
    expect(nextYoungDeaths(3, HEALTHY_AFTER_MS)).toBe(0);
  });
});
