import type { dashboardsZh } from './dashboards.zh-CN.js';

export const dashboardsEn: Record<keyof typeof dashboardsZh, string> = {
};
