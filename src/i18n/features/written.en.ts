import type { writtenZh } from './written.zh-CN.js';

export const writtenEn: Record<keyof typeof writtenZh, string> = {
  'exams.type.written': 'Written',
  'questions.type.written': 'Written',
  'written.kind.short': 'Short answer',
  'written.kind.essay': 'Essay',
  'written.kind.case': 'Case analysis',
  'written.kind.task': 'Practical task',
};
