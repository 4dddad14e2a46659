import type { ltiZh } from './lti.zh-CN.js';

export const ltiEn: Record<keyof typeof ltiZh, string> = {
};
