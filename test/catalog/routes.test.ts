import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/app.js';
import { loadCatalog } from '../../src/catalog/catalog.js';

describe('catalogue pages', () => {
  it('lists the four levels with their hours and courses', async () => {
    const t = await makeTestApp();
    const html = await (await t.request('/levels')).text();
    for (const name of ['助理级银行客户经理', '银行客户经理（对私）', '银行客户经理（对公）', '高级银行客户经理']) expect(html).toContain(name);
    expect(html).toContain('学习 16 课时');
    expect(html).toContain('学习 96 课时');
    expect(html).toContain('考前辅导 8 课时');
    // The overview is the same for everyone, and kept per language: English after Chinese is English.
    const english = await (await t.request('/levels', { cookie: 'bcm_lang=en' })).text();
    expect(english).toContain('<h1>Training levels</h1>');
    expect(english).toContain('Assistant Bank Customer Manager');
    expect(english).not.toContain('助理级银行客户经理');
    expect(await (await t.request('/levels')).text()).toBe(html);
  });

  it("shows a level's syllabus whose hours add up, with the assistant credit explained", async () => {
    const t = await makeTestApp();
    const res = await t.request('/levels/retail');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('合计：64 课时');
    expect(html).toMatch(/已完成助理级培训的学员，以下 16 课时的课程计入本级别/);
    expect(html).toContain('商业银行零售业务风险管理');
    expect(html).not.toContain('商业银行客户财务分析与信用评估');
    expect((await t.request('/levels/senior')).status).toBe(200);
    expect(await (await t.request('/levels/senior')).text()).toContain('合计：96 课时');
    expect((await t.request('/levels/platinum')).status).toBe(404);
  });

  it('shows a course shared by four levels, in English too', async () => {
    const t = await makeTestApp();
    const html = await (await t.request('/courses/bcm-intro', { cookie: 'bcm_lang=en' })).text();
    expect(html).toContain('Introduction to Bank Customer Management');
    expect(html.match(/href="\/levels\/(assistant|retail|corporate|senior)"/g)?.length).toBe(4);
  });

  it('serves a lesson to a logged-in trainee with objectives, contents and previous/next, and no answers', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    expect((await t.request('/courses/bcm-intro/01-role-and-duties')).status).toBe(303); // login first
    const cookie = await t.login(a.trainee.email);
    const res = await t.request('/courses/bcm-intro/01-role-and-duties', { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>银行客户经理的角色、职责与核心能力</h1>');
    expect(html).toContain('学习目标');
    expect(html).toContain('本课目录');
    expect(html).toContain('rel="next" href="/courses/bcm-intro/02-customer-manager-system"');
    expect(html).toContain('hx-post="/courses/bcm-intro/01-role-and-duties/self-check/role-1"');
    // The self-check's explanation stays on the server until answered.
    expect(html).not.toContain('货币政策由中国人民银行制定和执行');
  });

  it("shows each lesson's own heading, outline and pager in the reader's language, however often it is read", async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.trainee.email);
    const page = async (lesson: string, lang?: string) =>
      (await t.request(`/courses/bcm-intro/${lesson}`, { cookie: lang ? `${cookie}; bcm_lang=${lang}` : cookie })).text();
    const first = await page('01-role-and-duties');
    expect(await page('01-role-and-duties')).toBe(first);
    const second = await page('02-customer-manager-system');
    expect(second).toContain('rel="prev" href="/courses/bcm-intro/01-role-and-duties"');
    expect(second).not.toContain('<h1>银行客户经理的角色、职责与核心能力</h1>');
    // English after Chinese: the same lesson's frame and pager labels are English, not the Chinese ones read before.
    const english = await page('01-role-and-duties', 'en');
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('<h2 id="toc-h">In this lesson</h2>');
    expect(english).not.toContain('本课目录');
    expect(await page('01-role-and-duties')).toBe(first);
  });

  it('grades a self-check without a page reload (htmx fragment), and names an empty answer', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.trainee.email);
    const url = '/courses/bcm-intro/01-role-and-duties/self-check/role-1';
    const right = await t.request(url, { method: 'POST', cookie, headers: { 'HX-Request': 'true' }, body: t.form({ answer: 'C' }) });
    expect(right.status).toBe(200);
    const html = await right.text();
    expect(html).toContain('回答正确');
    expect(html).toContain('货币政策由中国人民银行制定和执行');
    expect(html).not.toContain('<html');
    const wrong = await (await t.request(url, { method: 'POST', cookie, headers: { 'HX-Request': 'true' }, body: t.form({ answer: 'A' }) })).text();
    expect(wrong).toContain('回答错误');
    const empty = await t.request(url, { method: 'POST', cookie, headers: { 'HX-Request': 'true' }, body: t.form({}) });
    expect(empty.status).toBe(422);
    expect((await t.request('/courses/bcm-intro/01-role-and-duties/self-check/nope', { method: 'POST', cookie, body: t.form({ answer: 'A' }) })).status).toBe(
      404,
    );
  });

  it('never serves files outside a course media folder', async () => {
    const t = await makeTestApp();
    expect((await t.request('/media/bcm-intro/..%2Fcourse.yaml')).status).toBe(404);
    expect((await t.request('/media/bcm-intro/../../package.json')).status).toBe(404);
  });
});

describe('a broken lesson', () => {
  it('shows its own error (path:line:column in development) while every other page works, and /healthz reports it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcm-broken-'));
    fs.cpSync(path.resolve('test/fixtures/courses-good'), dir, { recursive: true });
    const file = path.join(dir, 'intro', '02-tools.mdx');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8') + '\n\nBroken { here\n');
    const catalog = await loadCatalog({ coursesDir: dir, cacheDir: path.join(dir, '.cache'), production: false });
    const t = await makeTestApp({ COURSES_DIR: dir }, { catalog });
    const u = await t.user('trainee', null);
    const cookie = await t.login(u.email);
    const broken = await t.request('/courses/intro/02-tools', { cookie });
    expect(broken.status).toBe(200);
    const html = await broken.text();
    expect(html).toContain('本课内容暂时无法显示');
    expect(html).toMatch(/02-tools\.mdx:\d+:\d+ /);
    expect((await t.request('/courses/intro/01-welcome', { cookie })).status).toBe(200);
    expect((await t.request('/levels')).status).toBe(200);
    const health = await (await t.request('/healthz')).json();
    expect(health.status).toBe('ok');
    expect(health.courses.errors).toBe(1);
    expect(health.courses.problems[0]).toMatch(/^intro\/02-tools\.mdx:\d+:\d+ /);
  });

  it('shows only a polite notice in production', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcm-broken-'));
    fs.cpSync(path.resolve('test/fixtures/courses-good'), dir, { recursive: true });
    const file = path.join(dir, 'intro', '02-tools.mdx');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8') + '\n\n<Nope />\n');
    const catalog = await loadCatalog({ coursesDir: dir, cacheDir: path.join(dir, '.cache'), production: true });
    const t = await makeTestApp({ COURSES_DIR: dir }, { catalog });
    const u = await t.user('trainee', null);
    const html = await (await t.request('/courses/intro/02-tools', { cookie: await t.login(u.email) })).text();
    expect(html).toContain('本课内容暂时无法显示');
    expect(html).not.toMatch(/02-tools\.mdx:\d+/);
  });
});
