import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDemoBrowser } from './browser.js';
import { DEMO_PASSWORD } from '../../src/institutions/demo.js';
import * as people from '../../src/institutions/store.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { recordHeartbeat } from '../../src/hours/self-study/self-study.js';
import { testCatalog } from '../helpers/app.js';

const env = useDemoBrowser();

const LESSON = { courseSlug: 'bcm-intro', lessonSlug: '01-role-and-duties' }; // 2 class hours, 60 active minutes to credit
const LESSON_TITLE = '银行客户经理的角色、职责与核心能力';
const SHOTS = process.env.BCM_SHOTS_DIR; // set to keep screenshots of the home (for the report)

/** A trainee of the demo cohort who read the lesson for 65 minutes until 5 minutes ago, self-checks not yet answered. */
async function traineeWhoWasReading(email: string) {
  const db = env.server.db;
  const inst = people.findInstitutionByCode(db, 'DEMO')!;
  const cohort = people.listCohorts(db, inst.id).find((c) => c.level === 'assistant')!;
  const user = people.createUser(db, { email, name: '陈学员', role: 'trainee', institutionId: inst.id, passwordHash: await hashPassword(DEMO_PASSWORD) });
  people.enrol(db, cohort.id, user.id);
  const catalog = await testCatalog();
  const end = Date.now() - 5 * 60_000;
  for (let at = end - 65 * 60_000; at <= end; at += 30_000) recordHeartbeat(db, env.server.lms, catalog, user.id, LESSON, at);
  return user;
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const figures = (page: Page) => page.getByTestId('home-hours-assistant').innerText();

describe('a trainee picks up where they stopped', () => {
  for (const width of [1366, 390]) {
    it(`a trainee opens their home, continues the lesson they were reading, and sees their progress on coming back (${width} px)`, async () => {
      const email = `reader-${width}@example.com`;
      await traineeWhoWasReading(email);
      const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width, height: 900 } });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));

      await page.goto(`${env.server.url}/login`);
      await page.getByLabel('电子邮箱').fill(email);
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.locator('main').getByRole('button', { name: '登录' }).click();
      await page.waitForURL(`${env.server.url}/me`);

      // The home: the lesson to continue, hours by mode with their figures, the next class.
      const cont = page.getByTestId('home-continue');
      expect(await cont.innerText()).toContain(LESSON_TITLE);
      expect(await figures(page)).toMatch(/自学\s+0 课时/);
      expect(await figures(page)).toContain('0 / 16 课时');
      expect(await page.getByTestId('home-class').innerText()).toContain('反洗钱与客户身份识别（远程直播）');
      expect(await page.getByTestId('home-exams-assistant').innerText()).toContain('未开始');
      expect(await overflow(page)).toBeLessThanOrEqual(0);

      const tabbar = page.getByRole('navigation', { name: '主要栏目' });
      if (width === 390) {
        // On a phone the header's links give way to the tab bar, which marks where we are.
        expect(await page.locator('.site-header nav').isVisible()).toBe(false);
        expect(await tabbar.isVisible()).toBe(true);
        expect(await tabbar.getByRole('link', { name: '学习' }).getAttribute('aria-current')).toBe('page');
        expect(await tabbar.getByRole('link', { name: '考试' }).getAttribute('aria-current')).toBeNull();
        // Reachable from the keyboard: Tab lands on its links.
        let reached = false;
        for (let i = 0; i < 80 && !reached; i++) {
          await page.keyboard.press('Tab');
          reached = await page.evaluate(() => document.activeElement?.closest('.tabbar') !== null);
        }
        expect(reached).toBe(true);
        // It never covers the page: at the very bottom, the footer ends above the bar.
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        const gap = await page.evaluate(
          () => document.querySelector('.tabbar')!.getBoundingClientRect().top - document.querySelector('.site-footer')!.getBoundingClientRect().bottom,
        );
        expect(gap).toBeGreaterThanOrEqual(0);
      } else {
        expect(await tabbar.isVisible()).toBe(false);
      }

      // Continue: back into the lesson, read on to a section, and answer its self-checks.
      await cont.getByRole('link', { name: '继续学习' }).click();
      await page.waitForURL(new RegExp(`/courses/${LESSON.courseSlug}/${LESSON.lessonSlug}$`));
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(LESSON_TITLE);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      const forms = page.locator('form.self-check');
      const n = await forms.count();
      expect(n).toBeGreaterThan(1);
      for (let i = 0; i < n; i++) {
        const form = forms.first(); // each answered form gives way to its verdict
        await form.getByRole('radio').first().check();
        await form.getByRole('button', { name: '提交答案' }).click();
        await page.locator('.self-check-result').nth(i).waitFor();
      }
      // Where the reader stops: the third section's heading at the top of the screen.
      const section = await page.evaluate(() => {
        const h = document.querySelectorAll('.lesson-body h2[id]')[2] as HTMLElement;
        window.scrollTo(0, window.scrollY + h.getBoundingClientRect().top - 20);
        return h.id;
      });
      await page.waitForTimeout(800); // the position is saved half a second after scrolling stops

      // Back home: the lesson is ticked, its self-study hours count, and "continue" opens at the section.
      if (width === 390) await tabbar.getByRole('link', { name: '学习' }).click();
      else await page.locator('.site-header').getByRole('link', { name: '我的学习' }).click();
      await page.waitForURL(`${env.server.url}/me`);
      expect(await cont.innerText()).toContain('✓ 已完成');
      expect(await cont.getByTestId('home-next-lesson').innerText()).toContain('下一课：客户经理制、职业发展与BCM认证体系');
      expect(await figures(page)).toMatch(/自学\s+2 课时/);
      expect(await figures(page)).toContain('2 / 16 课时');
      expect(await page.locator('[data-code="levelHours"]').innerText()).toContain('14 课时');
      const href = await cont.getByRole('link', { name: '继续学习' }).getAttribute('href');
      expect(decodeURIComponent(href!)).toMatch(new RegExp(`/courses/${LESSON.courseSlug}/${LESSON.lessonSlug}#${section}$`));
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      if (SHOTS) {
        fs.mkdirSync(SHOTS, { recursive: true });
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: `${SHOTS}/home-${width}.png`, fullPage: true });
        if (width === 390) await page.screenshot({ path: `${SHOTS}/home-${width}-first-screen.png` });
      }

      await cont.getByRole('link', { name: '继续学习' }).click();
      await page.waitForURL((u) => u.hash.length > 1);
      const top = await page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().top, section);
      expect(Math.abs(top)).toBeLessThan(120);

      // The syllabus ticks the lesson, with words, for this trainee.
      await page.goto(`${env.server.url}/levels/assistant`);
      const row = page.locator('tr', { has: page.getByRole('link', { name: LESSON_TITLE }) }).first();
      expect(await row.innerText()).toContain('已完成');
      expect(await overflow(page)).toBeLessThanOrEqual(0);

      expect(errors, errors.join('\n')).toEqual([]);
      await context.close();
    }, 90_000);
  }
});
