// Written questions (主观题) and marking (阅卷), issue 15.
export const writtenZh = {
  'exams.type.written': '主观题',
  'questions.type.written': '主观题',
  'written.kind.short': '简答题',
  'written.kind.essay': '论述题',
  'written.kind.case': '案例分析',
  'written.kind.task': '实操任务',
} as const;
