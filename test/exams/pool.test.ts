import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/app.js';
import { invalidatePool, poolFor } from '../../src/exams/pool.js';

// The pool is cached per institution and rebuilt only when its imported questions change.

const question = (id: string, stem: string) =>
  JSON.stringify({
    id,
    type: 'single',
    stem,
    options: ['甲', '乙', '丙'],
    answer: 'A',
    explanation: '解析',
    difficulty: 1,
    lesson: '01-role-and-duties',
    topic: 't',
  });

describe('the question pool cache', () => {
  it('reuses the pool until an import, a deletion or a re-import changes it', async () => {
    const t = await makeTestApp();
    const { a, b } = await t.twoInstitutions();
    const insert = t.db.$client.prepare(
      "insert into imported_questions (institution_id, course_slug, question_id, type, data, imported_at) values (?, 'bcm-intro', ?, 'single', ?, ?)",
    );
    const first = poolFor(t, a.inst.id);
    expect(poolFor(t, a.inst.id)).toBe(first);

    insert.run(a.inst.id, 'A-1', question('A-1', '导入一'), 1000);
    const second = poolFor(t, a.inst.id);
    expect(second).not.toBe(first);
    expect(second.byKey.get('imp:A-1')?.question.stem).toBe('导入一');
    // Another institution's import leaves A's pool alone.
    insert.run(b.inst.id, 'B-1', question('B-1', '导入乙'), 1000);
    expect(poolFor(t, a.inst.id)).toBe(second);

    // A re-import replaces the row's data and time: noticed.
    t.db.$client.prepare("update imported_questions set data = ?, imported_at = 2000 where question_id = 'A-1'").run(question('A-1', '导入一（修订）'));
    expect(poolFor(t, a.inst.id).byKey.get('imp:A-1')?.question.stem).toBe('导入一（修订）');

    t.db.$client.prepare("delete from imported_questions where question_id = 'A-1'").run();
    expect(poolFor(t, a.inst.id).byKey.has('imp:A-1')).toBe(false);

    const cached = poolFor(t, a.inst.id);
    invalidatePool(t, a.inst.id);
    expect(poolFor(t, a.inst.id)).not.toBe(cached);
  });
});
