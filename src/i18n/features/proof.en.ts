import type { proofZh } from './proof.zh-CN.js';

export const proofEn: Record<keyof typeof proofZh, string> = {
};
