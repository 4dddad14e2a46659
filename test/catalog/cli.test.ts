import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const bcm = (...args: string[]) => spawnSync(process.execPath, ['bin/bcm.js', ...args], { encoding: 'utf8', timeout: 60_000 });

describe('npx bcm validate', () => {
  it('prints path:line:column message per problem and exits 1', () => {
    const r = bcm('validate', 'test/fixtures/courses-broken');
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(line).toMatch(/^test\/fixtures\/courses-broken\/\S+:\d+:\d+ \S/);
    expect(r.stdout).toContain('shaky/03-bad-body.mdx:17:1 unknown component <Quiz>');
    expect(r.stdout).toMatch(/programme\.yaml:\d+:\d+ .*lessons add up to 2 hours but studyHours is 10/);
  });

  it('exits 0 on the real courses', () => {
    const r = bcm('validate');
    expect(r.stderr).toContain('No problems');
    expect(r.status).toBe(0);
  });

  it('names a bad command with exit status 2', () => {
    const r = bcm('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });
});
