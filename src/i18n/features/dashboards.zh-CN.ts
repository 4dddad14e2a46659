// dashboards strings (zh-CN). Keys are prefixed 'dashboards.'; the .en.ts twin must have the same keys.
export const dashboardsZh = {
} as const;
