// proof strings (zh-CN). Keys are prefixed 'proof.'; the .en.ts twin must have the same keys.
export const proofZh = {
} as const;
