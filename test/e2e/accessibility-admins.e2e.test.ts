import { describe, expect, it } from 'vitest';
import { useDemoBrowser } from './browser.js';
import { check, demoIds, describeFindings, findingOf, signedIn, type Finding } from './accessibility.js';

// WCAG 2.1 AA (axe-core) and phone width for every page kind institution admins and the programme office see (test/e2e/accessibility.ts).

describe('every page kind is accessible and fits a phone: institution admins and the programme office', () => {
  const env = useDemoBrowser();

  it('an institution admin: dashboard, cohort, hours, audit, LMS, proof', async () => {
    await check(env, 'admin@example.com', (ids) => [
      '/admin',
      `/admin/cohorts/${ids.cohortId}`,
      `/admin/cohorts/${ids.cohortId}/hours`,
      '/admin/audit',
      '/admin/lms',
      `/admin/cohorts/${ids.cohortId}/proof`,
    ]);
  });

  it('an institution admin managing people: trainee, removal confirmation, cohort edit, import preview, QR sheet', async () => {
    await check(env, 'admin@example.com', (ids) => [
      `/admin/cohorts/${ids.cohortId}/trainees/${ids.traineeId}`,
      `/admin/cohorts/${ids.cohortId}/trainees/${ids.traineeId}/remove`,
      `/admin/cohorts/${ids.cohortId}/edit`,
    ]);
    // The preview and the sheet are answers to form posts: reached through the forms.
    const ids = demoIds(env.server.db);
    const findings: Finding[] = [];
    for (const width of [1366, 390]) {
      const { page, close } = await signedIn(env.browser, env.server.url, 'admin@example.com', width);
      await page.goto(`${env.server.url}/admin/cohorts/${ids.cohortId}`);
      const csv = `姓名,身份证号/工号,电子邮箱,手机号,学历,金融从业年限\n无障碍${width},E${width},a11y-${width}@example.com,,本科,1\n张学员,11010519491231002X,trainee@example.com,13900001111,硕士,2\n`;
      await page.getByLabel('名单文件（CSV 或 XLSX）').setInputFiles({ name: 'a11y.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: '上传并预览' }).click();
      await page.waitForURL('**/roster/preview');
      findings.push(await findingOf(page, 'roster preview', width));
      await page.getByRole('button', { name: /确认导入/ }).click();
      await page.waitForURL(/\/admin\/cohorts\/\d+$/);
      await page.getByRole('button', { name: '生成可打印的二维码页' }).click();
      await page.waitForURL('**/invites');
      findings.push(await findingOf(page, 'activation sheet', width));
      await close();
    }
    expect(describeFindings(findings)).toBe('');
  });

  it('the programme office: institutions, audit, proof', async () => {
    await check(env, 'office@example.com', (ids) => ['/office', `/office/cohorts/${ids.cohortId}`, '/office/audit', '/office/proof']);
  });
});
