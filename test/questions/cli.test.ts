import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import * as people from '../../src/institutions/store.js';
import { bcm as runBcm, bcmProcess } from '../helpers/cli.js';
import { tempDir, whenDone } from '../helpers/temp.js';

const dir = tempDir('bcm-questions-cli-');
const DATABASE_PATH = path.join(dir, 'bcm.sqlite');
// Reasons are in English unless the shell's locale is Chinese (read from the environment).
const ENV = { DATABASE_PATH, DATA_DIR: dir, LANG: 'C.UTF-8', LC_ALL: '', BCM_LANG: '' };

const bcm = (args: string[]) => runBcm(['questions:import', ...args], ENV);

// In this process the command reads the locale from process.env, so the tests set it there.
function shellLocale(lang: string) {
  vi.stubEnv('LANG', lang);
  vi.stubEnv('LC_ALL', '');
  vi.stubEnv('BCM_LANG', '');
}
beforeEach(() => shellLocale('C.UTF-8'));
afterEach(() => vi.unstubAllEnvs());

const FIX = 'test/fixtures/questions';

describe('npx bcm questions:import', () => {
  // The process starts tsx and loads the catalogue: seconds on a busy machine.
  it('--dry-run prints how many questions of each type it read and saves nothing, as its own process', { timeout: 120_000 }, async () => {
    const r = await bcmProcess(['questions:import', `${FIX}/messy.csv`, '--course', 'BCM-101', '--dry-run'], ENV);
    expect(r.stderr).toContain('Dry run: BCM-101 (bcm-intro), nothing was saved.');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').map((l) => l.trim().replace(/\s+/g, ' '))).toEqual([
      `${FIX}/messy.csv: 19 question(s)`,
      'single 3',
      'multiple 5',
      'truefalse 10',
      'case 1 (3 parts)',
      '',
    ]);
    expect(fs.existsSync(DATABASE_PATH)).toBe(false);
  });

  it('prints one FILE:ROW: reason line per bad row and exits 1; GIFT files report lines', async () => {
    const r = await bcm([`${FIX}/bad-rows.csv`, '--course', 'bcm-101', '--dry-run']);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(14); // row 8's empty 解析 is a warning, not a problem
    for (const line of lines) expect(line).toMatch(/^test\/fixtures\/questions\/bad-rows\.csv:\d+: \S/);
    expect(lines).toContain(`${FIX}/bad-rows.csv:16: Question id “DUP-1” appears twice in the file (first on row 15).`);
    expect(r.stderr).toContain('14 problem(s)');

    shellLocale('zh_CN.UTF-8');
    const g = await bcm([`${FIX}/fullwidth.gift`, '--course', 'BCM-101', '--dry-run']);
    expect(g.status).toBe(1);
    expect(g.stdout.split('\n')[0]).toBe(`${FIX}/fullwidth.gift:1: 第 21 列是全角“｛”：GIFT 标记须用半角“{”（中文输入法下请切换到英文标点）。`);
  });

  it('imports into the database for --institution, all or nothing', async () => {
    const db = openDatabase(DATABASE_PATH);
    whenDone(() => db.$client.close());
    people.createInstitution(db, 'SH01', '上海培训中心');
    const count = () => (db.$client.prepare('select count(*) n from imported_questions').get() as { n: number }).n;

    const bad = await bcm([`${FIX}/bad-rows.csv`, '--course', 'BCM-101', '--institution', 'SH01']);
    expect(bad.status).toBe(1);
    expect(count()).toBe(0);

    const r = await bcm([`${FIX}/good.gift`, '--course', 'BCM-101', '--institution', 'SH01']);
    expect(r.stderr).toContain('Imported into SH01 BCM-101 (bcm-intro): 6 new, 0 updated.');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/truefalse\s+4/);
    expect(count()).toBe(6);
    const audit = db.$client.prepare(`select actor_id, detail from audit_log where action = 'questions.import'`).get() as { actor_id: null; detail: string };
    expect(audit.actor_id).toBeNull();
    expect(JSON.parse(audit.detail)).toMatchObject({ via: 'cli', created: 6 });
  });

  it('exits 2 on usage mistakes', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--course', 'BCM-101', '--dry-run'], /needs a FILE/],
      [[`${FIX}/messy.csv`, '--dry-run'], /--course CODE is required/],
      [[`${FIX}/messy.csv`, '--course', 'BCM-999', '--dry-run'], /no course with code 'BCM-999' \(BCM-101, /],
      [[`${FIX}/messy.csv`, '--course', 'BCM-101'], /--institution CODE is required/],
      [[`${FIX}/missing.csv`, '--course', 'BCM-101', '--dry-run'], /cannot read .*missing\.csv: ENOENT/],
      [[`${FIX}/messy.csv`, '--course', 'BCM-101', '--institution', 'NOPE'], /no institution with code 'NOPE'/],
      [[`${FIX}/messy.csv`, '--course', 'BCM-101', '--frobnicate'], /Unknown option '--frobnicate'/],
    ];
    for (const [args, message] of cases) {
      const r = await bcm(args);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.status, args.join(' ')).toBe(2);
    }
  });
});
