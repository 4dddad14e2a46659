import type { adminZh } from './admin.zh-CN.js';

export const adminEn: Record<keyof typeof adminZh, string> = {
  'admin.tabs.label': 'Cohort sections',
  'admin.tabs.roster': 'Roster',
  'admin.tabs.hours': 'Hours',
  'admin.tabs.attendance': 'Attendance',
  'admin.tabs.exams': 'Exams',
  'admin.tabs.proof': 'Certificates',
};
