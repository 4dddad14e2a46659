// study strings (zh-CN). Keys are prefixed 'study.'; the .en.ts twin must have the same keys.
export const studyZh = {
} as const;
