import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/app.js';

// Issue 13: the admin's cohort page as tabs (名单 / 课时 / 考勤 / 考试 / 证明), each tab a page of its own.

const TABS = [
  { label: '名单', path: (id: number) => `/admin/cohorts/${id}` },
  { label: '课时', path: (id: number) => `/admin/cohorts/${id}/hours` },
  { label: '考勤', path: (id: number) => `/cohorts/${id}/sessions` },
  { label: '考试', path: (id: number) => `/cohorts/${id}/exams` },
  { label: '证明', path: (id: number) => `/admin/cohorts/${id}/proof` },
];

const tabBar = (html: string) => html.match(/<nav class="cohort-tabs"[\s\S]*?<\/nav>/)?.[0] ?? '';

describe('cohort tabs', () => {
  it('shows the same five tabs on each of the admin’s cohort pages, the page’s own marked current', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.admin.email);
    for (const tab of TABS) {
      const res = await t.request(tab.path(a.cohort.id), { cookie });
      expect(res.status, tab.label).toBe(200);
      const bar = tabBar(await res.text());
      for (const other of TABS) expect(bar, tab.label).toContain(`href="${other.path(a.cohort.id)}"`);
      const current = [...bar.matchAll(/<a [^>]*aria-current="page"[^>]*>([^<]*)<\/a>/g)].map((m) => m[1]);
      expect(current, tab.label).toEqual([tab.label]);
    }
  });

  it('is not shown to an instructor, who cannot open the admin’s tabs', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const cookie = await t.login(a.instructor.email);
    for (const path of [`/cohorts/${a.cohort.id}/sessions`, `/cohorts/${a.cohort.id}/exams`]) {
      const res = await t.request(path, { cookie });
      expect(res.status).toBe(200);
      expect(tabBar(await res.text())).toBe('');
    }
  });
});
