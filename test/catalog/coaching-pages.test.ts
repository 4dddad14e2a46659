// The level page shows the level's exam coaching (考前辅导) as its own section after the study
// courses and their total, and a coaching lesson reads like any lesson.
import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/app.js';

describe('exam coaching on the level pages', () => {
  it('lists every level’s coaching course after the study courses, outside their total', async () => {
    const t = await makeTestApp();
    const levels = t.catalog.programme.levels;
    // Every level of the programme has its coaching course (issue 14: 8 class hours per level).
    expect(levels.map((l) => [l.id, l.coaching !== undefined])).toEqual(levels.map((l) => [l.id, true]));
    for (const level of levels) {
      const course = t.catalog.course(level.coaching!)!;
      const html = await (await t.request(`/levels/${level.id}`)).text();
      const section = html.indexOf('data-testid="coaching"');
      expect(section, level.id).toBeGreaterThan(html.indexOf(`合计: ${level.studyHours} 课时`));
      const coachingHtml = html.slice(section);
      expect(coachingHtml).toContain('<h2 id="coaching-h">考前辅导</h2>');
      expect(coachingHtml).toContain(`${course.code} · ${level.examCoachingHours} 课时`);
      expect(coachingHtml).toContain('不计入本级别要求的学习课时');
      for (const l of course.lessons) expect(coachingHtml).toContain(`href="/courses/${course.slug}/${l.slug}"`);
      // No study course sits in the coaching section.
      for (const slug of level.courses) expect(coachingHtml).not.toContain(`href="/courses/${slug}"`);
    }
  });

  it('serves a coaching lesson to a trainee and names its level on the course page', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.trainee.email);
    const coaching = t.catalog.level('assistant')!.coaching!;
    const course = t.catalog.course(coaching)!;
    for (const l of course.lessons) expect((await t.request(`/courses/${coaching}/${l.slug}`, { cookie })).status).toBe(200);
    const page = await (await t.request(`/courses/${coaching}`)).text();
    expect(page).toContain('href="/levels/assistant"');
  });
});
