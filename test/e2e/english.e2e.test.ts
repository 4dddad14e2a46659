import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDemoBrowser } from './browser.js';
import { DEMO_PASSWORD } from '../../src/institutions/demo.js';
import * as people from '../../src/institutions/store.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { recordHeartbeat } from '../../src/hours/self-study/self-study.js';
import { poolFor } from '../../src/exams/pool.js';
import { ExamsRuntime } from '../../src/exams/runtime.js';
import { testCatalog } from '../helpers/app.js';

// Pages in English, walked the way a reader who switched the language walks them: every label,
// button and heading in English. Chinese is fine where it is content — lesson text, question stems,
// people's, cohorts' and classes' names — and nowhere else. Each page also fits a 390 px phone.

const env = useDemoBrowser();
const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;
const LESSON = { courseSlug: 'bcm-intro', lessonSlug: '01-role-and-duties' };

/** Every string a page may show as content: what authors and institutions wrote, not the product. */
async function contentStrings(): Promise<string[]> {
  const db = env.server.db;
  const catalog = await testCatalog();
  const out = new Set<string>();
  const collect = (v: unknown): void => {
    if (typeof v === 'string') {
      if (CJK.test(v)) out.add(v.trim());
    } else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  for (const course of catalog.programme.courses.keys()) {
    for (const lesson of catalog.lessons(course)) {
      const state = lesson.state;
      const ok = 'ok' in state ? state.ok : undefined;
      if (!ok) continue;
      collect(ok.frontmatter.title);
      collect(ok.frontmatter.objectives);
      collect(ok.frontmatter.selfCheck);
      collect(ok.toc.map((e) => e.text));
    }
  }
  const inst = people.findInstitutionByCode(db, 'DEMO')!;
  for (const q of poolFor({ db, catalog, exams: new ExamsRuntime(catalog.coursesDir) }, inst.id).byKey.values()) collect(q.question);
  for (const sql of ['select name from users', 'select name from cohorts', 'select name, code from institutions', 'select title, room from class_sessions'])
    collect(db.$client.prepare(sql).all());
  // Longest first, so a title is removed whole before any shorter string inside it.
  return [...out].filter(Boolean).sort((a, b) => b.length - a.length);
}

/** Chinese left in the page's UI once content is taken out: text, labels read aloud, the title. */
function chineseUi(page: Page, content: string[]) {
  return page.evaluate(
    ({ content, cjk }) => {
      const re = new RegExp(cjk);
      const strip = (s: string) => content.reduce((acc, c) => acc.split(c).join(' '), s);
      const out: string[] = [];
      // Content by place: the lesson's own body. A part marked with its own language (the 中文 switch) is fine.
      const exempt = (el: Element) => el.closest('.lesson-body') !== null || (el.closest('[lang]') ?? document.documentElement) !== document.documentElement;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement!;
        if (el.closest('script, style, template') || exempt(el)) continue;
        const left = strip(n.textContent ?? '');
        if (re.test(left)) out.push(`<${el.tagName.toLowerCase()} class="${el.className}"> ${left.trim().slice(0, 80)}`);
      }
      for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt], input[type=submit], input[type=button]')) {
        if (exempt(el)) continue;
        for (const attr of ['aria-label', 'title', 'placeholder', 'alt', 'value']) {
          const v = el.getAttribute(attr);
          if (v && re.test(strip(v))) out.push(`<${el.tagName.toLowerCase()} ${attr}="${v.slice(0, 80)}">`);
        }
      }
      if (re.test(strip(document.title))) out.push(`<title> ${document.title}`);
      return out;
    },
    { content, cjk: CJK.source },
  );
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function englishSession(email: string, width: number) {
  const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${env.server.url}/login`);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.locator('main').getByRole('button', { name: '登录' }).click();
  await page.waitForLoadState('load');
  // The language is saved on the account: a demo account that switched in an earlier test is English already.
  if ((await page.getAttribute('html', 'lang')) !== 'en') {
    await page.getByTestId('lang-switch').first().click();
    await page.waitForLoadState('load');
  }
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  return { page, close: () => context.close() };
}

describe('the English pages', () => {
  for (const width of [1366, 390]) {
    it(`a trainee who reads in English sees English labels, buttons and headings on the home, syllabus, lesson, exams, 考前须知, practice, notebook and hours pages (${width} px)`, async () => {
      const db = env.server.db;
      const inst = people.findInstitutionByCode(db, 'DEMO')!;
      const cohort = people.listCohorts(db, inst.id).find((c) => c.level === 'assistant')!;
      const email = `english-${width}@example.com`;
      const user = people.createUser(db, { email, name: '林学员', role: 'trainee', institutionId: inst.id, passwordHash: await hashPassword(DEMO_PASSWORD) });
      people.enrol(db, cohort.id, user.id);
      const end = Date.now() - 5 * 60_000;
      for (let at = end - 20 * 60_000; at <= end; at += 30_000) recordHeartbeat(db, env.server.lms, await testCatalog(), user.id, LESSON, at);
      const content = await contentStrings();
      const { page, close } = await englishSession(email, width);
      const findings: string[] = [];
      const look = async (label: string) => {
        for (const leak of await chineseUi(page, content)) findings.push(`${label}: ${leak}`);
        if (width === 390 && (await overflow(page)) > 0) findings.push(`${label}: scrolls sideways by ${await overflow(page)} px`);
      };

      for (const p of ['/me', '/levels/assistant', '/courses/bcm-intro', `/courses/${LESSON.courseSlug}/${LESSON.lessonSlug}`]) {
        await page.goto(`${env.server.url}${p}`);
        await look(p);
      }
      expect(await page.getByTestId('study-status').innerText()).toMatch(/[A-Za-z]/);
      // A self-check answered wrongly, its key asked for, then redone.
      const form = page.locator('form.self-check').first();
      await form.locator('input[name="answer"]').first().check();
      await form.getByRole('button', { name: 'Check my answer' }).click();
      const result = page.locator('.self-check-result').first();
      await result.waitFor();
      if (await result.getByRole('button', { name: 'Try again' }).count()) {
        await result.getByText('Show the answer and explanation').click();
        await look('self-check, wrong, key shown');
        await result.getByRole('button', { name: 'Try again' }).click();
        await page.locator('form.self-check').first().waitFor();
      }
      await look('self-check answered');

      for (const p of ['/exams', '/exams/notice/assistant-mock', '/me/progress']) {
        await page.goto(`${env.server.url}${p}`);
        await look(p);
      }
      await page.goto(`${env.server.url}/exams`);
      await page.locator('form[action="/exams/practice/bcm-intro"] button').click();
      await page.waitForURL(/\/exams\/attempts\/\d+$/);
      await look('practice');
      const q = page.locator('form.q').first();
      await q.locator('input[name="a"]').first().check();
      await q.getByRole('button').last().click();
      await expect.poll(() => page.getByTestId('practice-progress').innerText()).toMatch(/^1 of \d+ done/);
      await look('practice, one answered');
      await page.getByRole('button', { name: /finish/i }).click();
      await page.waitForSelector('[data-testid="result"]');
      await look('practice result');
      await page.goto(`${env.server.url}/exams/notebook`);
      await look('/exams/notebook');

      await close();
      expect(findings.join('\n')).toBe('');
    });

    it(`an institution admin who reads in English sees English labels, buttons and headings on the dashboard and the cohort's tabs (${width} px)`, async () => {
      const cohort = env.server.db.$client.prepare("select id from cohorts where level = 'assistant' order by id limit 1").get() as { id: number };
      const content = await contentStrings();
      const { page, close } = await englishSession('admin@example.com', width);
      const findings: string[] = [];
      for (const p of [
        '/admin',
        `/admin/cohorts/${cohort.id}`,
        `/admin/cohorts/${cohort.id}/hours`,
        `/cohorts/${cohort.id}/sessions`,
        `/cohorts/${cohort.id}/exams`,
        `/admin/cohorts/${cohort.id}/proof`,
        `/admin/cohorts/${cohort.id}/edit`,
      ]) {
        await page.goto(`${env.server.url}${p}`);
        for (const leak of await chineseUi(page, content)) findings.push(`${p}: ${leak}`);
        if (width === 390 && (await overflow(page)) > 0) findings.push(`${p}: scrolls sideways by ${await overflow(page)} px`);
      }
      await close();
      expect(findings.join('\n')).toBe('');
    });
  }
});
