import { describe, expect, it } from 'vitest';
import * as people from '../../../src/institutions/store.js';
import { checkLevels, markState, mayMark, SINGLE_MARKING, writtenStats } from '../../../src/exams/marking/rules.js';
import type { TestApp } from '../../helpers/app.js';
import { attemptRow } from '../../helpers/exams.js';
import { base, best, mark, queueItem, setup, sit, writtenQuestion, writtenSlot } from '../../helpers/written.js';

// Marking written answers (阅卷) on a real database: instructors of the cohort mark blind with the
// rubric, the attempt stays 待阅卷 until its last written answer is final, and only then does it get
// its score and pass/fail and does the LMS hear of it. Marking is refused to anyone outside the cohort.

const worst = (levels: number[][]) => levels.map((l) => Math.min(...l));

const statements = (t: TestApp) =>
  (t.db.$client.prepare('select statement from xapi_queue').all() as { statement: string }[]).map((r) => JSON.parse(r.statement) as { verb: { id: string } });
const verbs = (t: TestApp) => statements(t).map((st) => st.verb.id.split('/').pop());

describe('the marking rules', () => {
  const rubric = writtenQuestion().rubric as Parameters<typeof checkLevels>[0];
  it('takes one existing level per criterion and adds them up', () => {
    expect(checkLevels(rubric, [6, 4])).toEqual({ total: 10 });
    expect(checkLevels(rubric, [2, 0])).toEqual({ total: 2 });
    expect(checkLevels(rubric, [3, 4])).toEqual({ problems: [{ criterion: 0, message: 'not-a-level' }] });
    expect(checkLevels(rubric, [undefined, 0])).toEqual({ problems: [{ criterion: 0, message: 'missing' }] });
    expect(checkLevels(rubric, [6])).toEqual({ problems: [{ criterion: -1, message: 'wrong-count' }] });
  });

  it('settles a double-marked answer by the mean when the markers agree, by a third marker when they do not', () => {
    const policy = { second: true, discrepancyPercent: 20 };
    const m = (markerId: number, total: number) => ({ markerId, levels: [], total });
    expect(markState([], policy, 10).stage).toBe('first');
    expect(markState([m(1, 8)], SINGLE_MARKING, 10)).toMatchObject({ stage: 'final', mark: 8 });
    expect(markState([m(1, 8)], policy, 10).stage).toBe('second');
    expect(markState([m(1, 8), m(2, 6)], policy, 10)).toMatchObject({ stage: 'final', mark: 7 });
    expect(markState([m(1, 9), m(2, 6)], policy, 10)).toMatchObject({ stage: 'third', gap: 3 });
    expect(markState([m(1, 9), m(2, 6), m(3, 4)], policy, 10)).toMatchObject({ stage: 'final', mark: 4 });
    const stats = writtenStats([markState([m(1, 8), m(2, 6)], policy, 10), markState([m(1, 4), m(2, 4)], policy, 10), markState([], policy, 10)], 2);
    expect(stats).toMatchObject({
      finals: 2,
      mean: 5.5,
      sd: 1.5,
      markers: [
        { markerId: 1, marks: 2, mean: 6 },
        { markerId: 2, marks: 2, mean: 5 },
      ],
    });
    const second = markState([m(1, 8)], policy, 10);
    expect(mayMark(second, 1)).toBe(false);
    expect(mayMark(second, 2)).toBe(true);
  });
});

