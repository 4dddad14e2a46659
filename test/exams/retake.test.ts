import { describe, expect, it } from 'vitest';
import * as people from '../../src/institutions/store.js';
import { earlierExposure } from '../../src/exams/attempts.js';
import { drawPaper } from '../../src/exams/paper.js';
import { poolFor } from '../../src/exams/pool.js';
import { earlierPaperKeys } from '../../src/exams/store.js';
import { paperSlots, TYPE_ORDER, type Paper } from '../../src/exams/types.js';
import type { TestApp } from '../helpers/app.js';
import { attemptRow, correctPicks, examApp, page, save, slotsIn, start } from '../helpers/exams.js';

// Sitting a level's mock exam again, on a real database: the retake avoids the questions of the
// trainee's earlier attempts as far as the bank allows, the paper can be drawn again from its seed,
// and the senior paper scores multiple choice all-or-nothing.

async function submit(t: TestApp, cookie: string, id: number) {
  const res = await t.request(`/exams/attempts/${id}/submit`, { method: 'POST', cookie, body: t.form({ pending: '' }) });
  expect(res.status).toBe(303);
}

const paperOf = (t: TestApp, id: number): Paper => JSON.parse(attemptRow(t, id).paper);
const keysOf = (paper: Paper) => paper.items.map((i) => i.key);

describe('a retake of a mock exam', () => {
  it('holds none of the first attempt’s questions where the bank has enough others, and only as many as it must elsewhere', async () => {
    const { t, a, cookie } = await examApp();
    const bp = t.exams.blueprints.byId.get('assistant-mock')!;
    const pool = poolFor(t, a.inst.id);
    const first = await start(t, cookie);
    await submit(t, cookie, first);
    const second = await start(t, cookie);
    expect(second).not.toBe(first);
    const before = new Set(keysOf(paperOf(t, first)));
    let fresh = 0;
    for (const rule of bp.draw) {
      for (const type of TYPE_ORDER) {
        const want = rule[type];
        if (!want) continue;
        const available = pool.candidates(rule.course, type).length;
        const repeated = paperOf(t, second).items.filter((i) => i.course === rule.course && i.type === type && before.has(i.key));
        // Unseen questions first: a repeat only for each one the bank lacks.
        expect([rule.course, type, repeated.length]).toEqual([rule.course, type, Math.max(0, 2 * want - available)]);
        if (available >= 2 * want) fresh++;
      }
    }
    expect(fresh).toBeGreaterThan(0); // today's banks allow a fully fresh retake somewhere
  });

  it('is drawn again exactly from its seed and the attempts before it', async () => {
    const { t, a, cookie } = await examApp();
    const bp = t.exams.blueprints.byId.get('assistant-mock')!;
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await start(t, cookie));
      await submit(t, cookie, ids[i]!);
    }
    const papers = earlierPaperKeys(t.db, a.trainee.id, 'assistant-mock');
    expect(papers).toEqual(ids.map((id) => keysOf(paperOf(t, id))));
    const pool = poolFor(t, a.inst.id);
    ids.forEach((id, i) => {
      expect(drawPaper(bp, pool, attemptRow(t, id).seed, earlierExposure(papers.slice(0, i)))).toEqual(paperOf(t, id));
    });
    // Another trainee's attempts are not this trainee's exposure.
    expect(earlierPaperKeys(t.db, a.trainee.id + 1000, 'assistant-mock')).toEqual([]);
  });
});

describe('the senior mock exam', () => {
  it('scores a multiple choice with only some of the right options as 0 (all-or-nothing)', async () => {
    const { t, a, cookie } = await examApp();
    const senior = people.createCohort(t.db, { institutionId: a.inst.id, name: 'A 高级班', level: 'senior', startsOn: '2026-03-01', endsOn: '2026-06-30' });
    people.enrol(t.db, senior.id, a.trainee.id);
    const id = await start(t, cookie, 'senior-mock');
    const paper = paperOf(t, id);
    expect(paper.scoring).toBe('allOrNothing');
    const slots = slotsIn(await page(t, cookie, id));
    const right = await correctPicks(t, id);
    let seq = 1;
    let lost = 0;
    for (const slot of slots) {
      const points = paperSlots(paper).find((s) => s.key === slot.key)!.points;
      // The written question (a text box, no options) is left blank: no points, nothing to mark.
      if (slot.values.length === 0) {
        lost += points;
        continue;
      }
      const picks = right.get(slot.key)!;
      // Every multiple choice answered with all but one of its right options; the rest right.
      const given = slot.type === 'checkbox' ? picks.slice(1) : picks;
      if (slot.type === 'checkbox') lost += points;
      expect((await save(t, cookie, id, { q: slot.key, a: given, seq: seq++ })).status).toBe(200);
    }
    expect(lost).toBeGreaterThan(0);
    await submit(t, cookie, id);
    const row = attemptRow(t, id);
    expect(row.score).toBe(row.max_score! - lost);
    const result = JSON.parse(row.result!) as { slots: { type: string; score: number; max: number }[] };
    expect(result.slots.filter((s) => s.score > 0 && s.score < s.max)).toEqual([]);
    const html = await page(t, cookie, id);
    expect(html).not.toContain('部分正确');
  });
});
