import { describe, expect, it } from 'vitest';
import { holderGone, leaseTtl, mayTake, parseHolder } from '../../../src/ops/rules/lease.js';

describe('the lease rule', () => {
  it('lets a process take a lease nobody holds, renew its own, and take an expired one', () => {
    expect(mayTake(undefined, 'a', 1_000)).toBe(true);
    expect(mayTake({ holder: 'a', expiresAt: 2_000 }, 'a', 1_000)).toBe(true);
    expect(mayTake({ holder: 'b', expiresAt: 2_000 }, 'a', 1_000)).toBe(false);
    expect(mayTake({ holder: 'b', expiresAt: 1_000 }, 'a', 1_000)).toBe(true);
    expect(mayTake({ holder: 'b', expiresAt: 999 }, 'a', 1_000)).toBe(true);
  });

  it('lasts three ticks of its loop, never less than the floor', () => {
    expect(leaseTtl(30_000)).toBe(90_000);
    expect(leaseTtl(5_000, 60_000)).toBe(60_000);
    expect(leaseTtl(300, 1_000)).toBe(1_000);
  });

  it('knows a holder is dead only when it ran on this host: a pid gone, or our own pid that is not us', () => {
    const here = { host: 'box', pid: 40 };
    const alive = (pid: number) => pid === 41;
    expect(parseHolder('box:41:ab12')).toEqual({ host: 'box', pid: 41 });
    expect(parseHolder('nonsense')).toBeNull();
    expect(holderGone('box:41:ab12', 'box:40:ff', here, alive)).toBe(false); // alive
    expect(holderGone('box:42:ab12', 'box:40:ff', here, alive)).toBe(true); // exited
    expect(holderGone('box:40:ab12', 'box:40:ff', here, alive)).toBe(true); // a restarted process 1
    expect(holderGone('box:40:ff', 'box:40:ff', here, alive)).toBe(false); // us
    expect(holderGone('other:42:ab12', 'box:40:ff', here, alive)).toBe(false); // another machine: wait for expiry
  });
});