describe('marking written answers', () => {
  it('an instructor marks blind with the rubric; the attempt stays 待阅卷 until then and gets its score, pass and LMS result only after', async () => {
    const s = await setup();
    const id = await sit(s, 'one@a.example', '本行应先核实客户的风险承受能力，再匹配产品。');
    expect(attemptRow(s.t, id)).toMatchObject({ status: 'submitted', score: null, passed: null });
    expect(verbs(s.t)).not.toContain('passed');
    expect(verbs(s.t)).not.toContain('failed');

    const cookie = await s.t.login(s.a.instructor.email);
    const item = await queueItem(s, cookie);
    const { res, html } = await mark(s, cookie, item, best, '分析完整，条理清楚。');
    // Blind: a candidate number, the answer and the rubric; never the trainee's name or e-mail.
    expect(html).toContain('本行应先核实客户的风险承受能力');
    expect(html).not.toContain('one@a.example');
    expect(html).not.toContain(s.trainees[0]!.name);
    expect(res.status).toBe(303);

    const row = attemptRow(s.t, id);
    expect(row.score).not.toBeNull();
    expect(row.passed).not.toBeNull();
    const result = JSON.parse(row.result!) as { awaiting?: string[]; slots: { type: string; score: number; max: number; pending?: boolean }[] };
    expect(result.awaiting).toBeUndefined();
    const written = result.slots.find((x) => x.type === 'written')!;
    expect(written.pending).toBeUndefined();
    expect(written.score).toBe(written.max); // the best level of every criterion: full marks
    expect(verbs(s.t).filter((v) => v === 'passed' || v === 'failed')).toHaveLength(1);
    // Each mark is audited: who marked, what they picked.
    const audit = s.t.db.$client.prepare("select actor_id, detail from audit_log where action = 'exam.mark'").all() as { actor_id: number; detail: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(s.a.instructor.id);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ exam: 'retail-written', stage: 'first' });
    // Nothing is left for this marker; marking the same answer again is refused and changes nothing.
    expect(await (await s.t.request(`${base(s)}/answer?item=${encodeURIComponent(item)}`, { cookie })).text()).toContain('data-testid="marking-done"');
  });

  it('refuses a missing or invented level with the criterion named, and stores nothing', async () => {
    const s = await setup();
    const id = await sit(s, 'one@a.example', '答卷内容');
    const cookie = await s.t.login(s.a.instructor.email);
    const item = await queueItem(s, cookie);
    const invented = await mark(s, cookie, item, (levels) => levels.map((l) => Math.max(...l) + 1));
    expect(invented.res.status).toBe(422);
    expect(await invented.res.text()).toContain('不是评分标准中的档次');
    expect(s.t.db.$client.prepare('select count(*) n from written_marks').get()).toEqual({ n: 0 });
    expect(attemptRow(s.t, id).score).toBeNull();
  });

  it('sends a double-marked answer whose marks differ too much to a third marker, whose mark stands', async () => {
    const s = await setup('marking: { second: true, discrepancyPercent: 20 }');
    const id = await sit(s, 'one@a.example', '答卷内容');
    const first = await s.t.login(s.a.instructor.email);
    const item = await queueItem(s, first);
    expect((await mark(s, first, item, best)).res.status).toBe(303);
    expect(attemptRow(s.t, id).score).toBeNull(); // one mark is not enough under second marking
    // The first marker cannot mark it twice.
    expect(await (await s.t.request(`${base(s)}/answer?item=${encodeURIComponent(item)}`, { cookie: first })).text()).toContain('data-testid="marking-done"');

    const second = await s.t.login('second@a.example');
    expect((await mark(s, second, item, worst)).res.status).toBe(303);
    expect(attemptRow(s.t, id).score).toBeNull(); // full marks against nothing: far apart
    const queue = await (await s.t.request(base(s), { cookie: await s.t.login('third@a.example') })).text();
    expect(queue).toContain('待第三评');

    const third = await s.t.login('third@a.example');
    const { res } = await mark(s, third, item, worst);
    expect(res.status).toBe(303);
    const result = JSON.parse(attemptRow(s.t, id).result!) as { slots: { type: string; score: number }[] };
    expect(result.slots.find((x) => x.type === 'written')!.score).toBe(0); // the third mark stands
    expect(attemptRow(s.t, id).score).not.toBeNull();
    // The queue compares the markers: each one's mean, named (markers are staff, not candidates).
    const stats = await (await s.t.request(base(s), { cookie: first })).text();
    expect(stats).toContain('data-testid="marking-stats"');
    for (const email of [s.a.instructor.email, 'second@a.example', 'third@a.example']) {
      const name = (s.t.db.$client.prepare('select name from users where email = ?').get(email) as { name: string }).name;
      expect(stats).toContain(name);
    }
  });

  it('refuses marking to instructors of other cohorts and to other institutions, and a trainee', async () => {
    const s = await setup();
    const id = await sit(s, 'one@a.example', '答卷内容');
    const item = await queueItem(s, await s.t.login(s.a.instructor.email));
    const slot = writtenSlot(s.t, id);
    const url = `${base(s)}/answer?item=${encodeURIComponent(item)}`;
    const attack = { attempt: String(id), slot, c0: '0', c1: '0', c2: '0', c3: '0', comment: '' };
    const cases: [string, number][] = [
      ['outsider@a.example', 403], // an instructor of the same institution, not assigned to the cohort
      [s.b.instructor.email, 404], // another institution: as if the cohort did not exist
      [s.b.admin.email, 404],
      ['one@a.example', 403], // the trainee who wrote it
    ];
    for (const [email, status] of cases) {
      const cookie = await s.t.login(email);
      expect((await s.t.request(base(s), { cookie })).status, email).toBe(status);
      expect((await s.t.request(url, { method: 'POST', cookie, body: s.t.form(attack) })).status, email).toBe(status);
    }
    // An attempt of another cohort, posted to this cohort's marking by its admin: not found.
    const elsewhere = people.createCohort(s.t.db, {
      institutionId: s.a.inst.id,
      name: '对私二班',
      level: 'retail',
      startsOn: '2026-09-01',
      endsOn: '2026-12-31',
    });
    const stranger = await s.t.user('trainee', s.a.inst.id, 'stranger@a.example');
    people.enrol(s.t.db, elsewhere.id, stranger.id);
    const other = await sit(s, 'stranger@a.example', '另一个班的答卷');
    const admin = await s.t.login(s.a.admin.email);
    const res = await s.t.request(url, { method: 'POST', cookie: admin, body: s.t.form({ ...attack, attempt: String(other), slot: writtenSlot(s.t, other) }) });
    expect(res.status).toBe(404);
    expect(s.t.db.$client.prepare('select count(*) n from written_marks').get()).toEqual({ n: 0 });
  });
});
