import type { questionsZh } from './questions.zh-CN.js';

export const questionsEn: Record<keyof typeof questionsZh, string> = {
};
