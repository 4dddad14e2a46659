// Account recovery strings (zh-CN). Keys are prefixed 'account.'; the .en.ts twin must have the same keys.
export const accountZh = {
  'account.forgotLink': '忘记密码？',
  'account.forgot.title': '忘记密码',
  'account.forgot.intro':
    '为保护学员的学时和证书记录，密码只能通过一次性的重置链接重新设置。本平台默认不发送电子邮件，重置链接由以下人员当面或通过机构的工作渠道交给您：',
  'account.forgot.trainee': '学员和讲师：请联系所在培训机构的管理员。管理员在班级名单（讲师在机构管理首页）中点击“生成密码重置链接”，把链接交给您。',
  'account.forgot.admin': '机构管理员：请联系项目管理办公室，由其技术人员为您生成重置链接。',
  'account.forgot.link':
    '重置链接 7 天内有效，只能使用一次；生成新链接后，旧链接随即失效。设置新密码后，您的账户在所有设备上的登录都会退出，需要用新密码重新登录。',
  'account.forgot.noEmail': '本平台默认不发送电子邮件（未配置邮件服务器 SMTP），因此这里不能输入邮箱自助找回。',
  'account.forgot.back': '返回登录',
  'account.forgot.itSummary': '技术说明（供项目管理办公室的 IT 人员）',
  'account.forgot.itCommand': '在服务器上本平台程序的目录中运行以下命令，为任一已有账户生成重置链接（会记入审计日志）：',
  'account.resetLink': '生成密码重置链接',
  'account.resetCreated': '{name} 的密码重置链接（7 天内有效，只显示这一次）。此前发出的链接已失效；设置新密码后，其账户在所有设备上的登录都会退出：',
} as const;
