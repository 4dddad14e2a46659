import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/institutions/demo.js';
import { useDemoBrowser } from './browser.js';

// Forms that used to draw one control over another, or show fields that do not apply, checked in
// Chromium at a laptop's width (1366 px) and a phone's (390 px) by the boxes the browser lays out.

const WIDTHS = [1366, 390] as const;
type Box = { x: number; y: number; width: number; height: number };

const env = useDemoBrowser();

async function signedIn(email: string, width: number, opts: { javaScriptEnabled?: boolean } = {}) {
  const context = await env.browser.newContext({ locale: 'zh-CN', viewport: { width, height: 900 }, ...opts });
  const page = await context.newPage();
  await page.goto(`${env.server.url}/login`);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForLoadState('load');
  return { page, close: () => context.close() };
}

async function box(l: Locator): Promise<Box> {
  const b = await l.boundingBox();
  if (!b) throw new Error(`not laid out: ${l}`);
  return b;
}

/** Overlap of two boxes in px² (0 when they only touch or are apart). */
function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Every pair of the form's visible controls that overlap, named for the failure message. */
async function overlapsIn(form: Locator): Promise<string[]> {
  const controls = form.locator('input:not([type=hidden]):visible, select:visible, button:visible, textarea:visible');
  const n = await controls.count();
  const boxes: { name: string; b: Box }[] = [];
  for (let i = 0; i < n; i++) {
    const c = controls.nth(i);
    boxes.push({ name: (await c.getAttribute('name')) ?? (await c.textContent()) ?? `#${i}`, b: await box(c) });
  }
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) if (overlap(boxes[i]!.b, boxes[j]!.b) > 0) out.push(`${boxes[i]!.name} × ${boxes[j]!.name}`);
  return out;
}

/** Controls sticking out of their form's box (drawn over the card's edge or beyond the screen). */
async function outside(form: Locator): Promise<string[]> {
  const f = await box(form);
  const controls = form.locator('input:not([type=hidden]):visible, select:visible, button:visible');
  const out: string[] = [];
  for (let i = 0; i < (await controls.count()); i++) {
    const b = await box(controls.nth(i));
    if (b.x < f.x - 0.5 || b.x + b.width > f.x + f.width + 0.5) out.push((await controls.nth(i).getAttribute('name')) ?? `#${i}`);
  }
  return out;
}

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

function ids() {
  const q = (sql: string) => (env.server.db.$client.prepare(sql).get() as { id: number }).id;
  return {
    cohort: q("select id from cohorts where level = 'assistant' order by id limit 1"),
    faceToFace: q("select id from class_sessions where mode = 'faceToFace' order by id limit 1"),
    remote: q("select id from class_sessions where mode = 'remote' order by id limit 1"),
  };
}

