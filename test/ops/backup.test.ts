import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { backupDatabase } from '../../src/ops/backup.js';
import * as people from '../../src/institutions/store.js';
import { bcm, bcmProcess } from '../helpers/cli.js';
import { tempDir, whenDone } from '../helpers/temp.js';

describe('npx bcm backup', () => {
  it('makes a consistent copy while another connection keeps writing', async () => {
    const dir = tempDir('bcm-backup-');
    const file = path.join(dir, 'live.sqlite');
    const db = openDatabase(file);
    whenDone(() => db.$client.close());
    const inst = people.createInstitution(db, 'B1', '备份测试');
    for (let i = 0; i < 2000; i++) people.createUser(db, { email: `u${i}@example.com`, name: `用户${i}`, role: 'trainee', institutionId: inst.id });
    // Keep writing from the "server" while the backup copies pages.
    let writes = 0;
    const writer = setInterval(() => {
      people.createUser(db, { email: `late${writes++}@example.com`, name: '写入中', role: 'trainee', institutionId: inst.id });
    }, 1);
    const progress: number[] = [];
    const result = await backupDatabase(file, path.join(dir, 'copy.sqlite'), (done) => progress.push(done));
    clearInterval(writer);
    expect(result.pages).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(0);
    const copy = new Database(path.join(dir, 'copy.sqlite'), { readonly: true });
    whenDone(() => copy.close());
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const n = (copy.prepare('select count(*) n from users').get() as { n: number }).n;
    expect(n).toBeGreaterThanOrEqual(2000);
    expect(n).toBeLessThanOrEqual(2000 + writes);
  });

  it('refuses to overwrite an existing file, from the command line', { timeout: 60_000 }, async () => {
    const dir = tempDir('bcm-backup-');
    openDatabase(path.join(dir, 'db.sqlite')).$client.close();
    fs.writeFileSync(path.join(dir, 'exists.sqlite'), 'x');
    const env = { DATABASE_PATH: path.join(dir, 'db.sqlite') };
    const clash = await bcm(['backup', path.join(dir, 'exists.sqlite')], env);
    expect(clash.status).toBe(2);
    expect(clash.stderr).toContain('already exists');
    expect(fs.readFileSync(path.join(dir, 'exists.sqlite'), 'utf8')).toBe('x');
    // As its own process, the way a person runs it.
    const ok = await bcmProcess(['backup', path.join(dir, 'new.sqlite')], env);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/Backed up .* pages/);
  });
});
