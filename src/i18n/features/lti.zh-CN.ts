// lti strings (zh-CN). Keys are prefixed 'lti.'; the .en.ts twin must have the same keys.
export const ltiZh = {
} as const;
