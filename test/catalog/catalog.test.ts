import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogLoadError, loadCatalog } from '../../src/catalog/catalog.js';
import { renderLessonBody } from '../../src/catalog/render.js';
import { copyFixture, edit, GOOD, tempDir, removeTempDirs } from './helpers.js';

afterAll(removeTempDirs);

const load = (coursesDir: string, production = false) => loadCatalog({ coursesDir, cacheDir: tempDir(), production });

describe('catalogue', () => {
  it('looks up levels, courses and lessons with prev/next across the course', async () => {
    const c = await load(GOOD);
    expect(c.level('full')?.studyHours).toBe(5);
    expect(c.level('nope')).toBeUndefined();
    expect(c.course('intro')?.code).toBe('TST-101');
    const first = c.lesson('intro', '01-welcome')!;
    expect(first.prev).toBeUndefined();
    expect(first.next?.slug).toBe('02-tools');
    const second = c.lesson('intro', '02-tools')!;
    expect(second.prev?.key).toBe('intro/01-welcome');
    expect(second.next).toBeUndefined();
    expect(c.lesson('intro', 'nope')).toBeUndefined();
    expect(c.lessons('advanced').map((l) => l.key)).toEqual(['advanced/01-deep-dive']);
    expect(c.problems()).toEqual([]);
    expect(c.stats).toMatchObject({ lessons: 3, ok: 3, errors: 0 });
  });

  it('isolates a broken lesson: it becomes an error with path:line:column, the rest still render', async () => {
    const dir = copyFixture(GOOD);
    const broken = path.join(dir, 'intro', '02-tools.mdx');
    edit(broken, (t) => t.replace('- 客户档案', '- 客户档案 {未闭合'));
    const c = await load(dir);
    const state = c.lesson('intro', '02-tools')!.lesson.state;
    expect('error' in state && state.error).toEqual({
      path: broken,
      line: 11,
      column: expect.any(Number),
      message: expect.stringMatching(/^MDX: /),
    });
    expect(c.problems()).toHaveLength(1);
    expect(c.stats).toMatchObject({ ok: 2, errors: 1 });
    expect(String(await renderLessonBody(c, 'intro', '01-welcome'))).toContain('<h2 id="学习目标">');
    expect(String(await renderLessonBody(c, 'advanced', '01-deep-dive'))).toContain('信用评估');
    const shown = String(await renderLessonBody(c, 'intro', '02-tools'));
    expect(shown).toContain('role="alert"');
    expect(shown).toMatch(/02-tools\.mdx:11:\d+ MDX: /);
  });

  it('hides error details from trainees in production', async () => {
    const dir = copyFixture(GOOD);
    edit(path.join(dir, 'intro', '02-tools.mdx'), (t) => t.replace('## 要点', '## 要点 {'));
    const shown = String(await renderLessonBody(await load(dir, true), 'intro', '02-tools'));
    expect(shown).toContain('role="alert"');
    expect(shown).not.toContain('.mdx');
  });

  it('turns an unknown component into an error state instead of a failing render', async () => {
    const dir = copyFixture(GOOD);
    edit(path.join(dir, 'intro', '02-tools.mdx'), (t) => `${t}\n<Quiz />\n`);
    const state = (await load(dir)).lesson('intro', '02-tools')!.lesson.state;
    expect('error' in state && state.error).toMatchObject({ line: 16, column: 1, message: 'unknown component <Quiz>' });
  });

  it('reports a lesson listed in course.yaml but missing, at its line in course.yaml', async () => {
    const dir = copyFixture(GOOD);
    fs.rmSync(path.join(dir, 'intro', '02-tools.mdx'));
    const c = await load(dir);
    expect(c.problems()).toEqual([{ path: path.join(dir, 'intro', 'course.yaml'), line: 8, column: 5, message: 'lessons[1]: 02-tools.mdx does not exist' }]);
    expect(c.lesson('intro', '01-welcome')!.next?.state).toHaveProperty('error');
  });

  it('fails start-up on a broken programme.yaml in production, keeps serving in dev', async () => {
    const dir = copyFixture(GOOD);
    edit(path.join(dir, 'programme.yaml'), (t) => t.replace('minimumTrainingHours: 3', 'minimumTrainingHours: -1'));
    await expect(load(dir, true)).rejects.toBeInstanceOf(CatalogLoadError);
    const dev = await load(dir, false);
    expect(dev.problems()[0]).toMatchObject({ line: 2, message: 'minimumTrainingHours must be > 0, got -1' });
    expect(dev.lesson('intro', '01-welcome')?.lesson.state).toHaveProperty('ok');
  });

  it('reloadLesson and reloadCourse recompile only what changed', async () => {
    const dir = copyFixture(GOOD);
    const c = await load(dir);
    expect(c.stats.compiled).toBe(3);
    const file = path.join(dir, 'intro', '02-tools.mdx');
    edit(file, (t) => t.replace('拜访记录', '拜访记录（已更新）'));
    expect(await c.reloadLesson(file)).toEqual(['intro/02-tools']);
    expect(c.stats.compiled).toBe(4);
    expect(String(await renderLessonBody(c, 'intro', '02-tools'))).toContain('已更新');
    expect(await c.reloadLesson(path.join(dir, 'intro', 'unlisted.mdx'))).toEqual([]);

    edit(path.join(dir, 'intro', 'course.yaml'), (t) => t.replace('  - 02-tools\n', ''));
    expect(await c.reloadCourse('intro')).toEqual(['intro/01-welcome', 'intro/02-tools']);
    expect(c.lessons('intro').map((l) => l.slug)).toEqual(['01-welcome']);
    expect(c.stats.compiled).toBe(4); // 01-welcome came from the cache
  });

  it('a course.yaml broken and then fixed comes back in programme order', async () => {
    const dir = copyFixture(GOOD);
    const c = await load(dir);
    const file = path.join(dir, 'intro', 'course.yaml');
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, original.replace('code: TST-101', 'code: nope'));
    await c.reloadCourse('intro');
    expect(c.course('intro')).toBeUndefined();
    expect(c.problems()).toEqual([{ path: file, line: 1, column: 1, message: 'code: must look like BCM-101' }]);
    fs.writeFileSync(file, original);
    await c.reloadCourse('intro');
    expect([...c.programme.courses.keys()]).toEqual(['intro', 'advanced']);
    expect(c.problems()).toEqual([]);
  });
});
