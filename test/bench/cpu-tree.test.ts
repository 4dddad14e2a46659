import { describe, expect, it } from 'vitest';
import { parseProcStat, treeTicks, type ProcStat } from '../../bench/harness.js';

// The bench's server CPU (docs/decisions/003): user + system time from /proc/<pid>/stat, summed
// over the server and its descendants so WORKERS=N counts the primary and every worker.

/** A /proc/<pid>/stat line as Linux writes it, with the fields the bench reads set. */
const line = (pid: number, comm: string, ppid: number, utime: number, stime: number, cutime = 0, cstime = 0) =>
  `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194560 12931 0 0 0 ${utime} ${stime} ${cutime} ${cstime} 20 0 11 0 5812 1194295296 26413 18446744073709551615 1 1 0 0 0 0 0 16781312 134234626 0 0 0 17 1 0 0 0 0 0`;

describe('parseProcStat', () => {
  it('reads pid, ppid, own and waited-for children ticks', () => {
    expect(parseProcStat(line(31266, 'node', 31200, 401, 88, 7, 3))).toEqual({ pid: 31266, ppid: 31200, ticks: 489, childTicks: 10 });
  });

  it('counts fields from the last ")" when the command name holds spaces and parentheses', () => {
    expect(parseProcStat(line(42, 'we(ird) ) name', 1, 5, 6))).toEqual({ pid: 42, ppid: 1, ticks: 11, childTicks: 0 });
  });

  it('takes a trailing newline, and refuses what is not a stat line', () => {
    expect(parseProcStat(`${line(7, 'sh', 1, 1, 2)}\n`)?.ticks).toBe(3);
    expect(parseProcStat('')).toBeUndefined();
    expect(parseProcStat('not a stat line')).toBeUndefined();
    expect(parseProcStat('12 (truncated) S')).toBeUndefined();
  });
});

describe('treeTicks', () => {
  const s = (pid: number, ppid: number, ticks: number, childTicks = 0): ProcStat => ({ pid, ppid, ticks, childTicks });

  it('is the process alone when it has no children (WORKERS=1)', () => {
    expect([...treeTicks([s(1, 0, 5), s(10, 1, 100), s(11, 1, 3)], 10)]).toEqual([[10, 100]]);
  });

  it('sums the primary, its workers and their descendants, and nothing else', () => {
    const stats = [s(1, 0, 999), s(10, 1, 50, 4), s(20, 10, 300), s(21, 10, 310), s(30, 21, 7), s(40, 1, 1000)];
    const tree = treeTicks(stats, 10);
    expect([...tree.keys()]).toEqual([10, 20, 21, 30]);
    expect([...tree.values()].reduce((a, b) => a + b, 0)).toBe(54 + 300 + 310 + 7);
  });

  it('is empty when the process is gone, whatever the order of the scan', () => {
    expect(treeTicks([s(20, 10, 300)], 10).size).toBe(0);
    expect([...treeTicks([s(21, 10, 2), s(10, 1, 1)], 10)]).toEqual([
      [10, 1],
      [21, 2],
    ]);
  });

  it('stops on a parent loop instead of walking it forever', () => {
    expect([...treeTicks([s(10, 11, 1), s(11, 10, 2)], 10)]).toEqual([
      [10, 1],
      [11, 2],
    ]);
  });
});