describe('forms laid out so that nothing covers anything', () => {
  it('an admin uploads a roster and an instructor an attendance export: the file field and its button sit apart, at 1366 and 390 px', async () => {
    const { cohort, remote } = ids();
    for (const width of WIDTHS) {
      // The roster goes through a preview first (上传并预览); the attendance export imports at once (导入).
      for (const [email, path, label] of [
        ['admin@example.com', `/admin/cohorts/${cohort}`, '上传并预览'],
        ['instructor@example.com', `/sessions/${remote}/attendance`, '导入'],
      ] as const) {
        const { page, close } = await signedIn(email, width);
        await page.goto(`${env.server.url}${path}`);
        const form = page.locator('form[enctype="multipart/form-data"]');
        const file = await box(form.locator('input[type=file]'));
        const button = await box(form.getByRole('button', { name: label }));
        expect(overlap(file, button), `${path} @${width}`).toBe(0);
        // Room for the browser's "choose file" button and a file name, not a squeezed cell.
        expect(file.width, `${path} @${width}`).toBeGreaterThanOrEqual(Math.min(280, width - 40));
        expect(await outside(form), `${path} @${width}`).toEqual([]);
        expect(await sideways(page), `${path} @${width}`).toBe(0);
        await close();
      }
    }
  });

  it('an instructor takes the roll on a phone: the note runs across the row above 保存, not squeezed beside it', async () => {
    const { faceToFace } = ids();
    for (const width of WIDTHS) {
      const { page, close } = await signedIn('instructor@example.com', width);
      await page.goto(`${env.server.url}/sessions/${faceToFace}/attendance`);
      const row = page.locator('form.roster-row').first();
      expect(await overlapsIn(row), `@${width}`).toEqual([]);
      expect(await outside(row), `@${width}`).toEqual([]);
      if (width === 390) {
        const note = await box(row.locator('input[name=note]'));
        const save = await box(row.getByRole('button', { name: '保存' }));
        const status = await box(row.locator('select[name=status]'));
        expect(note.y + note.height).toBeLessThanOrEqual(save.y);
        expect(status.y + status.height).toBeLessThanOrEqual(note.y);
        expect(note.width).toBeGreaterThan(2 * status.width);
      }
      expect(await sideways(page), `@${width}`).toBe(0);
      await close();
    }
  });

  it('an instructor grants extra exam time: trainee, exam, minutes and reason never overlap, at 1366 and 390 px', async () => {
    for (const width of WIDTHS) {
      const { page, close } = await signedIn('instructor@example.com', width);
      await page.goto(`${env.server.url}/exams/grants`);
      const form = page.locator('form[action="/exams/grants"]');
      expect(await overlapsIn(form), `@${width}`).toEqual([]);
      expect(await outside(form), `@${width}`).toEqual([]);
      if (width === 390) {
        // One column on a phone: the exam select is as wide as the trainee select, not a sliver.
        const trainee = await box(form.locator('select[name=traineeId]'));
        const exam = await box(form.locator('select[name=examKey]'));
        expect(exam.width).toBeCloseTo(trainee.width, 0);
        expect(exam.y).toBeGreaterThanOrEqual(trainee.y + trainee.height);
      }
      expect(await sideways(page), `@${width}`).toBe(0);
      await close();
    }
  });

  it('an instructor schedules a session: only the chosen mode’s fields show, and without script both show, each labelled', async () => {
    const { cohort } = ids();
    for (const width of WIDTHS) {
      const { page, close } = await signedIn('instructor@example.com', width);
      await page.goto(`${env.server.url}/cohorts/${cohort}/sessions/new`);
      const room = page.getByLabel('教室');
      const meeting = page.getByLabel('会议链接');
      await page.getByLabel('面授', { exact: true }).check();
      expect(await room.isVisible()).toBe(true);
      expect(await meeting.isVisible()).toBe(false);
      await page.getByLabel('远程', { exact: true }).check();
      expect(await room.isVisible()).toBe(false);
      expect(await meeting.isVisible()).toBe(true);
      expect(await overlapsIn(page.locator('form.session-form')), `@${width}`).toEqual([]);
      expect(await sideways(page), `@${width}`).toBe(0);
      // The remote session saves with the room's fieldset switched off.
      await page.getByLabel('课程主题').fill('远程答疑（版式测试）');
      await page.getByLabel('开始时间').fill('2026-12-20T19:00');
      await page.getByLabel('结束时间').fill('2026-12-20T20:00');
      await meeting.fill('https://meeting.tencent.com/dm/layout-test');
      await page.getByRole('button', { name: '保存课程' }).click();
      await page.waitForLoadState('load');
      expect(await page.textContent('main')).toContain('远程答疑（版式测试）');
      await close();
    }
    const { page, close } = await signedIn('instructor@example.com', 390, { javaScriptEnabled: false });
    await page.goto(`${env.server.url}/cohorts/${cohort}/sessions/new`);
    expect(await page.getByLabel('教室').isVisible()).toBe(true);
    expect(await page.getByLabel('会议链接').isVisible()).toBe(true);
    expect(await page.locator('legend').allTextContents()).toEqual(expect.arrayContaining(['面授课次填写', '远程课次填写']));
    await close();
  });

  it('an instructor reads the item analysis: only the key’s bar is green, a distractor’s is grey, and the key is marked ✓', async () => {
    const { cohort } = ids();
    // The demo trainee sits the assistant mock exam, answering the first question with its first option.
    const trainee = await signedIn('trainee@example.com', 1366);
    const attemptUrl = await trainee.page.evaluate(async () => (await fetch('/exams/start/assistant-mock', { method: 'POST' })).url);
    const id = Number(/\/exams\/attempts\/(\d+)/.exec(attemptUrl)![1]);
    await trainee.page.goto(attemptUrl);
    const first = trainee.page.locator('form.q').first();
    const q = await first.locator('input[name=q]').getAttribute('value');
    const a = await first.locator('input[name=a]').first().getAttribute('value');
    await trainee.page.evaluate(
      async ({ id, q, a }) => {
        await fetch(`/exams/attempts/${id}/save`, { method: 'POST', headers: { 'HX-Request': 'true' }, body: new URLSearchParams({ q: q!, a: a!, seq: '1' }) });
        await fetch(`/exams/attempts/${id}/submit`, { method: 'POST', body: new URLSearchParams({ pending: '' }) });
      },
      { id, q, a },
    );
    await trainee.close();

    for (const width of WIDTHS) {
      const { page, close } = await signedIn('instructor@example.com', width);
      await page.goto(`${env.server.url}/cohorts/${cohort}/exams/assistant-mock/items`);
      const fills = (sel: string) => page.locator(sel).evaluateAll((els) => els.map((e) => getComputedStyle(e).fill));
      const keys = await fills('.opt-dist li.is-key .opt-bar-fill');
      const distractors = await fills('.opt-dist li:not(.is-key) .opt-bar-fill');
      expect(keys.length).toBeGreaterThan(0);
      expect(distractors.length).toBeGreaterThan(0);
      expect(new Set(keys)).toEqual(new Set(['rgb(31, 111, 67)']));
      expect(distractors).not.toContain('rgb(31, 111, 67)');
      // Not by colour alone: every key option says so in text.
      for (const text of await page.locator('.opt-dist li.is-key').allTextContents()) expect(text).toContain('✓');
      // A bar's length follows its count: the one option picked is drawn, the others are empty.
      const widths = (await page.locator('.opt-bar-fill').evaluateAll((els) => els.map((e) => Number(e.getAttribute('width'))))).filter((w) => w > 0);
      expect(widths).toEqual([100]);
      expect(await sideways(page), `@${width}`).toBe(0);
      await close();
    }
  });
});
