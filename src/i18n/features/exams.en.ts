import type { examsZh } from './exams.zh-CN.js';

export const examsEn: Record<keyof typeof examsZh, string> = {
};
