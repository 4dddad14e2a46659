import type { sessionsZh } from './sessions.zh-CN.js';

export const sessionsEn: Record<keyof typeof sessionsZh, string> = {
};
