import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bcm, bcmProcess } from '../helpers/cli.js';
import { BANKS, copyFixture, edit, removeTempDirs } from './helpers.js';

afterAll(removeTempDirs);

describe('npx bcm validate', () => {
  it('prints path:line:column message per problem and exits 1, as its own process', { timeout: 60_000 }, async () => {
    const r = await bcmProcess(['validate', 'test/fixtures/courses-broken']);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(line).toMatch(/^test\/fixtures\/courses-broken\/\S+:\d+:\d+ \S/);
    expect(r.stdout).toContain('shaky/03-bad-body.mdx:17:1 unknown component <Quiz>');
    expect(r.stdout).toMatch(/programme\.yaml:\d+:\d+ .*lessons add up to 2 hours but studyHours is 10/);
    // Standard error: one summary line per course, then the count.
    expect(r.stderr).toMatch(
      /^shaky: 1\/4 lessons written, 1 question; bank rules broken: questions, min\/lesson\nsteady: .*\n\d+ problem\(s\) in test\/fixtures\/courses-broken\n$/,
    );
  });

  it('exits 0 on the real courses', { timeout: 60_000 }, async () => {
    const r = await bcm(['validate']);
    expect(r.stderr).toContain('No problems');
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it('ends every run with one line per course saying which bank rules it breaks', async () => {
    const r = await bcm(['validate', BANKS]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^alpha: 2\/3 lessons written, 10 questions; bank rules met\nbeta: 1\/1 lessons written, 10 questions; bank rules met\nNo problems in /,
    );
  });

  it('prints the bank report as a table with --report, marking each figure that breaks a rule', async () => {
    const good = await bcm(['validate', BANKS, '--report']);
    expect(good.status).toBe(0);
    const table = good.stdout.split('\n');
    expect(table[0]).toMatch(
      /^course\s+lessons\s+Han chars\s+questions\s+min\/lesson\s+S\s+M\s+TF\s+case\(parts\)\s+W\s+easy\/med\/hard %\s+key longest %\s+keys A\/B\/C\/D %\s+MC all %\s+MC 2 %$/,
    );
    expect(table[1]).toMatch(/^-+( +-+){14}$/);
    expect(table[2]).toMatch(/^alpha +2\/3 +30 +10 +5 +5 +2 +2 +1\(2\) +0 +30\/50\/20 +33 +33\/17\/33\/17 +0 +33$/);
    expect(table[3]).toMatch(/^beta +1\/1 +11 +10 +10 /);
    expect(good.stdout).toContain('! marks a figure that breaks its rule');

    const dir = copyFixture(BANKS);
    edit(path.join(dir, 'alpha', 'questions.yaml'), (t) => t.replace('answer: ACD', 'answer: ABCD'));
    const bad = await bcm(['validate', dir, '--report']);
    expect(bad.status).toBe(1);
    const [problem, blank, head] = bad.stdout.split('\n');
    expect(problem).toMatch(/alpha\/questions\.yaml:2:1 multiple choice: 33\.3% \(1 of 3\) keyed on all options, at most 20% allowed$/);
    expect(blank).toBe('');
    expect(head).toMatch(/^course /);
    expect(bad.stdout).toMatch(/^alpha +2\/3 .* 33! +33$/m);
  });

  it('takes one folder', async () => {
    const r = await bcm(['validate', 'a', 'b']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('bcm: validate takes one folder, got 2\n');
  });

  it('names a bad command with exit status 2 and prints the usage', async () => {
    const r = await bcm(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("bcm: unknown command 'frobnicate'");
    expect(r.stderr).toContain('Usage: npx bcm <command> [options]');
    expect(r.stdout).toBe('');
  });
});
