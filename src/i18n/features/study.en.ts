import type { studyZh } from './study.zh-CN.js';

export const studyEn: Record<keyof typeof studyZh, string> = {
};
