// The institution admin's cohort pages: tabs, managing people, roster import preview.
export const adminZh = {
  'admin.tabs.label': '班级栏目',
  'admin.tabs.roster': '名单',
  'admin.tabs.hours': '课时',
  'admin.tabs.attendance': '考勤',
  'admin.tabs.exams': '考试',
  'admin.tabs.proof': '证明',
} as const;
