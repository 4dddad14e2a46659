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
