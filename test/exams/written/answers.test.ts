import { afterEach, describe, expect, it, vi } from 'vitest';
import { ANSWER_MAX_CHARS } from '../../../src/catalog/index.js';
import { answerRows, attemptRow, page, save, start } from '../../helpers/exams.js';
import { best, mark, queueItem, setup, writtenSlot } from '../../helpers/written.js';

// A trainee's written answer (主观题) on the real routes: the box on the paper, autosave with the
// same sequence numbers as choices, the size limit, the deadline, and what the result, the history
// and the home page say before and after the answer is marked.

afterEach(() => vi.useRealTimers());

const at = (ms: number) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(ms);
};

async function sitting() {
  const s = await setup();
  const cookie = await s.t.login('one@a.example');
  const id = await start(s.t, cookie, 'retail-written');
  return { ...s, cookie, id, key: writtenSlot(s.t, id) };
}

describe('writing an answer in the exam', () => {
  it('shows the prompt, the length guide and a text box, saves what is typed, and puts it back on reload', async () => {
    const s = await sitting();
    const html = await page(s.t, s.cookie, s.id);
    expect(html).toMatch(/<div class="written-prompt">[^<]{40,}<\/div>/);
    expect(html).toMatch(/建议 \d+–\d+ 字，上限 10000 字/);
    expect(html).toMatch(new RegExp(`<textarea id="q-\\d+-a" name="a" rows="12" maxlength="${ANSWER_MAX_CHARS}"`));

    const first = '第一稿：流动比率偏低。';
    expect((await save(s.t, s.cookie, s.id, { q: s.key, a: [first], seq: 5 })).status).toBe(200);
    // Browsers send line breaks as \r\n; the stored answer keeps them as \n.
    const second = '流动比率 0.8 低于 1，\r\n短期偿债压力大。';
    expect((await save(s.t, s.cookie, s.id, { q: s.key, a: [second], seq: 9 })).status).toBe(200);
    // An older save arriving late is acknowledged and ignored: the newest text stays.
    expect((await save(s.t, s.cookie, s.id, { q: s.key, a: [first], seq: 7 })).status).toBe(200);
    expect(answerRows(s.t, s.id).find((r) => r.key === s.key)).toMatchObject({ answer: '流动比率 0.8 低于 1，\n短期偿债压力大。', seq: 9 });

    const again = await page(s.t, s.cookie, s.id);
    expect(again).toContain('>\n流动比率 0.8 低于 1，\n短期偿债压力大。</textarea>');
    expect(again).toContain('已输入 23 字');
    // The answer sheet counts it as answered.
    expect(again).toMatch(/data-sheet-count>已答 1 \/ \d+</);
  });

  it('takes an answer of the full length in Chinese and refuses one character more, naming the limit and keeping the saved answer', async () => {
    const s = await sitting();
    const full = '风'.repeat(ANSWER_MAX_CHARS);
    const ok = await save(s.t, s.cookie, s.id, { q: s.key, a: [full], seq: 1 });
    expect(ok.status).toBe(200);
    const over = await save(s.t, s.cookie, s.id, { q: s.key, a: [full + '险'], seq: 2 });
    expect(over.status).toBe(413);
    expect(await over.text()).toContain(`作答超过 ${ANSWER_MAX_CHARS} 字的上限`);
    expect(answerRows(s.t, s.id).find((r) => r.key === s.key)).toMatchObject({ answer: full, seq: 1 });
    // Far over the limit, the body itself is refused while it is read.
    const huge = await save(s.t, s.cookie, s.id, { q: s.key, a: ['险'.repeat(ANSWER_MAX_CHARS * 3)], seq: 3 });
    expect(huge.status).toBe(413);
    expect(answerRows(s.t, s.id).find((r) => r.key === s.key)!.answer).toBe(full);
  });

  it('refuses a written answer after the deadline like any other, and submits the attempt', async () => {
    const s = await sitting();
    const deadline = attemptRow(s.t, s.id).deadline_at!;
    at(deadline + 60_000);
    const late = await save(s.t, s.cookie, s.id, { q: s.key, a: ['迟到的答案'], seq: 1 });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('考试时间已到，此答案未被接收');
    expect(answerRows(s.t, s.id).some((r) => r.key === s.key)).toBe(false);
    expect(attemptRow(s.t, s.id)).toMatchObject({ status: 'submitted', submitted_by: 'deadline' });
  });

  it('counts an empty written answer as unanswered on the submit confirmation', async () => {
    const s = await sitting();
    const before = await (await s.t.request(`/exams/attempts/${s.id}/confirm`, { cookie: s.cookie })).text();
    const writtenNo = String(JSON.parse(attemptRow(s.t, s.id).paper).items.length); // the written item is last on the paper
    expect(before).toContain(`#q-${writtenNo}`);
    await save(s.t, s.cookie, s.id, { q: s.key, a: ['   '], seq: 1 }); // spaces only: still blank
    expect(answerRows(s.t, s.id).find((r) => r.key === s.key)!.answer).toBe('');
  });
});

describe('after submitting', () => {
  it('says 待阅卷 with no pass or fail until the answer is marked, then shows the score, the comment and the model answer', async () => {
    const s = await sitting();
    await save(s.t, s.cookie, s.id, { q: s.key, a: ['流动比率 0.8，短期偿债能力不足，应核查经营现金流。'], seq: 1 });
    expect((await s.t.request(`/exams/attempts/${s.id}/submit`, { method: 'POST', cookie: s.cookie, body: s.t.form({ pending: '' }) })).status).toBe(303);

    const waiting = await page(s.t, s.cookie, s.id);
    expect(waiting).toContain('已交卷，主观题待阅卷');
    expect(waiting).toContain('data-testid="written-awaiting"');
    // By type, the written row says 待阅卷 in place of a score and has no percentage.
    const byType = /data-testid="by-type"[\s\S]*?<\/table>/.exec(waiting)![0];
    expect(byType).toMatch(/<th scope="row">主观题<\/th><td class="num">待阅卷<\/td><td class="num">\d+<\/td><td class="num"><\/td>/);
    expect(waiting).not.toContain('badge-result pass');
    expect(waiting).not.toContain('badge-result fail');
    expect(waiting).not.toContain('data-testid="written-model"');
    const history = await (await s.t.request('/exams/history', { cookie: s.cookie })).text();
    expect(history).toContain('data-testid="history-awaiting"');
    const home = async () => (await s.t.request('/me', { cookie: s.cookie })).text();
    expect(await home()).toContain('1 次考试待阅卷');

    const marker = await s.t.login(s.a.instructor.email);
    const item = await queueItem(s, marker);
    const { res } = await mark(s, marker, item, best, '风险识别准确，还款来源分析完整。');
    expect(res.status).toBe(303);

    const marked = await page(s.t, s.cookie, s.id);
    expect(marked).not.toContain('主观题待阅卷');
    expect(marked).toMatch(/badge-result (pass|fail)/);
    expect(marked).toContain('得分 ');
    expect(marked).toContain('风险识别准确，还款来源分析完整。');
    expect(marked).toContain('data-testid="written-model"');
    expect(marked).toMatch(/data-testid="written-model">[^<]{100,}</);
    // Blind marking stays blind for the trainee too: the comment does not say who marked.
    expect(marked).not.toContain(s.a.instructor.email);
    expect(await (await s.t.request('/exams/history', { cookie: s.cookie })).text()).not.toContain('data-testid="history-awaiting"');
    expect(await home()).not.toContain('次考试待阅卷');
    expect(await home()).toMatch(/data-testid="home-exam-retail-written">[\s\S]*?最好成绩/);
  });
});
