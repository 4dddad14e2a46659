import { expect } from 'vitest';
import * as people from '../../src/institutions/store.js';
import type { TestApp } from './app.js';
import { attemptRow, blueprintDir, examApp, save, start } from './exams.js';

// A valid written question (主观题) worth 10 on its rubric, for tests to vary.
export const writtenQuestion = (over: Record<string, unknown> = {}) => ({
  id: 'ca-w01',
  type: 'written',
  kind: 'case',
  lesson: 'l1',
  topic: '偿债能力分析',
  difficulty: 5,
  points: 10,
  words: { min: 300, max: 800 },
  stem: '某企业流动比率 0.8，请分析其短期偿债风险，并说明理由。',
  rubric: [
    {
      criterion: '风险识别',
      levels: [
        { points: 0, description: '未指出主要风险' },
        { points: 2, description: '指出一项风险' },
        { points: 6, description: '全面识别风险并排序' },
      ],
    },
    {
      criterion: '还款来源分析',
      levels: [
        { points: 0, description: '未分析' },
        { points: 4, description: '分析第一、第二还款来源' },
      ],
    },
  ],
  modelAnswer: '参考答案：'.padEnd(120, '流动比率低于一说明流动资产不足以覆盖流动负债，'),
  ...over,
});

// A retail cohort sitting a mock exam with one written question, two trainees, three instructors
// of the cohort and one who is not.
const blueprint = (marking = '') => `
blueprints:
  - id: retail-written
    level: retail
    title: { zh: 主观题模拟, en: Written mock }
    timeLimitMinutes: 30
    passPercent: 60
    points: { single: 1, multiple: 2, truefalse: 1, casePart: 2 }
    ${marking}
    draw:
      - { course: retail-marketing, single: 2, written: 1, spread: none }
`;

export type Setup = Awaited<ReturnType<typeof setup>>;

export async function setup(marking = '') {
  // The LRS as configured by XAPI_LRS_URL: statements are only queued here, never sent.
  const { t, a, b } = await examApp({ COURSES_DIR: blueprintDir(blueprint(marking)), XAPI_LRS_URL: 'https://lrs.example.cn/xapi/' });
  const cohort = people.createCohort(t.db, { institutionId: a.inst.id, name: '对私一班', level: 'retail', startsOn: '2026-09-01', endsOn: '2026-12-31' });
  const trainees = [];
  for (const name of ['one', 'two']) {
    const trainee = await t.user('trainee', a.inst.id, `${name}@a.example`);
    people.enrol(t.db, cohort.id, trainee.id);
    trainees.push(trainee);
  }
  people.assignInstructor(t.db, cohort.id, a.instructor.id);
  const second = await t.user('instructor', a.inst.id, 'second@a.example');
  people.assignInstructor(t.db, cohort.id, second.id);
  const third = await t.user('instructor', a.inst.id, 'third@a.example');
  people.assignInstructor(t.db, cohort.id, third.id);
  const outsider = await t.user('instructor', a.inst.id, 'outsider@a.example'); // same institution, not this cohort
  return { t, a, b, cohort, trainees, second, third, outsider };
}

/** A trainee sits the exam, writes `text` in the written slot and submits; returns the attempt id. */
export async function sit(s: Setup, email: string, text: string): Promise<number> {
  const cookie = await s.t.login(email);
  const id = await start(s.t, cookie, 'retail-written');
  const saved = await save(s.t, cookie, id, { q: writtenSlot(s.t, id), a: [text], seq: 1 });
  expect(saved.status).toBe(200);
  const res = await s.t.request(`/exams/attempts/${id}/submit`, { method: 'POST', cookie, body: s.t.form({ pending: '' }) });
  expect(res.status).toBe(303);
  return id;
}

export function writtenSlot(t: TestApp, id: number): string {
  const paper = JSON.parse(attemptRow(t, id).paper) as { items: { key: string; type: string }[] };
  const item = paper.items.find((i) => i.type === 'written');
  if (!item) throw new Error(`attempt ${id} has no written item: ${JSON.stringify(paper.items.map((i) => i.type))}`);
  return item.key;
}

export const base = (s: Setup) => `/cohorts/${s.cohort.id}/exams/retail-written/marking`;

export async function queueItem(s: Setup, cookie: string): Promise<string> {
  const html = await (await s.t.request(base(s), { cookie })).text();
  const m = /marking\/answer\?item=([^"]+)"/.exec(html);
  if (!m) throw new Error(`no question to mark in the queue:\n${html.slice(0, 2000)}`);
  return decodeURIComponent(m[1]!.replace(/&amp;/g, '&'));
}

/** Opens the next answer, picks the levels given (by criterion) and saves; returns the response. */
export async function mark(s: Setup, cookie: string, item: string, pick: (levels: number[][]) => number[], comment = '') {
  const url = `${base(s)}/answer?item=${encodeURIComponent(item)}`;
  const html = await (await s.t.request(url, { cookie })).text();
  const attempt = /name="attempt" value="(\d+)"/.exec(html)?.[1];
  const slot = /name="slot" value="([^"]+)"/.exec(html)?.[1];
  if (!attempt || !slot) throw new Error(`nothing to mark:\n${html.slice(0, 1500)}`);
  const levels: number[][] = [];
  for (const m of html.matchAll(/name="c(\d+)" value="(\d+)"/g)) (levels[Number(m[1])] ??= []).push(Number(m[2]));
  const chosen = pick(levels);
  const form: Record<string, string> = { attempt, slot: slot.replace(/&amp;/g, '&'), comment };
  chosen.forEach((p, i) => (form[`c${i}`] = String(p)));
  return { res: await s.t.request(url, { method: 'POST', cookie, body: s.t.form(form) }), html, attempt: Number(attempt) };
}

export const best = (levels: number[][]) => levels.map((l) => Math.max(...l));
