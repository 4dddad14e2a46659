import { describe, expect, it } from 'vitest';
import { TEMPLATE_HEADER } from '../../src/questions/spreadsheet.js';
import { readRubric, readWords, readWrittenKind } from '../../src/questions/written-cells.js';
import { writtenQuestion } from '../helpers/written.js';
import { en, errorsOf, questionsOf, run, utf8 } from './support.js';

// The 评分标准 cell of the helpers' written question (its rubric, worth 10), in the spellings a
// spreadsheet uses: ':' or '：', '0' or '0分' (a description may begin with 分 after it), '|' or '｜'.
const RUBRIC = '风险识别: 0 未指出主要风险 | 2 指出一项风险 | 6 全面识别风险并排序\n还款来源分析：0分 未分析｜4分 分析第一、第二还款来源';
const MODEL = '参考答案：'.padEnd(110, '流动比率低于一，短期偿债能力减弱；');

/** A CSV with the template's header and the given rows (cells by header name). */
function csv(...rows: Record<string, string>[]): Uint8Array {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return utf8([TEMPLATE_HEADER.join(','), ...rows.map((r) => TEMPLATE_HEADER.map((h) => q(r[h] ?? '')).join(','))].join('\r\n'));
}

const row = (over: Record<string, string> = {}) => ({
  题型: '案例分析-主观',
  题干: '请分析该企业的偿债风险，并说明理由。',
  答案: MODEL,
  评分标准: RUBRIC,
  字数: '300-800',
  难度: '难',
  知识点: '偿债能力',
  所属课: '2',
  题目编号: 'W-1',
  ...over,
});

describe('written questions (主观题) in the question spreadsheet', () => {
  it('reads the type words, the 字数 guide and the 评分标准 cell', () => {
    expect(['主观题', '简答题', '论述', '案例分析-主观', '实操任务'].map(readWrittenKind)).toEqual(['essay', 'short', 'essay', 'case', 'task']);
    expect(readWrittenKind('单选')).toBeUndefined();
    expect(readWords('300～800字')).toEqual({ ok: { min: 300, max: 800 } });
    expect('fail' in readWords('800-300')).toBe(true);
    expect(readRubric(RUBRIC)).toEqual({ ok: writtenQuestion().rubric });
  });

  it('imports a 主观题 row with its rubric, model answer (答案 column) and points from the rubric', async () => {
    const q = questionsOf(await run('w.csv', csv(row())));
    expect(q.get('W-1')).toMatchObject({
      type: 'written',
      kind: 'case',
      points: 10,
      words: { min: 300, max: 800 },
      modelAnswer: MODEL,
      difficulty: 5,
      lesson: '02-customer-manager-system',
      at: 2,
    });
  });

  it('names the row and the column of a bad rubric, a missing 字数 or options on a 主观题', async () => {
    const errors = errorsOf(
      await run(
        'w.csv',
        csv(
          row({ 评分标准: '风险识别 0 未指出' }),
          row({ 题目编号: 'W-2', 字数: '' }),
          row({ 题目编号: 'W-3', 选项A: '甲', 评分标准: '风险识别: 0 未指出 | 两分 指出' }),
        ),
      ),
    );
    expect(errors).toEqual([
      '2: “评分标准”第 1 行“风险识别 0 未指出”缺少评分项名称：请写成“评分项: 0 描述 | 2 描述 | …”。',
      '3: “字数”为空。',
      expect.stringMatching(/^4: 主观题不设选项：请将“选项A”/),
      '4: “评分标准”第 1 行的档次“两分 指出”无法识别：每档以分数开头，如“2 指出一项风险”，档次之间用 | 分隔。',
    ]);
  });

  it('checks the rubric rules of bcm validate (levels rise from 0), in English too', async () => {
    const [line] = errorsOf(await run('w.csv', csv(row({ 评分标准: '风险识别: 1 甲 | 2 乙\n还款来源: 0 甲 | 3 乙' })), en));
    expect(line).toMatch(/^2: .*rubric\.0\.levels\.0\.points.*0 points/);
  });
});
