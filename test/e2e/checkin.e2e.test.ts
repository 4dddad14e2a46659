import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDemoBrowser } from './browser.js';

const env = useDemoBrowser();

async function loginAs(email: string): Promise<Page> {
  const context = await env.browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${env.server.url}/login`);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill('demo-password');
  await page.locator('main').getByRole('button', { name: '登录' }).click();
  await page.waitForLoadState('load');
  return page;
}

/** A datetime-local value in Asia/Shanghai (UTC+8) for `ms`. */
const shanghaiLocal = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);

describe('a face-to-face class in the browser', () => {
  it('instructor shows the code, trainee checks in, the roster shows them present and their progress moves once the class is over', async () => {
    const cohort = env.server.db.$client.prepare("select id from cohorts where level = 'assistant'").get() as { id: number };

    // The instructor schedules a class that is on now and opens the classroom screen.
    const instructor = await loginAs('instructor@example.com');
    await instructor.goto(`${env.server.url}/cohorts/${cohort.id}/sessions/new`);
    await instructor.getByLabel('课程主题').fill('客户经理的角色（面授）');
    await instructor.locator('input[name="mode"][value="faceToFace"]').check();
    const start = Math.floor(Date.now() / 60_000) * 60_000 - 60_000; // whole minutes, as the form takes them
    await instructor.getByLabel('开始时间').fill(shanghaiLocal(start));
    await instructor.getByLabel('结束时间').fill(shanghaiLocal(start + 90 * 60_000));
    await instructor.getByLabel('教室').fill('培训楼 301');
    await instructor.locator('main form button[type="submit"]').click();
    await instructor.waitForLoadState('load');
    const session = env.server.db.$client.prepare('select id from class_sessions order by id desc').get() as { id: number };
    await instructor.goto(`${env.server.url}/sessions/${session.id}/screen`);
    const code = (await instructor.getByTestId('checkin-code').textContent())!.replace(/\D/g, '');
    expect(code).toMatch(/^\d{6}$/);

    // The trainee types the code on their phone.
    const trainee = await loginAs('trainee@example.com');
    await trainee.goto(`${env.server.url}/me/progress`);
    const before = await trainee.getByTestId('hours-faceToFace').first().textContent();
    await trainee.goto(`${env.server.url}/checkin`);
    await trainee.getByLabel('签到码').fill(code);
    await trainee.locator('main form button[type="submit"]').click();
    await trainee.waitForLoadState('load');
    expect(await trainee.textContent('main')).toContain('签到成功');

    // The roster shows them present.
    await instructor.goto(`${env.server.url}/sessions/${session.id}/attendance`);
    const row = instructor.locator('tr, li, form').filter({ hasText: '张学员' }).first();
    expect(await row.locator('select[name="status"]').inputValue()).toBe('present');

    // While the class runs, nothing is credited yet: hours count only for time that has passed.
    const progress = async () => {
      await trainee.goto(`${env.server.url}/me/progress`);
      return trainee.getByTestId('hours-faceToFace').first().textContent();
    };
    const hours = (s: string | null) => Number(/([\d.]+) 课时/.exec(s ?? '')?.[1]);
    expect(hours(await progress())).toBe(hours(before));

    // Once the class is over (moved 91 minutes into the past, as if the time had gone by), the
    // trainee's progress page has moved by the class's length.
    env.server.db.$client
      .prepare('update class_sessions set starts_at = starts_at - ?, ends_at = ends_at - ? where id = ?')
      .run(91 * 60_000, 91 * 60_000, session.id);
    expect(hours(await progress()) - hours(before)).toBe(2); // 90 minutes = 2 class hours of 45 minutes
  });
});
