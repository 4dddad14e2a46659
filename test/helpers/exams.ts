import fs from 'node:fs';
import path from 'node:path';
import { makeTestApp, type TestApp } from './app.js';
import { tempDir } from './temp.js';

// Shared set-up for the exam tests: a trainee with a session, starting attempts and reading the
// answerable slots back out of the page as a browser would see them.

export type Slot = { key: string; no: number; type: 'radio' | 'checkbox'; values: string[] };

/** Two institutions (assistant-level cohorts) with a logged-in trainee in A. */
export async function examApp(env: Record<string, string> = {}) {
  const t = await makeTestApp(env);
  const { a, b } = await t.twoInstitutions();
  const cookie = await t.login(a.trainee.email);
  return { t, a, b, cookie };
}

export async function start(t: TestApp, cookie: string, exam = 'assistant-mock'): Promise<number> {
  const res = await t.request(`/exams/start/${exam}`, { method: 'POST', cookie });
  if (res.status !== 303) throw new Error(`start ${exam}: ${res.status} ${await res.text()}`);
  return Number(/\/exams\/attempts\/(\d+)$/.exec(res.headers.get('location') ?? '')![1]);
}

export async function page(t: TestApp, cookie: string, id: number): Promise<string> {
  const res = await t.request(`/exams/attempts/${id}`, { cookie });
  if (res.status !== 200) throw new Error(`attempt page ${id}: ${res.status}`);
  return res.text();
}

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The answerable slots on an exam page, in order, with their input values. */
export function slotsIn(html: string): Slot[] {
  const out: Slot[] = [];
  for (const m of html.matchAll(/<form id="q-(\d+)"[^>]*data-key="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)) {
    const body = m[3]!;
    const inputs = [...body.matchAll(/<input type="(radio|checkbox)" name="a" value="([^"]+)"/g)];
    out.push({ no: Number(m[1]), key: unescape(m[2]!), type: (inputs[0]?.[1] as Slot['type']) ?? 'radio', values: inputs.map((i) => i[2]!) });
  }
  return out;
}

export async function save(t: TestApp, cookie: string, id: number, body: { q: string; a?: string[]; f?: boolean; seq: number }) {
  const form = new URLSearchParams({ q: body.q, seq: String(body.seq) });
  for (const a of body.a ?? []) form.append('a', a);
  if (body.f) form.set('f', '1');
  return t.request(`/exams/attempts/${id}/save`, { method: 'POST', cookie, body: form, headers: { 'HX-Request': 'true' } });
}

export function answerRows(t: TestApp, id: number) {
  return t.db.$client.prepare('select question_key key, answer, flagged, seq from attempt_answers where attempt_id = ? order by question_key').all(id) as {
    key: string;
    answer: string;
    flagged: number;
    seq: number;
  }[];
}

export function attemptRow(t: TestApp, id: number) {
  return t.db.$client.prepare('select * from exam_attempts where id = ?').get(id) as {
    id: number;
    status: string;
    deadline_at: number | null;
    started_at: number;
    submitted_by: string | null;
    score: number | null;
    max_score: number | null;
    passed: number | null;
    last_seq: number;
    paper: string;
    seed: string;
    result: string | null;
  };
}

/**
 * A courses folder holding only a blueprints.yaml, for tests that need a tiny or odd blueprint.
 * The app reads blueprints from COURSES_DIR; the question banks still come from the real catalogue.
 */
export function blueprintDir(yaml: string): string {
  const dir = tempDir('bcm-blueprints-');
  fs.writeFileSync(path.join(dir, 'blueprints.yaml'), yaml);
  return dir;
}

export const TINY_BLUEPRINT = `
blueprints:
  - id: tiny-mock
    level: assistant
    title: { zh: 小测验, en: Quick quiz }
    timeLimitMinutes: 1
    passPercent: 50
    points: { single: 1, multiple: 2, truefalse: 1, casePart: 2 }
    multipleScoring: partial
    review: { answers: true, explanations: true }
    draw:
      - { course: bcm-intro, single: 2, multiple: 1, truefalse: 1, case: 1 }
`;

/** The displayed positions that answer each slot of an attempt correctly (from the stored paper). */
export async function correctPicks(t: TestApp, id: number): Promise<Map<string, string[]>> {
  const { paperSlots } = await import('../../src/exams/types.js');
  const { displayPicks, slotPart, storedKey } = await import('../../src/exams/answers.js');
  const { poolFor } = await import('../../src/exams/pool.js');
  const row = attemptRow(t, id);
  const pool = poolFor(t, (t.db.$client.prepare('select institution_id i from exam_attempts where id = ?').get(id) as { i: number }).i);
  const out = new Map<string, string[]>();
  for (const slot of paperSlots(JSON.parse(row.paper))) {
    if (slot.type === 'written') continue; // prose, marked by hand: no key to pick
    const part = slotPart(pool.byKey.get(slot.item.key)?.question, slot)!;
    out.set(slot.key, [...displayPicks(slot, storedKey(part))]);
  }
  return out;
}

/** Every explanation (解析) of the questions on an attempt's paper. */
export async function explanationsOf(t: TestApp, id: number): Promise<string[]> {
  const { poolFor } = await import('../../src/exams/pool.js');
  const row = attemptRow(t, id);
  const pool = poolFor(t, (t.db.$client.prepare('select institution_id i from exam_attempts where id = ?').get(id) as { i: number }).i);
  const out: string[] = [];
  for (const item of JSON.parse(row.paper).items as { key: string }[]) {
    const q = pool.byKey.get(item.key)!.question;
    if (q.type === 'case') {
      if (q.explanation) out.push(q.explanation);
      for (const p of q.parts) out.push(p.explanation);
    } else if (q.type !== 'written') out.push(q.explanation);
  }
  return out;
}

/** HTML-escaped the way hono/jsx renders text. */
export const htmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
