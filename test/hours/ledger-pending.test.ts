import { describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers/app.js';
import { log, sessionAt } from './dashboards-fixtures.js';

// A class's ledger rows count from the class's end (totals.effectiveAt). The ledger table lists
// them at once and says they are pending; hours' ledgerRows decides it, the page only shows it.

describe('the ledger table of a class still running', () => {
  it('marks its rows pending for the admin and the trainee until the class has ended, and only those', async () => {
    const t = await makeTestApp();
    const { a } = await t.twoInstitutions();
    const now = Date.now();
    const running = sessionAt(t, a.cohort, now - 3_600_000, { title: '正在上课' });
    const ended = sessionAt(t, a.cohort, now - 5 * 3_600_000, { title: '已下课' });
    const pendingRow = log(t, a.cohort, a.trainee.id, 'faceToFace', 120, { sessionId: running.id, recordedAt: now - 60_000 });
    const countedRow = log(t, a.cohort, a.trainee.id, 'faceToFace', 180, { sessionId: ended.id, recordedAt: now - 2 * 3_600_000 });
    const rowHtml = (html: string, id: number) => html.match(new RegExp(`<tr id="entry-${id}"[\\s\\S]*?</tr>`))?.[0] ?? '';
    for (const [url, email] of [
      [`/admin/cohorts/${a.cohort.id}/trainees/${a.trainee.id}/hours`, a.admin.email],
      ['/me/progress', a.trainee.email],
    ] as const) {
      const res = await t.request(url, { cookie: await t.login(email) });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(rowHtml(html, pendingRow.id)).toContain('data-testid="ledger-pending"');
      expect(rowHtml(html, countedRow.id)).toContain('已下课');
      expect(rowHtml(html, countedRow.id)).not.toContain('ledger-pending');
    }
    // Once the class is over, the same row counts and says nothing more.
    t.db.$client.prepare('update class_sessions set ends_at = ? where id = ?').run(now - 1000, running.id);
    const after = await (await t.request('/me/progress', { cookie: await t.login(a.trainee.email) })).text();
    expect(after).not.toContain('ledger-pending');
  });
});
