// questions strings (zh-CN). Keys are prefixed 'questions.'; the .en.ts twin must have the same keys.
export const questionsZh = {
} as const;
