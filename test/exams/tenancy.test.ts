import { describe, expect, it } from 'vitest';
import { poolFor } from '../../src/exams/pool.js';
import { answerRows, attemptRow, examApp, page, save, slotsIn, start } from '../helpers/exams.js';

// A trainee sees only their own attempts; instructors and admins only their institution's.

describe('tenancy', () => {
  it('hides one trainee’s attempt from another trainee, and refuses their saves and submission', async () => {
    const { t, b, cookie } = await examApp();
    const id = await start(t, cookie);
    const slots = slotsIn(await page(t, cookie, id));
    const other = await t.login(b.trainee.email);
    expect((await t.request(`/exams/attempts/${id}`, { cookie: other })).status).toBe(404);
    expect((await save(t, other, id, { q: slots[0]!.key, a: ['0'], seq: 1 })).status).toBe(404);
    expect((await t.request(`/exams/attempts/${id}/submit`, { method: 'POST', cookie: other, body: t.form({ pending: '' }) })).status).toBe(404);
    expect((await t.request(`/exams/attempts/${id}/check`, { method: 'POST', cookie: other, body: t.form({ q: slots[0]!.key, a: '0' }) })).status).toBe(404);
    expect(answerRows(t, id)).toEqual([]);
    expect(attemptRow(t, id).status).toBe('open');
    const history = await (await t.request('/exams/history', { cookie: other })).text();
    expect(history).not.toContain(`/exams/attempts/${id}"`);
  });

  it('lets the institution’s instructor and admin see a finished attempt, and no one else', async () => {
    const { t, a, b, cookie } = await examApp();
    const id = await start(t, cookie);
    const instructorA = await t.login(a.instructor.email);
    const running = await t.request(`/exams/attempts/${id}`, { cookie: instructorA });
    expect(running.status).toBe(200);
    const runningHtml = await running.text();
    expect(runningHtml).toContain('考试进行中');
    expect(slotsIn(runningHtml)).toEqual([]); // staff never see the live paper
    await t.request(`/exams/attempts/${id}/submit`, { method: 'POST', cookie, body: t.form({ pending: '' }) });

    const result = await (await t.request(`/exams/attempts/${id}`, { cookie: instructorA })).text();
    expect(result).toContain('学员：trainee 用户');
    expect(result).toContain('data-testid="score"');
    expect(result).not.toContain('id="exam-done"');
    expect((await t.request(`/exams/attempts/${id}`, { cookie: await t.login(a.admin.email) })).status).toBe(200);
    expect((await t.request(`/exams/attempts/${id}`, { cookie: await t.login(b.instructor.email) })).status).toBe(404);
    expect((await t.request(`/exams/attempts/${id}`, { cookie: await t.login(b.admin.email) })).status).toBe(404);
    // Staff can read but never act as the trainee.
    expect((await t.request(`/exams/attempts/${id}/submit`, { method: 'POST', cookie: instructorA })).status).toBe(403);
  });

  it('draws from the institution’s own imported questions only', async () => {
    const { t, a, b, cookie } = await examApp();
    const data = (stem: string) =>
      JSON.stringify({
        id: stem,
        type: 'case',
        stem,
        difficulty: 2,
        lesson: '01-role-and-duties',
        topic: 't',
        parts: [
          { id: `${stem}a`, type: 'truefalse', stem: '分题一', answer: true, explanation: '解析一' },
          { id: `${stem}b`, type: 'truefalse', stem: '分题二', answer: false, explanation: '解析二' },
        ],
      });
    const insert = t.db.$client.prepare(
      "insert into imported_questions (institution_id, course_slug, question_id, type, data, imported_at) values (?, 'bcm-intro', ?, 'case', ?, ?)",
    );
    // Many imported cases in B, so an A paper drawing from a mixed pool would show one.
    for (let i = 0; i < 40; i++) insert.run(b.inst.id, `B-CASE-${i}`, data(`机构B案例${i}`), Date.now());
    const fileCases = poolFor(t, a.inst.id).candidates('bcm-intro', 'case').length;
    expect(fileCases).toBeGreaterThan(0);
    expect(poolFor(t, b.inst.id).candidates('bcm-intro', 'case')).toHaveLength(fileCases + 40);
    const id = await start(t, cookie);
    expect(attemptRow(t, id).paper).not.toContain('imp:');
    expect(await page(t, cookie, id)).not.toContain('机构B案例');
  });

  it('keeps exam pages to signed-in trainees, instructors and admins', async () => {
    const { t, cookie } = await examApp();
    const id = await start(t, cookie);
    expect((await t.request(`/exams/attempts/${id}`)).status).toBe(303);
    expect((await t.request('/exams')).headers.get('location')).toBe('/login?next=%2Fexams');
    const office = await t.user('office', null, 'office@example.org');
    const officeCookie = await t.login(office.email);
    expect((await t.request('/exams', { cookie: officeCookie })).status).toBe(403);
    expect((await t.request(`/exams/attempts/${id}`, { cookie: officeCookie })).status).toBe(403);
  });
});
