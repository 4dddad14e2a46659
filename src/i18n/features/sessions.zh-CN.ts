// sessions strings (zh-CN). Keys are prefixed 'sessions.'; the .en.ts twin must have the same keys.
export const sessionsZh = {
} as const;
