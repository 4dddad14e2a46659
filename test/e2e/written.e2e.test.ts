import path from 'node:path';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/institutions/demo.js';
import * as people from '../../src/institutions/store.js';
import { axeViolations } from './axe.js';
import { launchBrowser, startBlueprintServer } from './browser.js';

// A written answer from the exam room to the marked result, in real Chromium: the trainee (on a
// phone) writes a case answer and submits; the result says 待阅卷; the instructor marks it blind
// with the rubric; the trainee then sees the score, the comment and the model answer. The LRS
// configured for the app gets the exam's passed/failed only once the answer is marked.

const BLUEPRINTS = `
blueprints:
  - id: e2e-written
    level: retail
    title: { zh: 主观题演练卷, en: Written practice paper }
    timeLimitMinutes: 30
    passPercent: 50
    points: { single: 1, multiple: 2, truefalse: 1, casePart: 2 }
    review: { answers: true, explanations: true }
    draw:
      - { course: retail-marketing, single: 2, written: 1, spread: none }
`;
const SHOTS = process.env.SHOTS;
const ANSWER = '一、风险识别：客户收入不稳定，一两年内要用钱，长期期交保险的退保损失大。\n二、建议：先留足应急资金，再配置流动性好的产品，并如实告知费用。';
const COMMENT = '风险识别到位；还款来源和费用说明可以更具体。';

let server: Awaited<ReturnType<typeof startBlueprintServer>>;
let browser: Browser;

