import { describe, expect, it } from 'vitest';
import { bcm, bcmProcess } from '../helpers/cli.js';

describe('npx bcm validate', () => {
  it('prints path:line:column message per problem and exits 1, as its own process', { timeout: 60_000 }, async () => {
    const r = await bcmProcess(['validate', 'test/fixtures/courses-broken']);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(line).toMatch(/^test\/fixtures\/courses-broken\/\S+:\d+:\d+ \S/);
    expect(r.stdout).toContain('shaky/03-bad-body.mdx:17:1 unknown component <Quiz>');
    expect(r.stdout).toMatch(/programme\.yaml:\d+:\d+ .*lessons add up to 2 hours but studyHours is 10/);
    expect(r.stderr).toMatch(/^\d+ problem\(s\) in test\/fixtures\/courses-broken\n$/);
  });

  it('exits 0 on the real courses', { timeout: 60_000 }, async () => {
    const r = await bcm(['validate']);
    expect(r.stderr).toContain('No problems');
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it('names a bad command with exit status 2 and prints the usage', async () => {
    const r = await bcm(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("bcm: unknown command 'frobnicate'");
    expect(r.stderr).toContain('Usage: npx bcm <command> [options]');
    expect(r.stdout).toBe('');
  });
});
