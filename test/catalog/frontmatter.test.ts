import { describe, expect, it } from 'vitest';
import { parseFrontmatter } from '../../src/catalog/frontmatter.js';

const FILE = '/x/01-lesson.mdx';
const lesson = (yaml: string) => `---\n${yaml}\n---\n\n## 正文\n`;
const VALID = [
  'title: 角色与职责',
  'hours: 2',
  'objectives:',
  '  - 说明定位',
  'modes: [face-to-face, remote, self-study]',
  'status: full',
  'selfCheck:',
  '  - id: role-1',
  '    question: 哪一项不是职责？',
  '    options: [市场分析, 客户关系管理, 制定货币政策, 营销策划]',
  '    answer: C',
  '    explanation: 货币政策由央行制定。',
].join('\n');

const messages = (yaml: string) => parseFrontmatter(FILE, lesson(yaml)).problems.map((p) => `${p.line}:${p.column} ${p.message}`);

describe('lesson frontmatter', () => {
  it('parses a valid block into typed fields', () => {
    const r = parseFrontmatter(FILE, lesson(VALID));
    expect(r.problems).toEqual([]);
    expect(r.frontmatter).toEqual({
      title: '角色与职责',
      hours: 2,
      objectives: ['说明定位'],
      modes: ['face-to-face', 'remote', 'self-study'],
      status: 'full',
      selfCheck: [
        {
          id: 'role-1',
          question: '哪一项不是职责？',
          options: ['市场分析', '客户关系管理', '制定货币政策', '营销策划'],
          answer: 'C',
          explanation: '货币政策由央行制定。',
        },
      ],
    });
  });

  it('selfCheck is optional and numbers in options become text', () => {
    const r = parseFrontmatter(
      FILE,
      lesson(
        'title: t\nhours: 1.5\nobjectives: [o]\nmodes: [remote]\nstatus: outline\nselfCheck:\n  - { id: n, question: q, options: [100, 200], answer: B, explanation: e }',
      ),
    );
    expect(r.frontmatter?.hours).toBe(1.5);
    expect(r.frontmatter?.selfCheck[0]?.options).toEqual(['100', '200']);
  });

  it('names the field and the line of the offending key', () => {
    expect(messages(VALID.replace('hours: 2', 'hours: 0'))).toEqual(['3:1 frontmatter.hours must be > 0, got 0']);
    expect(messages(VALID.replace('status: full', 'status: draft'))).toEqual(['7:1 frontmatter.status must be one of "full", "outline", got "draft"']);
    expect(messages(VALID.replace('modes: [face-to-face, remote, self-study]', 'modes: []'))).toEqual(['6:1 frontmatter.modes needs at least 1 item(s)']);
    expect(messages(VALID.replace('modes: [face-to-face, remote, self-study]', 'modes: [classroom]'))).toEqual([
      '6:9 frontmatter.modes[0] must be one of "face-to-face", "remote", "self-study", got "classroom"',
    ]);
    expect(messages(VALID.replace('objectives:\n  - 说明定位\n', ''))).toEqual(['2:1 frontmatter.objectives is required (array)']);
  });

  it('checks self-check answers against the options', () => {
    expect(messages(VALID.replace('answer: C', 'answer: E'))).toEqual(['12:5 frontmatter.selfCheck[0].answer: letter E has no option (4 options: A–D)']);
    expect(messages(VALID.replace('answer: C', 'answer: c'))).toEqual(['12:5 frontmatter.selfCheck[0].answer: must be option letters such as "C" or "AC"']);
    expect(messages(VALID.replace('[市场分析, 客户关系管理, 制定货币政策, 营销策划]', '[只有一个]').replace('answer: C', 'answer: A'))).toEqual([
      '11:5 frontmatter.selfCheck[0].options needs at least 2 item(s)',
    ]);
    expect(parseFrontmatter(FILE, lesson(VALID.replace('answer: C', 'answer: AC'))).frontmatter?.selfCheck[0]?.answer).toBe('AC');
    expect(messages(`${VALID}\n  - id: role-1\n    question: q\n    options: [a, b]\n    answer: A\n    explanation: e`)).toEqual([
      '14:5 frontmatter.selfCheck[1].id: role-1 is used twice',
    ]);
  });

  it('reads YAML 1.2: no octal surprises, dates stay text', () => {
    const r = parseFrontmatter(FILE, lesson(VALID.replace('title: 角色与职责', 'title: "0123"')));
    expect(r.frontmatter?.title).toBe('0123');
    expect(messages(VALID.replace('title: 角色与职责', 'title: 2024-01-01'))).toEqual([]);
  });

  it('flags unknown keys as warnings without failing the lesson', () => {
    const r = parseFrontmatter(FILE, lesson(`${VALID}\nobjective: typo`));
    expect(r.frontmatter).toBeDefined();
    expect(r.warnings.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual(['14:1 frontmatter.objective: unknown field']);
  });

  it('needs a --- block and valid YAML', () => {
    expect(parseFrontmatter(FILE, '## no frontmatter').problems[0]).toMatchObject({ line: 1, column: 1 });
    const bad = parseFrontmatter(FILE, lesson('title: [unclosed\nhours: 1'));
    expect(bad.problems[0]?.message).toMatch(/^frontmatter YAML: /);
    expect(bad.problems[0]?.line).toBeGreaterThanOrEqual(2);
  });
});
