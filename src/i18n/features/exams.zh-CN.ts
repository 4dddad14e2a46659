// exams strings (zh-CN). Keys are prefixed 'exams.'; the .en.ts twin must have the same keys.
export const examsZh = {
} as const;
