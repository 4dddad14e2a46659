import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/catalog.js';
import { renderLessonBody } from '../../src/catalog/render.js';
import { watchCourses, type CourseWatcher } from '../../src/catalog/watch.js';
import { copyFixture, edit, GOOD, tempDir, removeTempDirs } from './helpers.js';

afterAll(removeTempDirs);

let watcher: CourseWatcher | undefined;
afterEach(async () => {
  await watcher?.close();
  watcher = undefined;
});

async function setup() {
  const dir = copyFixture(GOOD);
  const catalog = await loadCatalog({ coursesDir: dir, cacheDir: tempDir(), production: false });
  const changes: string[][] = [];
  let notify: () => void = () => {};
  watcher = watchCourses(catalog, {
    onChange: (keys) => {
      changes.push(keys);
      notify();
    },
    debounceMs: 20,
  });
  await watcher.ready;
  const nextChange = () => new Promise<void>((resolve) => (notify = resolve));
  return { dir, catalog, changes, nextChange };
}

describe('watchCourses', () => {
  it('recompiles only the edited lesson and reports its key', async () => {
    const { dir, catalog, changes, nextChange } = await setup();
    const compiledBefore = catalog.stats.compiled;
    const changed = nextChange();
    edit(path.join(dir, 'intro', '02-tools.mdx'), (t) => t.replace('拜访记录', '拜访记录（新）'));
    await changed;
    expect(changes).toEqual([['intro/02-tools']]);
    expect(catalog.stats.compiled).toBe(compiledBefore + 1);
    expect(String(await renderLessonBody(catalog, 'intro', '02-tools'))).toContain('拜访记录（新）');
  });

  it('reloads a course when its course.yaml changes', async () => {
    const { dir, catalog, changes, nextChange } = await setup();
    const changed = nextChange();
    edit(path.join(dir, 'intro', 'course.yaml'), (t) => t.replace('lessons:\n  - 01-welcome\n  - 02-tools', 'lessons:\n  - 02-tools\n  - 01-welcome'));
    await changed;
    expect(changes[0]?.sort()).toEqual(['intro/01-welcome', 'intro/02-tools']);
    expect(catalog.lessons('intro').map((l) => l.slug)).toEqual(['02-tools', '01-welcome']);
  });
});
