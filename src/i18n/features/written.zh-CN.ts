// Written questions (主观题) and marking (阅卷), issue 15.
export const writtenZh = {
  'exams.type.written': '主观题',
  'questions.type.written': '主观题',
  'written.kind.short': '简答题',
  'written.kind.essay': '论述题',
  'written.kind.case': '案例分析',
  'written.kind.task': '实操任务',
  'written.import.hasOptions': '主观题不设选项：请将“{column}”等选项列留空。',
  'written.import.badWords': '“{column}”的值“{value}”无法识别：请写成“最少-最多”，如 300-800。',
  'written.import.rubricNoName': '“{column}”第 {line} 行“{value}”缺少评分项名称：请写成“评分项: 0 描述 | 2 描述 | …”。',
  'written.import.rubricBadLevel': '“{column}”第 {line} 行的档次“{value}”无法识别：每档以分数开头，如“2 指出一项风险”，档次之间用 | 分隔。',
  'written.import.rubricEmpty': '“{column}”为空：主观题至少需要两个评分项。',
  'written.template.help.rubric':
    '主观题必填，其他题型留空。每行一个评分项，写成“评分项: 0 描述 | 2 描述 | 4 描述”：档次从 0 分起逐档递增，用 | 分隔；本题分值为各评分项最高档之和（5–40 分）。',
  'written.template.help.words': '主观题必填：建议字数，写成“最少-最多”，如 300-800（仅作提示，不强制）。',
  'written.template.note':
    '主观题（题型填 主观题、简答、论述、案例分析-主观 或 实操任务）：“答案”列填写参考答案（至少 100 字，阅卷后向学员展示），“评分标准”和“字数”列必填，选项列留空。',
} as const;
