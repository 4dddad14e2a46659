import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LessonCache, lessonHash } from '../../src/catalog/cache.js';
import { loadCatalog } from '../../src/catalog/catalog.js';
import { copyFixture, edit, GOOD, tempDir, removeTempDirs } from './helpers.js';

afterAll(removeTempDirs);

describe('compiled-lesson cache', () => {
  it('a second load with nothing changed compiles nothing', async () => {
    const cacheDir = tempDir();
    const first = await loadCatalog({ coursesDir: GOOD, cacheDir, production: false });
    expect(first.stats).toMatchObject({ lessons: 3, ok: 3, compiled: 3, fromCache: 0 });
    expect(fs.readdirSync(cacheDir).filter((f) => f.endsWith('.json'))).toHaveLength(3);

    const second = await loadCatalog({ coursesDir: GOOD, cacheDir, production: false });
    expect(second.stats).toMatchObject({ lessons: 3, ok: 3, compiled: 0, fromCache: 3 });
    const a = first.lesson('intro', '01-welcome')!.lesson.state;
    const b = second.lesson('intro', '01-welcome')!.lesson.state;
    expect('ok' in b && b.ok).toEqual('ok' in a && a.ok);
  });

  it('reports its progress lesson by lesson, so a first start can say how far it has got', async () => {
    const progress: { done: number; total: number }[] = [];
    await loadCatalog({ coursesDir: GOOD, cacheDir: tempDir(), production: false, onProgress: (p) => progress.push(p) });
    expect(progress).toEqual([1, 2, 3].map((done) => ({ done, total: 3 })));
  });

  it('recompiles only the lesson whose source changed', async () => {
    const dir = copyFixture(GOOD);
    const cacheDir = tempDir();
    await loadCatalog({ coursesDir: dir, cacheDir, production: false });
    edit(path.join(dir, 'intro', '02-tools.mdx'), (t) => `${t}\n- 新增要点\n`);
    const again = await loadCatalog({ coursesDir: dir, cacheDir, production: false });
    expect(again.stats).toMatchObject({ compiled: 1, fromCache: 2 });
  });

  it('keys entries by source, pipeline version and component names', () => {
    expect(lessonHash('a')).toMatch(/^[0-9a-f]{64}$/);
    expect(lessonHash('a')).not.toBe(lessonHash('b'));
    expect(lessonHash('a')).toBe(lessonHash('a'));
  });

  it('treats a corrupt entry as a miss and rewrites it', async () => {
    const cacheDir = tempDir();
    const source = fs.readFileSync(path.join(GOOD, 'intro', '02-tools.mdx'), 'utf8');
    const hash = lessonHash(source);
    fs.writeFileSync(path.join(cacheDir, `${hash}.json`), '{"hash": "trunc');
    const cache = new LessonCache(cacheDir);
    expect(cache.get(hash)).toBeUndefined();
    const r = await cache.load(path.join(GOOD, 'intro', '02-tools.mdx'), source);
    expect('ok' in r).toBe(true);
    expect(cache.counters).toEqual({ compiled: 1, fromCache: 0 });
    expect(cache.get(hash)?.hash).toBe(hash);
  });

  it('does not cache failures, and shares one compile between concurrent loads', async () => {
    const cache = new LessonCache(tempDir());
    const bad = '---\ntitle: t\nhours: 1\nobjectives: [o]\nmodes: [remote]\nstatus: outline\n---\n\n{oops\n';
    await cache.load('/v/bad.mdx', bad);
    expect(fs.readdirSync(cache.dir)).toEqual([]);
    const good = bad.replace('{oops', 'fine');
    const [x, y] = await Promise.all([cache.load('/v/a.mdx', good), cache.load('/v/a.mdx', good)]);
    expect(x).toBe(y);
    expect(cache.counters.compiled).toBe(2);
  });
});