beforeAll(async () => {
  server = await startBlueprintServer('written', BLUEPRINTS, {
    // Statements are queued for this LRS; nothing is sent (no worker runs in the test).
    env: { XAPI_LRS_URL: 'https://lrs.example.cn/xapi/' },
    // The demo trainee also joins the retail cohort (the demo enrols them at assistant level only).
    prepare: (db) => {
      const retail = db.$client.prepare("select id from cohorts where level = 'retail'").get() as { id: number };
      people.enrol(db, retail.id, people.findPersonByEmail(db, 'trainee@example.com')!.id);
    },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};
const writtenAnswer = (id: number) =>
  (server.db.$client.prepare("select answer from attempt_answers where attempt_id = ? and question_key like '%-w%'").get(id) as { answer: string } | undefined)
    ?.answer;
const verbs = () =>
  (server.db.$client.prepare('select statement from xapi_queue').all() as { statement: string }[]).map((r) =>
    (JSON.parse(r.statement) as { verb: { id: string } }).verb.id.split('/').pop()!,
  );
const attempt = (id: number) =>
  server.db.$client.prepare('select status, score, passed from exam_attempts where id = ?').get(id) as { status: string; score: number | null };

async function signIn(email: string, width: number) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: 860 }, bypassCSP: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${server.url}/login`);
  await page.getByLabel('电子邮箱').fill(email);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForLoadState('load');
  return { page, errors, close: () => context.close() };
}

describe('a written answer, from the exam room to the marked result', () => {
  it('a trainee writes a case answer on a phone and submits; it waits for marking; an instructor marks it blind with the rubric; the trainee then sees the score, the comment and the model answer', async () => {
    if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
    const trainee = await signIn('trainee@example.com', 390);
    const { page } = trainee;
    await page.goto(`${server.url}/exams/notice/e2e-written`);
    await page.getByRole('button', { name: '我已阅读，开始考试' }).click();
    await page.waitForURL(/\/exams\/attempts\/\d+$/);
    const id = Number(/(\d+)$/.exec(page.url())![1]);

    const box = page.getByLabel('你的作答');
    expect(await box.isVisible()).toBe(true);
    expect(await box.getAttribute('maxlength')).toBe('10000');
    // An IME composition in progress is not an answer yet: nothing is saved until it ends.
    await box.evaluate((el: HTMLTextAreaElement) => {
      el.value = 'fengxian';
      el.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true }));
    });
    await page.waitForTimeout(1600);
    expect(writtenAnswer(id)).toBeUndefined();
    await box.evaluate((el: HTMLTextAreaElement) => {
      el.value = '风险';
      el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '风险' }));
    });
    await expect.poll(() => writtenAnswer(id), { timeout: 10_000 }).toBe('风险');

    // Typing saves about a second after it stops, with the character count kept up to date.
    await box.fill(ANSWER);
    await expect.poll(() => writtenAnswer(id), { timeout: 10_000 }).toBe(ANSWER);
    expect(await page.locator('[data-char-count]').textContent()).toBe(`已输入 ${[...ANSWER].length} 字`);
    await expect.poll(() => page.locator('#save-status').textContent()).toBe('已保存');
    expect(await sideways(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'written-paper-390');

    // Reloading puts the text back.
    await page.reload();
    expect(await page.getByLabel('你的作答').inputValue()).toBe(ANSWER);

    await page.getByRole('button', { name: '交卷', exact: true }).click();
    await page.getByRole('dialog', { name: '确认交卷' }).getByRole('button', { name: '确认交卷' }).click();
    await page.waitForSelector('[data-testid="result"]');
    expect(await page.getByRole('heading', { name: '已交卷，主观题待阅卷' }).isVisible()).toBe(true);
    expect(await page.locator('.badge-result').textContent()).toBe('待阅卷');
    expect(await page.locator('.badge-result.pass, .badge-result.fail').count()).toBe(0);
    expect(attempt(id)).toMatchObject({ status: 'submitted', score: null });
    expect(verbs()).not.toContain('passed');
    expect(verbs()).not.toContain('failed');
    // The written section opens to say the answer waits for marking, and gives no model answer yet.
    await page.locator('details.review-part[data-type="written"] summary').click();
    expect(await page.getByTestId('written-awaiting').isVisible()).toBe(true);
    expect(await page.getByTestId('written-model').count()).toBe(0);
    expect(await sideways(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'written-awaiting-390');

    // The instructor marks it: blind (a candidate number, no name), the rubric as levels to click.
    const instructor = await signIn('instructor@example.com', 1366);
    const ip = instructor.page;
    const cohortId = (server.db.$client.prepare("select id from cohorts where level = 'retail'").get() as { id: number }).id;
    await ip.goto(`${server.url}/cohorts/${cohortId}/exams/e2e-written/marking`);
    await ip.getByRole('link', { name: '开始阅卷' }).first().click();
    await ip.waitForSelector('[data-testid="marking-form"]');
    expect(await ip.getByTestId('marking-answer').textContent()).toBe(ANSWER);
    const body = await ip.textContent('main');
    expect(body).toMatch(/考生 \d+/);
    expect(body).not.toContain('张学员');
    expect(body).not.toContain('trainee@example.com');
    expect(await axeViolations(ip)).toEqual([]);
    // The top level of every criterion but the last, whose lowest (0) level is picked.
    const criteria = ip.locator('[data-testid="marking-form"] fieldset');
    const n = await criteria.count();
    expect(n).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < n; i++) {
      const levels = criteria.nth(i).locator('input[type="radio"]');
      await levels.nth(i === n - 1 ? 0 : (await levels.count()) - 1).check();
    }
    const total = Number(await ip.locator('.marking-sum').textContent());
    expect(total).toBeGreaterThan(0);
    await ip.getByLabel('给学员的评语（选填）').fill(COMMENT);
    await shot(ip, 'written-marking-1366');
    await ip.getByRole('button', { name: '保存并评下一份' }).click();
    await ip.waitForLoadState('load');
    expect(attempt(id).score).not.toBeNull();
    // Only now does the LRS get the exam's outcome.
    expect(verbs().filter((v) => v === 'passed' || v === 'failed')).toHaveLength(1);
    await instructor.close();

    // The trainee sees the final score, the comment and the model answer.
    await page.reload();
    expect(await page.locator('.badge-result').textContent()).toMatch(/^(合格|不合格)$/);
    await page.locator('details.review-part[data-type="written"] summary').click();
    const review = page.getByTestId('written-review');
    expect(await review.getByTestId('written-score').textContent()).toContain(`得分 ${total} /`);
    expect(await review.getByTestId('written-comment').textContent()).toBe(COMMENT);
    expect((await review.getByTestId('written-model').textContent())!.length).toBeGreaterThan(100);
    expect(await sideways(page)).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'written-marked-390');
    expect(trainee.errors).toEqual([]);
    await trainee.close();
  });
});
